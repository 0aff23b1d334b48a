package cache

import (
	"context"
	"sync/atomic"
)

// Options configure a [Cache]. The zero value is a cache of one process:
// an in-memory store of [DefaultMemoryBytes], no shared tier, no bus.
type Options struct {
	// Local is the tier in this process's memory, read first: nil means
	// NewMemory(DefaultMemoryBytes).
	Local Store
	// Shared is a tier shared by every instance of the application (the
	// Redis adapter), read when Local misses, so that an instance gets
	// what another computed. nil means none.
	Shared Store
	// Bus carries invalidations to the other instances, which drop them
	// from their Local tier. nil means none: invalidations reach this
	// process (and Shared) only. With Shared and no Bus, Local is not
	// used, since it would never hear what other instances invalidate.
	Bus Bus
}

// A Cache holds computed values ([Load]) and rendered pages
// ([Cache.Pages]) under keys and tags, in a local tier and optionally a
// shared one, and invalidates them by tag ([Cache.InvalidateTag]), page
// ([Cache.InvalidatePath]) or layout ([Cache.InvalidateLayout]). It is
// safe for concurrent use. Create one with [New]; a nil *Cache caches
// nothing ([Load] computes every time).
type Cache struct {
	local  Store
	shared Store
	bus    Bus
	// memory is local when it is a *Memory, which can keep decoded
	// values with its entries (LoadOptions.ReadOnly); nil otherwise.
	memory *Memory
	// trusted is false while the bus may be losing messages: the local
	// tier may then hold what another instance invalidated, so it is
	// neither read nor written.
	trusted   atomic.Bool
	unsub     func()
	flights   flights
	flushings atomic.Uint64 // local flushes after reconnecting, for tests
}

// New returns a cache with the given tiers and bus, and subscribes to the
// bus (until [Cache.Close]).
func New(opts Options) *Cache {
	c := &Cache{local: opts.Local, shared: opts.Shared, bus: opts.Bus}
	if c.local == nil {
		c.local = NewMemory(DefaultMemoryBytes)
	}
	c.memory, _ = c.local.(*Memory)
	if c.bus == nil {
		c.trusted.Store(c.shared == nil)
	} else {
		c.unsub = c.bus.Subscribe(listener{c})
	}
	return c
}

// Close stops listening to the bus. The cache still serves from its
// shared tier, but no longer from its local one, which would miss other
// instances' invalidations. It returns nil.
func (c *Cache) Close() error {
	if c.unsub != nil {
		c.unsub()
		c.trusted.Store(false)
	}
	return nil
}

// Connected reports whether the cache hears other instances'
// invalidations: always with neither a bus nor a shared tier; with a bus,
// once it has subscribed and while it stays connected. While it does not, the local tier is
// neither read nor written. A readiness check may wait for it.
func (c *Cache) Connected() bool { return c.trusted.Load() }

// listener applies other instances' invalidations to the local tier.
type listener struct{ c *Cache }

func (l listener) Invalidated(tags []string) {
	_ = l.c.local.Invalidate(context.Background(), tags...)
}

func (l listener) Connected() {
	// Messages may have been lost since the last connection: whatever the
	// local tier holds may be stale. Flush before trusting it again.
	_ = l.c.local.Invalidate(context.Background(), allTag)
	l.c.flushings.Add(1)
	l.c.trusted.Store(true)
}

func (l listener) Disconnected() { l.c.trusted.Store(false) }

// stamps are the tiers' clocks read before a value is computed, and which
// tiers to store it in.
type stamps struct {
	local, shared       uint64
	useLocal, useShared bool
}

// lookup reads key from the local tier, then the shared one, copying a
// shared hit into the local tier. A miss returns the stamps to store a
// value computed now with. A tier that fails counts as a miss and is not
// written to for this value.
func (c *Cache) lookup(ctx context.Context, key string, extra []string) (env envelope, found bool, st stamps) {
	if c.trusted.Load() {
		v, stamp, err := c.local.Get(ctx, key, extra)
		st.local, st.useLocal = stamp, err == nil
		if v != nil {
			if env, err := decodeEnvelope(v); err == nil {
				return env, true, st
			}
			_ = c.local.Delete(ctx, key)
		}
	}
	if c.shared == nil {
		return envelope{}, false, st
	}
	v, stamp, err := c.shared.Get(ctx, key, extra)
	st.shared, st.useShared = stamp, err == nil
	if v == nil {
		return envelope{}, false, st
	}
	env, err = decodeEnvelope(v)
	if err != nil {
		// Another version's entry, or garbage: recompute and overwrite.
		return envelope{}, false, st
	}
	if st.useLocal {
		if ttl := env.ttl(now()); ttl >= 0 {
			_ = c.local.Set(ctx, key, v, append(env.tags(), allTag), st.local, ttl)
		}
	}
	return env, true, st
}

// store writes an entry computed after lookup returned st into the tiers
// st allows.
func (c *Cache) store(ctx context.Context, key string, env envelope, tags []string, st stamps) {
	if !st.useLocal && !st.useShared {
		return
	}
	// The value is computed: keep it for the others even if the caller
	// that computed it has left.
	ctx = context.WithoutCancel(ctx)
	ttl := env.ttl(now())
	if ttl < 0 {
		return
	}
	v := env.encode()
	tags = append(tags[:len(tags):len(tags)], allTag)
	if st.useLocal && c.trusted.Load() {
		_ = c.local.Set(ctx, key, v, tags, st.local, ttl)
	}
	if st.useShared {
		// The shared store's errors are its own to report (the Redis
		// adapter logs an outage once); the value is served anyway.
		_ = c.shared.Set(ctx, key, v, tags, st.shared, ttl)
	}
}
