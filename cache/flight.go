package cache

import (
	"context"
	"fmt"
	"sync"
)

// flights coalesce computations: while one caller computes a key, the
// others wait for its result instead of computing it again (a page after
// an invalidation would otherwise be rendered once per request in flight,
// just when the source is busiest). A few lines of our own instead of
// golang.org/x/sync/singleflight: the waiters here must each be able to
// give up with their own context.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

// A flight is one computation of a key. Its fields are written by its
// leader before done is closed, and only read after.
type flight struct {
	done    chan struct{}
	payload []byte      // the value's JSON (Load)
	page    *storedPage // the page, when it could be stored (Pages)
	tags    []string    // what the result depends on
	err     error
}

// join returns the flight computing key, and whether the caller leads it
// (it must then call land).
func (f *flights) join(key string) (fl *flight, leader bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fl := f.m[key]; fl != nil {
		return fl, false
	}
	if f.m == nil {
		f.m = map[string]*flight{}
	}
	fl = &flight{done: make(chan struct{})}
	f.m[key] = fl
	return fl, true
}

// land ends the flight: its result is set, waiters wake up, and the next
// caller starts a new one.
func (f *flights) land(key string, fl *flight) {
	f.mu.Lock()
	delete(f.m, key)
	f.mu.Unlock()
	close(fl.done)
}

// wait waits for the flight to land, or ctx to end.
func (fl *flight) wait(ctx context.Context) error {
	select {
	case <-fl.done:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// crash lands a flight whose leader panicked, so that its waiters get an
// error instead of waiting forever; the leader's panic goes on.
func (f *flights) crash(key string, fl *flight, p any) {
	fl.err = fmt.Errorf("cache: computing %q panicked: %v", key, p)
	f.land(key, fl)
}
