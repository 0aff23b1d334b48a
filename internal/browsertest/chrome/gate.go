package chrome

import (
	"context"
	"sync"
	"testing"
	"time"
)

// Gate holds one request on the server while a test looks at the page
// that sent it: the page's pending state is visible only while its answer
// is on the way.
type Gate struct {
	arrived chan struct{} // closed when the request has reached the gate
	release chan struct{} // closed to let it go on
	once    sync.Once
}

// NewGate returns a closed gate; it opens at the end of the test at the
// latest, so that no request outlives the test.
func NewGate(tb testing.TB) *Gate {
	g := &Gate{arrived: make(chan struct{}), release: make(chan struct{})}
	tb.Cleanup(g.Open)
	return g
}

// Pass is what the held request does: note that it arrived, then wait
// until the gate opens or ctx ends. Only one request may pass a gate.
func (g *Gate) Pass(ctx context.Context) error {
	close(g.arrived)
	select {
	case <-g.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Open lets the held request go on.
func (g *Gate) Open() { g.once.Do(func() { close(g.release) }) }

// WaitArrived fails the test unless a request reaches the gate within
// WaitTimeout.
func (g *Gate) WaitArrived(tb testing.TB) {
	tb.Helper()
	select {
	case <-g.arrived:
	case <-time.After(WaitTimeout):
		tb.Fatalf("the request did not reach the server within %v", WaitTimeout)
	}
}

// Gates are the gates of a test's server, by a key the server knows a
// request by (an action's name, a route): the next request with a key
// waits at its gate, if the test set one.
type Gates struct {
	tb testing.TB
	mu sync.Mutex
	m  map[string]*Gate
}

// NewGates returns a server's gates, none set.
func NewGates(tb testing.TB) *Gates { return &Gates{tb: tb, m: map[string]*Gate{}} }

// Hold sets a gate for the next request with key and returns it.
func (gs *Gates) Hold(key string) *Gate {
	g := NewGate(gs.tb)
	gs.mu.Lock()
	gs.m[key] = g
	gs.mu.Unlock()
	return g
}

// Pass makes a request with key wait at its gate, if one is set (each gate
// holds one request), and returns ctx's error if the wait ended with it.
func (gs *Gates) Pass(ctx context.Context, key string) error {
	gs.mu.Lock()
	g := gs.m[key]
	delete(gs.m, key)
	gs.mu.Unlock()
	if g == nil {
		return nil
	}
	return g.Pass(ctx)
}
