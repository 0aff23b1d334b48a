package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// The line of an INFO record is formatted at the log buffer's next flush,
// not while the request waits for its answer. Formatting a line takes about
// a microsecond, but a handler that runs on after reading the request's
// body costs more than its own time: net/http then starts a goroutine that
// watches the connection, and the longer the handler runs, the likelier it
// is that another thread has to be woken to run that goroutine, and again
// to stop it (bench/README.md, "Reading them"). Measured at one connection,
// calls with no log line at all cost 11% less CPU than calls that format
// theirs. A WARN or ERROR record is formatted and written at once, after
// the lines waiting before it. What a crash can lose is what the log
// buffer could already lose: the INFO lines of the last logFlushEvery.
//
// A record's values are resolved (LogValue) when it is logged, but what a
// pointer among them points to is read when the line is formatted: values
// logged at INFO must not change after. The framework's call lines hold
// strings, numbers and durations only.

// maxQueuedRecords bounds the records waiting: past it, the record that
// fills the queue formats them all, in its own request.
const maxQueuedRecords = 1024

// A logQueue holds INFO records for a logBuffer until its next flush.
type logQueue struct {
	out     *logBuffer
	every   time.Duration // how long a record may wait: logFlushEvery
	mu      sync.Mutex
	pending []queuedRecord
	armed   bool // a flush is due within logFlushEvery
	// formatting is held while waiting records are formatted, so that
	// lines are written in the order of their records.
	formatting sync.Mutex
}

type queuedRecord struct {
	h slog.Handler
	r slog.Record
}

func newLogQueue(out *logBuffer) *logQueue { return &logQueue{out: out, every: logFlushEvery} }

// Handler returns a handler formatting with h, through the queue.
func (q *logQueue) Handler(h slog.Handler) slog.Handler { return queuedHandler{h, q} }

// resolved is a copy of r, which the caller may reuse, with its values
// resolved now: a LogValue method runs in the caller, where it may log in
// turn, and sees what it would have seen unqueued.
func resolved(r slog.Record) slog.Record {
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(resolveAttr(a))
		return true
	})
	return out
}

func resolveAttr(a slog.Attr) slog.Attr {
	a.Value = a.Value.Resolve()
	if a.Value.Kind() == slog.KindGroup {
		group := a.Value.Group()
		attrs := make([]slog.Attr, len(group))
		for i, g := range group {
			attrs[i] = resolveAttr(g)
		}
		a.Value = slog.GroupValue(attrs...)
	}
	return a
}

func (q *logQueue) add(h slog.Handler, r slog.Record) error {
	r = resolved(r) // before the lock: a LogValue method may log
	q.mu.Lock()
	q.pending = append(q.pending, queuedRecord{h, r})
	full := len(q.pending) >= maxQueuedRecords
	if !q.armed {
		q.armed = true
		time.AfterFunc(q.every, func() { q.Flush() })
	}
	q.mu.Unlock()
	if !full {
		return nil
	}
	q.formatting.Lock()
	defer q.formatting.Unlock()
	return q.format()
}

// format writes the lines of the waiting records to the buffer; the caller
// holds q.formatting.
func (q *logQueue) format() error {
	q.mu.Lock()
	batch := q.pending
	q.pending = nil
	q.mu.Unlock()
	var err error
	for _, e := range batch {
		// The request's context is not kept: the text handler has no use
		// for it, and it would keep the request alive until the flush.
		err = errors.Join(err, e.h.Handle(context.Background(), e.r))
	}
	return err
}

// Flush formats the waiting records and writes out the buffer.
func (q *logQueue) Flush() error {
	q.mu.Lock()
	q.armed = false
	q.mu.Unlock()
	q.formatting.Lock()
	defer q.formatting.Unlock()
	return errors.Join(q.format(), q.out.Flush())
}

// queuedHandler queues records below WARN and writes the others out at
// once, after those waiting.
type queuedHandler struct {
	slog.Handler
	q *logQueue
}

func (h queuedHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < slog.LevelWarn {
		return h.q.add(h.Handler, r)
	}
	h.q.formatting.Lock()
	defer h.q.formatting.Unlock()
	err := h.q.format()
	err = errors.Join(err, h.Handler.Handle(ctx, r))
	return errors.Join(err, h.q.out.Flush())
}

func (h queuedHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return queuedHandler{h.Handler.WithAttrs(attrs), h.q}
}

func (h queuedHandler) WithGroup(name string) slog.Handler {
	return queuedHandler{h.Handler.WithGroup(name), h.q}
}
