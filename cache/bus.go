package cache

import (
	"context"
	"sync"
)

// A Bus carries invalidations between the instances of an application, so
// that each drops from its local tier what another invalidated. Delivery
// may be lossy (Redis pub/sub is): a bus that may have lost messages says
// so with [Listener.Disconnected], and [Listener.Connected] once it
// delivers again; the [Cache] then stops trusting its local tier, and
// flushes it on reconnecting. A Bus reports its own outages (logging
// them), since the Cache does not log its errors.
//
// The github.com/goactions/actions/redis module provides one over Redis
// pub/sub; [LocalBus] connects caches within one process.
type Bus interface {
	// Publish tells every other instance that tags were invalidated. It
	// returns once the bus has taken the message, not once it is
	// delivered. Delivering it to the publisher too is harmless: it has
	// applied it already.
	Publish(ctx context.Context, tags []string) error

	// Subscribe delivers invalidations published by other instances to l,
	// until stop is called. It calls l.Connected once it is sure to hear
	// every message published from then on (for a local bus, before it
	// returns). Calls to l are made one at a time.
	Subscribe(l Listener) (stop func())
}

// A Listener hears a [Bus]. [Cache] is the listener that matters; its
// implementation is not exported.
type Listener interface {
	// Invalidated is called with the tags another instance invalidated.
	Invalidated(tags []string)
	// Connected is called when the bus delivers every message from now
	// on: at first, and after a disconnection (when messages in between
	// may have been lost).
	Connected()
	// Disconnected is called when messages may be lost from now on.
	Disconnected()
}

// LocalBus connects the caches of one process: what one invalidates, the
// others drop, synchronously (the publisher hears its own messages too). It never loses a message. The zero value is
// ready to use, and it is safe for concurrent use. It is what tests and
// benchmarks of several instances use without a network, and a template
// for a Bus of another technology.
type LocalBus struct {
	mu        sync.Mutex
	listeners map[*localSub]bool
}

type localSub struct{ l Listener }

// Publish implements [Bus]: every subscriber's Invalidated runs
// before it returns. ctx is not used. It never fails.
func (b *LocalBus) Publish(_ context.Context, tags []string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for s := range b.listeners {
		s.l.Invalidated(tags)
	}
	return nil
}

// Subscribe implements [Bus].
func (b *LocalBus) Subscribe(l Listener) (stop func()) {
	s := &localSub{l: l}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.listeners == nil {
		b.listeners = map[*localSub]bool{}
	}
	b.listeners[s] = true
	l.Connected()
	return func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		delete(b.listeners, s)
	}
}
