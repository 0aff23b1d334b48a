package main

import (
	"context"
	"database/sql"
	"sync"
)

// maxPostBatch bounds how many posts one transaction creates.
const maxPostBatch = 64

// insertPost is the one statement that creates a post.
const insertPost = `INSERT INTO posts (title, content, created_at) VALUES (?, ?, ?) RETURNING id`

// A postWriter creates posts in batches (group commit): the posts
// submitted while a commit is under way are created together in the next
// transaction. On SQLite, where a commit writes the pages it changed to
// the WAL, the posts of a batch share the writes of the table's last page
// and of the counters row a trigger keeps, instead of each post writing
// them again: under load a post costs less than half, and the queue
// behind the one writer is shorter.
//
// There is no writer goroutine: the caller that finds no commit under way
// commits its post at once, itself (a post alone costs what it did
// before); callers arriving meanwhile wait, and when the commit is done
// the first of them commits them all, itself included. Each caller
// commits at most one batch.
type postWriter struct {
	db      *database
	mu      sync.Mutex
	leading bool           // a caller is committing a batch
	waiting []*postRequest // the posts of the next batch
}

type postRequest struct {
	title, content string
	created        int64
	turn           chan postTurn // buffered: whoever sends never waits
}

// A postTurn is what a waiting caller gets: its post's outcome, or the
// batch to commit (its own post first).
type postTurn struct {
	id    int64
	err   error
	batch []*postRequest
}

func newPostWriter(db *database) *postWriter { return &postWriter{db: db} }

// create creates a post and returns its id. A post that has joined a
// batch is created even if its caller's request is cancelled meanwhile,
// as a post is when a request is cancelled during its commit: the batch's
// commit does not depend on one caller.
func (w *postWriter) create(title, content string, created int64) (int64, error) {
	req := &postRequest{title: title, content: content, created: created, turn: make(chan postTurn, 1)}
	w.mu.Lock()
	if w.leading {
		w.waiting = append(w.waiting, req)
		w.mu.Unlock()
		t := <-req.turn
		if t.batch == nil {
			return t.id, t.err
		}
		w.lead(t.batch)
	} else {
		w.leading = true
		w.mu.Unlock()
		w.lead([]*postRequest{req})
	}
	t := <-req.turn
	return t.id, t.err
}

// lead commits batch, then hands the posts that arrived meanwhile to the
// first of them to commit, or stops leading if none did.
func (w *postWriter) lead(batch []*postRequest) {
	w.commit(batch)
	w.mu.Lock()
	n := min(len(w.waiting), maxPostBatch)
	next := w.waiting[:n:n]
	w.waiting = w.waiting[n:]
	if n == 0 {
		w.leading = false
		w.waiting = nil // let the old array go
	}
	w.mu.Unlock()
	if n > 0 {
		next[0].turn <- postTurn{batch: next}
	}
}

// commit creates the batch's posts in one transaction. If one fails, the
// transaction is rolled back and each post is tried alone, so that every
// caller gets its own post's outcome.
func (w *postWriter) commit(batch []*postRequest) {
	ctx := context.Background() // the callers may have gone: their posts are created still
	if len(batch) > 1 {
		if ids, err := w.insertAll(ctx, batch); err == nil {
			for i, req := range batch {
				req.turn <- postTurn{id: ids[i]}
			}
			return
		}
	}
	for _, req := range batch {
		var id int64
		err := w.db.QueryRowContext(ctx, insertPost, req.title, req.content, req.created).Scan(&id)
		req.turn <- postTurn{id: id, err: err}
	}
}

func (w *postWriter) insertAll(ctx context.Context, batch []*postRequest) ([]int64, error) {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() // after Commit, does nothing
	insert := tx.QueryRowContext
	if stmt := w.db.stmts.get(ctx, w.db.dialect.placeholders(insertPost)); stmt != nil {
		// The pool's prepared statement, not the query parsed again.
		insert = func(ctx context.Context, _ string, args ...any) *sql.Row {
			return tx.tx.StmtContext(ctx, stmt).QueryRowContext(ctx, args...)
		}
	}
	ids := make([]int64, len(batch))
	for i, req := range batch {
		if err := insert(ctx, insertPost, req.title, req.content, req.created).Scan(&ids[i]); err != nil {
			return nil, err
		}
	}
	return ids, tx.Commit()
}
