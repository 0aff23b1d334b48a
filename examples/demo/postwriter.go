package main

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
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

// commitTimeout bounds a batch's commit: a database that stops answering
// fails the batch's posts instead of holding every later one.
const commitTimeout = 10 * time.Second

// lead commits batch, then hands the posts that arrived meanwhile to the
// first of them to commit, or stops leading if none did. Should the
// commit panic, every post of the batch without an answer gets an error
// and the next batch is handed on all the same, so that no caller waits
// for ever.
func (w *postWriter) lead(batch []*postRequest) {
	defer w.handOff()
	defer func() {
		if p := recover(); p != nil {
			err := fmt.Errorf("creating the post: %v", p)
			for _, req := range batch {
				select { // a full channel holds the answer already
				case req.turn <- postTurn{err: err}:
				default:
				}
			}
			panic(p)
		}
	}()
	w.commit(batch)
}

func (w *postWriter) handOff() {
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

// commit creates the batch's posts in one transaction. If an insert
// fails, the transaction is rolled back and each post is tried alone, so
// that every caller gets its own post's outcome. If the commit itself
// fails, every post gets the error: the database may have committed
// before the answer was lost, and trying again could create them twice.
func (w *postWriter) commit(batch []*postRequest) {
	// Not a caller's context: the callers may have gone, their posts are
	// created still.
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	if len(batch) > 1 {
		ids, committing, err := w.insertAll(ctx, batch)
		if err == nil || committing {
			for i, req := range batch {
				if err != nil {
					req.turn <- postTurn{err: err}
				} else {
					req.turn <- postTurn{id: ids[i]}
				}
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

// insertAll creates the batch's posts in one transaction; committing says
// whether an error came from the commit.
func (w *postWriter) insertAll(ctx context.Context, batch []*postRequest) (ids []int64, committing bool, err error) {
	// The pool's prepared statement, got before the transaction takes the
	// SQLite writer's one connection: preparing it within would wait for
	// that connection for ever.
	stmt := w.db.stmts.get(ctx, w.db.dialect.placeholders(insertPost))
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, false, err
	}
	defer tx.Rollback() // after Commit, does nothing
	insert := func(args ...any) *sql.Row { return tx.QueryRowContext(ctx, insertPost, args...) }
	if stmt != nil {
		txStmt := tx.tx.StmtContext(ctx, stmt)
		defer txStmt.Close()
		insert = func(args ...any) *sql.Row { return txStmt.QueryRowContext(ctx, args...) }
	}
	ids = make([]int64, len(batch))
	for i, req := range batch {
		if err := insert(req.title, req.content, req.created).Scan(&ids[i]); err != nil {
			return nil, false, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, true, err
	}
	return ids, false, nil
}
