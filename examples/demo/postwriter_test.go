package main

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// Posts created at once by many callers are batched, and each caller gets
// the id of its own post; on PostgreSQL, which refuses a NUL in text, the
// one bad post of a batch fails alone and the others are created.
func TestConcurrentPostsEachGetTheirOwnID(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		d := newDemo(t, db)
		const callers, each = 16, 20
		var wg sync.WaitGroup
		errs := make(chan error, callers*each)
		for c := range callers {
			wg.Go(func() {
				for i := range each {
					title := fmt.Sprintf("caller %d post %d", c, i)
					if db == postgresDialect && c == 3 && i == 7 {
						if _, err := d.app.posts.create("bad\x00title", "x", 1); err == nil {
							errs <- fmt.Errorf("a NUL in a title was created on PostgreSQL")
						}
						continue
					}
					id, err := d.app.posts.create(title, "words", 1)
					if err != nil {
						errs <- fmt.Errorf("%s: %v", title, err)
						continue
					}
					var got string
					if err := d.app.db.QueryRow(`SELECT title FROM posts WHERE id = ?`, id).Scan(&got); err != nil || got != title {
						errs <- fmt.Errorf("%s got id %d, whose title is %q (%v)", title, id, got, err)
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		want := callers * each
		if db == postgresDialect {
			want--
		}
		var n int
		if err := d.app.db.QueryRow(`SELECT value FROM counters WHERE name = 'posts'`).Scan(&n); err != nil || n != want {
			t.Errorf("%d posts counted (%v), want %d", n, err, want)
		}
	})
}

// A batch whose statement is not prepared yet is created all the same:
// the statement is prepared before the transaction takes the SQLite
// writer's one connection, not within it, where it would wait for ever.
func TestFirstBatchPreparesItsStatement(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		d := newDemo(t, db)
		w := d.app.posts
		batch := []*postRequest{
			{title: "one", content: "x", created: 1, turn: make(chan postTurn, 1)},
			{title: "two", content: "x", created: 1, turn: make(chan postTurn, 1)},
		}
		done := make(chan struct{})
		go func() { w.commit(batch); close(done) }()
		select {
		case <-done:
		case <-time.After(chrome.WaitTimeout):
			t.Fatalf("a first batch was not committed within %v", chrome.WaitTimeout)
		}
		for _, req := range batch {
			if turn := <-req.turn; turn.err != nil || turn.id == 0 {
				t.Errorf("%s: id %d, %v", req.title, turn.id, turn.err)
			}
		}
	})
}
