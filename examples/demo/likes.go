package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// The like count. A like button is the busiest action a page has (a click
// is a call, no form to fill in), and the count must not cost a database
// transaction per click: with SQLite, an UPDATE … RETURNING takes some
// 35 to 60 µs (parsing, the WAL write), several times what the rest of
// the call costs. So the count lives where the cache lives, in this
// process's memory or, with REDIS_URL, in Redis, and the database gets it
// written behind, within flushEvery, and when the demo stops.
//
// What a user sees: every like is counted, and each caller gets a count
// of its own, higher than any this instance answered before (the counter
// is atomic: a mutex here, INCR in Redis). With several instances sharing
// a Redis, the counts are distinct and ordered across all of them, since
// Redis holds the one count. Without REDIS_URL, instances sharing the
// database each count on top of the row: every like is kept, but an
// instance shows another's likes only from its own next write on; like
// its in-memory cache, which does not hear the others' revalidations
// either, that is one process's setup, and several want REDIS_URL.
//
// What a crash can lose: without REDIS_URL, the likes of the last
// flushEvery at most, when the process dies without stopping (a kill -9,
// a power loss); SIGINT and SIGTERM write them first. With REDIS_URL, an
// instance dying loses nothing (Redis has the count); Redis losing its
// data (a restart without persistence) loses what no instance had written
// back, and the count starts again from the database's.
//
// The alternative kept every like in the database before answering,
// folding concurrent likes into one transaction (group commit). It only
// helps under concurrency: one user clicking still costs a transaction per
// click, and the count is not a record whose loss anybody audits.

// flushEvery bounds how long a like stays out of the database.
const flushEvery = 100 * time.Millisecond

// flushTimeout bounds one write of the count, the last one at shutdown
// included.
const flushTimeout = 5 * time.Second

// A liveCount holds the count between writes to the database.
type liveCount interface {
	// add counts one like and returns the count now.
	add(ctx context.Context) (int64, error)
	// count is the count now, for a page.
	count(ctx context.Context) (int64, error)
	// flush writes to the database what it lacks. Only the counter's
	// writer calls it, one call at a time.
	flush(ctx context.Context, db *database) error
	// dirty reports whether the database lacks likes.
	dirty() bool
}

// likeCounter is the like count and its writer, the goroutine that writes
// it behind. It is safe for concurrent use.
type likeCounter struct {
	live   liveCount
	db     *database
	logger *slog.Logger

	// mu is held by Add to read closed and by Close to set it: once Close
	// has it, no like is counted that the last write would miss.
	mu     sync.RWMutex
	closed bool

	wake    chan struct{} // a like to write: the writer's alarm (one slot)
	stop    chan struct{}
	stopped chan struct{}
	err     error // the last write's; the writer's only
	once    sync.Once
}

// newLikeCounter reads the count from the database (the writer handle db)
// and starts writing it behind. With a redis client the count lives in
// Redis under key, shared with every instance using it.
func newLikeCounter(ctx context.Context, db *database, redis *goredis.Client, key string, logger *slog.Logger) (*likeCounter, error) {
	var stored int64
	if err := db.QueryRowContext(ctx, `SELECT value FROM counters WHERE name = 'likes'`).Scan(&stored); err != nil {
		return nil, err
	}
	c := &likeCounter{
		live: &memoryCount{stored: stored}, db: db, logger: logger,
		wake: make(chan struct{}, 1), stop: make(chan struct{}), stopped: make(chan struct{}),
	}
	if redis != nil {
		c.live = &redisCount{client: redis, key: key, stored: stored}
	}
	go c.write()
	return c, nil
}

// errLikesClosed refuses a like that comes after the counter closed: a
// stop that outlasted its timeout leaves handlers running, and a like
// counted then would be shown but never written.
var errLikesClosed = errors.New("demo: the server is stopping; the like was not counted")

// Add counts one like and returns the count now.
func (c *likeCounter) Add(ctx context.Context) (int64, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return 0, errLikesClosed
	}
	n, err := c.live.add(ctx)
	if err == nil {
		select {
		case c.wake <- struct{}{}:
		default: // the writer is awake already
		}
	}
	return n, err
}

// Count returns the count now.
func (c *likeCounter) Count(ctx context.Context) (int64, error) { return c.live.count(ctx) }

// Close writes what the database lacks and stops the writer. Likes added
// after are refused with errLikesClosed.
func (c *likeCounter) Close() error {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.once.Do(func() { close(c.stop) })
	<-c.stopped
	return c.err
}

// write is the writer: woken by a like, it lets likes gather for
// flushEvery, then writes them in one statement.
func (c *likeCounter) write() {
	defer close(c.stopped)
	gather := time.NewTimer(flushEvery)
	gather.Stop()
	for {
		select {
		case <-c.wake:
		case <-c.stop:
			c.flush()
			return
		}
		gather.Reset(flushEvery)
		select {
		case <-gather.C:
		case <-c.stop:
			c.flush()
			return
		}
		c.flush()
		if c.live.dirty() {
			// A failed write, or likes that came while it ran and found
			// the alarm already set: go round again.
			select {
			case c.wake <- struct{}{}:
			default:
			}
		}
	}
}

// flush writes the count once, logging when writes start failing and
// when they work again (not every failure: they are retried every
// flushEvery).
func (c *likeCounter) flush() {
	ctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
	defer cancel()
	err := c.live.flush(ctx, c.db)
	switch {
	case err != nil && c.err == nil:
		c.logger.Error("demo: writing the like count; retrying", "err", err)
	case err == nil && c.err != nil:
		c.logger.Info("demo: writing the like count works again")
	}
	c.err = err
}

// memoryCount is the count of one process: the row's value plus the likes
// added here since.
type memoryCount struct {
	mu      sync.Mutex
	stored  int64 // the row's value, as of the last read or write of it
	pending int64 // likes added here and not in stored
}

func (m *memoryCount) add(context.Context) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pending++
	return m.stored + m.pending, nil
}

func (m *memoryCount) count(context.Context) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.stored + m.pending, nil
}

func (m *memoryCount) dirty() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pending > 0
}

// flush adds the pending likes to the row, and takes the row's value,
// which has those of other instances on the same database too: the count
// shown never goes down, since the row has at least what it had plus the
// likes written.
func (m *memoryCount) flush(ctx context.Context, db *database) error {
	m.mu.Lock()
	n := m.pending
	m.mu.Unlock()
	if n == 0 {
		return nil
	}
	var stored int64
	err := db.QueryRowContext(ctx, `UPDATE counters SET value = value + ? WHERE name = 'likes' RETURNING value`, n).Scan(&stored)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stored, m.pending = stored, m.pending-n
	return nil
}
