package cache_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/goactions/actions/cache"
)

// cuttableBus is a LocalBus whose line can be cut: while cut, messages are
// lost, as Redis pub/sub loses them while disconnected, and listeners are
// told. (The Redis bus itself is tested in the redis module.)
type cuttableBus struct {
	cache.LocalBus
	mu        sync.Mutex
	cut       bool
	listeners []cache.Listener
}

func (b *cuttableBus) Publish(ctx context.Context, tags []string) error {
	b.mu.Lock()
	cut := b.cut
	b.mu.Unlock()
	if cut {
		return errors.New("the line is cut")
	}
	return b.LocalBus.Publish(ctx, tags)
}

func (b *cuttableBus) Subscribe(l cache.Listener) func() {
	b.mu.Lock()
	b.listeners = append(b.listeners, l)
	b.mu.Unlock()
	return b.LocalBus.Subscribe(l)
}

func (b *cuttableBus) setCut(cut bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cut = cut
	for _, l := range b.listeners {
		if cut {
			l.Disconnected()
		} else {
			l.Connected()
		}
	}
}

func TestInstances(t *testing.T) {
	ctx := context.Background()
	t.Run("an invalidation on one instance drops the value on another", func(t *testing.T) {
		shared, bus := cache.NewMemory(0), &cache.LocalBus{}
		a := cache.New(cache.Options{Shared: shared, Bus: bus})
		b := cache.New(cache.Options{Shared: shared, Bus: bus})
		src := newSource("v1")
		load(t, ctx, a, src, "k", "posts")
		load(t, ctx, b, src, "k", "posts")
		src.value.Store("v2")
		if err := a.InvalidateTag(ctx, "posts"); err != nil {
			t.Fatal(err)
		}
		if got := load(t, ctx, b, src, "k", "posts"); got != "v2" {
			t.Errorf("b got %q", got)
		}
	})
	t.Run("an instance gets what another computed from the shared tier", func(t *testing.T) {
		shared, bus := cache.NewMemory(0), &cache.LocalBus{}
		a := cache.New(cache.Options{Shared: shared, Bus: bus})
		b := cache.New(cache.Options{Shared: shared, Bus: bus})
		src := newSource("v1")
		load(t, ctx, a, src, "k")
		load(t, ctx, b, src, "k")
		if n := src.reads.Load(); n != 1 {
			t.Errorf("%d reads of the source, want 1", n)
		}
	})
	t.Run("while the bus is cut every read goes to the source, and reconnecting flushes the local tier", func(t *testing.T) {
		bus := &cuttableBus{}
		a := cache.New(cache.Options{Bus: bus})
		b := cache.New(cache.Options{Bus: bus})
		src := newSource("v1")
		load(t, ctx, b, src, "k", "posts")
		bus.setCut(true)
		src.value.Store("v2")
		if err := a.InvalidateTag(ctx, "posts"); err == nil {
			t.Error("publishing on a cut line must say so")
		}
		before := src.reads.Load()
		if got := load(t, ctx, b, src, "k", "posts") + load(t, ctx, b, src, "k", "posts"); got != "v2v2" || src.reads.Load() != before+2 {
			t.Errorf("while cut: got %q after %d reads, want the source's v2 each time", got, src.reads.Load()-before)
		}
		bus.setCut(false)
		if got := load(t, ctx, b, src, "k", "posts"); got != "v2" || b.Flushes() != 2 {
			t.Errorf("after reconnecting: %q, %d flushes (one at the start, one now)", got, b.Flushes())
		}
		before = src.reads.Load()
		load(t, ctx, b, src, "k", "posts")
		if src.reads.Load() != before {
			t.Error("once reconnected, the local tier must serve again")
		}
	})
}

func TestASharedTierWithoutABusLeavesTheLocalTierOut(t *testing.T) {
	ctx := context.Background()
	shared := cache.NewMemory(0)
	a := cache.New(cache.Options{Shared: shared})
	b := cache.New(cache.Options{Shared: shared})
	src := newSource("v1")
	load(t, ctx, b, src, "k", "posts")
	src.value.Store("v2")
	a.InvalidateTag(ctx, "posts") // reaches the shared tier, not b's memory
	if got := load(t, ctx, b, src, "k", "posts"); got != "v2" {
		t.Errorf("b served %q from a tier that never heard the invalidation", got)
	}
}
