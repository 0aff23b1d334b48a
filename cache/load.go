package cache

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"time"
)

// LoadOptions say how [Load] keeps a value.
type LoadOptions struct {
	// Tags name what the value depends on ("posts", "user:7"):
	// [Cache.InvalidateTag] of any of them drops it. The tags of values
	// loaded while computing this one are added to them.
	Tags []string
	// TTL is how long the value is fresh; 0 means until invalidated (or
	// evicted).
	TTL time.Duration
	// Stale is how long after TTL the value may still be served, while one
	// caller recomputes it in the background (stale-while-revalidate).
	// Only with a TTL. An invalidated value is never served stale.
	Stale time.Duration
	// ReadOnly promises that callers never modify the value Load returns,
	// nor anything it points to (slices, maps, pointers). A hit in the
	// in-memory local tier then returns the value decoded at the entry's
	// first hit, one value shared by every caller, instead of decoding
	// the stored JSON on every call (for a list of 50 posts, decoding
	// costs as much as reading them from SQLite). Without it each caller
	// gets a value of its own. The shared value is kept with its entry,
	// and goes when the entry does (invalidated, replaced or evicted).
	ReadOnly bool
}

// dataPrefix keeps values apart from pages, which share the tiers.
const dataPrefix = "data:"

// Load returns the value cached under key, or computes it with fn, caches
// it and returns it (Next.js's unstable_cache and 'use cache'):
//
//	posts, err := cache.Load(ctx, c, "posts:recent", cache.LoadOptions{Tags: []string{"posts"}},
//		func(ctx context.Context) ([]Post, error) { return db.RecentPosts(ctx, 20) })
//
// Concurrent calls for a key that is not cached wait for one computation
// rather than running fn each. fn runs in the goroutine of the first
// caller, with its context; if that caller gives up (its context ends),
// the next one waiting computes instead. A panic in fn goes on in the
// caller that ran it and becomes an error for the others.
//
// An error from fn is returned to the callers that waited for it, and
// never cached: the next call computes again.
//
// Values are stored as JSON (encoding/json): readable in a shared store,
// stable across Go releases and instances, and keeping nil and empty
// slices apart. T must round-trip through it (exported fields;
// time.Time keeps its instant but not its location). Every caller, the
// one that computed included, gets the value decoded from what was
// stored, so that a value that does not round-trip shows on the first call
// and not only on later ones; one that cannot be encoded is an error.
//
// Under a context from [Track], the value's tags are recorded. Under one
// from [WithPage], a value is also stale for that page once the page or a
// layout above it is invalidated. A nil c caches nothing: fn runs every
// time.
func Load[T any](ctx context.Context, c *Cache, key string, opts LoadOptions, fn func(context.Context) (T, error)) (T, error) {
	var v T
	if c == nil {
		record(ctx, opts.Tags)
		return fn(ctx)
	}
	call := &loadCall{
		key:  dataPrefix + key,
		opts: opts,
		compute: func(ctx context.Context) ([]byte, error) {
			v, err := fn(ctx)
			if err != nil {
				return nil, err
			}
			payload, err := json.Marshal(v)
			if err != nil {
				return nil, fmt.Errorf("cache: the value of %q cannot be stored: %w", key, err)
			}
			return payload, nil
		},
		decode: func(payload []byte) error {
			var t T
			if err := json.Unmarshal(payload, &t); err != nil {
				return err
			}
			v = t
			return nil
		},
		decoded: func() any { return v },
		reuse: func(d any) bool {
			t, ok := d.(T)
			if ok {
				v = t
			}
			return ok
		},
	}
	if err := c.load(ctx, call); err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// A loadCall is Load without its type parameter, for the code that does
// not need it.
type loadCall struct {
	key     string
	opts    LoadOptions
	compute func(context.Context) ([]byte, error)
	decode  func([]byte) error
	// decoded is the value decode set, and reuse sets it from one
	// decoded before (false if it is not a value of this type).
	decoded func() any
	reuse   func(any) bool
}

func (c *Cache) load(ctx context.Context, call *loadCall) error {
	extra := pageTags(ctx)
	env, found, _ := c.lookup(ctx, call.key, extra)
	if found && c.decodeHit(call, &env) == nil {
		// An entry that does not decode (T changed in a deploy) is
		// computed again below, and overwritten.
		recordEntry(ctx, &env)
		if env.stale(now()) {
			c.revalidate(ctx, call, extra)
		}
		return nil
	}
	for {
		fl, leader := c.flights.join(call.key)
		if leader {
			return c.fill(ctx, call, extra, fl, false)
		}
		if err := fl.wait(ctx); err != nil {
			return err
		}
		if fl.err != nil && ctx.Err() == nil && isContextErr(fl.err) {
			continue // its leader gave up, not us: lead the next one
		}
		if fl.err != nil {
			return fl.err
		}
		record(ctx, fl.tags)
		return call.decode(fl.payload)
	}
}

// decodeHit decodes the payload of an entry lookup found, or for a
// ReadOnly call reuses the value decoded from the same bytes before.
func (c *Cache) decodeHit(call *loadCall, env *envelope) error {
	if !call.opts.ReadOnly || c.memory == nil {
		return call.decode(env.payload)
	}
	if d, ok := c.memory.decoded(call.key, env.raw); ok && call.reuse(d) {
		return nil
	}
	if err := call.decode(env.payload); err != nil {
		return err
	}
	c.memory.keepDecoded(call.key, env.raw, call.decoded())
	return nil
}

// fill computes the value as the leader of fl, stores it and lands fl.
// In the background (stale-while-revalidate) nobody waits to see a panic,
// so it becomes the flight's error.
func (c *Cache) fill(ctx context.Context, call *loadCall, extra []string, fl *flight, background bool) (err error) {
	defer func() {
		if p := recover(); p != nil {
			c.flights.crash(call.key, fl, fmt.Sprintf("%v\n%s", p, debug.Stack()))
			if !background {
				panic(p)
			}
		}
	}()
	// A flight that landed between our lookup and our lead may have
	// stored the value: read again (which also gives the stamps to store
	// with, taken before computing).
	env, found, st := c.lookup(ctx, call.key, extra)
	if found && !env.stale(now()) && call.decode(env.payload) == nil {
		fl.payload, fl.tags = env.payload, env.tags()
		record(ctx, fl.tags)
		c.flights.land(call.key, fl)
		return nil
	}
	tctx, reads := Track(ctx)
	record(tctx, call.opts.Tags)
	payload, err := call.compute(tctx)
	if err == nil {
		err = call.decode(payload)
	}
	if err != nil {
		fl.err = err
		c.flights.land(call.key, fl)
		return err
	}
	fl.payload, fl.tags = payload, reads.Tags()
	c.store(ctx, call.key, newEnvelope(payload, fl.tags, call.opts.TTL, call.opts.Stale), fl.tags, st)
	c.flights.land(call.key, fl)
	return nil
}

// revalidate recomputes a stale value in the background, unless a
// computation of it is under way. The caller's context may end as soon as
// it has its answer; the computation keeps its values, not its end.
func (c *Cache) revalidate(ctx context.Context, call *loadCall, extra []string) {
	fl, leader := c.flights.join(call.key)
	if !leader {
		return
	}
	bg := *call
	bg.decode = func([]byte) error { return nil } // nobody reads the result
	go c.fill(context.WithoutCancel(ctx), &bg, extra, fl, true)
}

// recordEntry records a hit's tags, if anyone tracks them.
func recordEntry(ctx context.Context, env *envelope) {
	if env.nTags > 0 && ctx.Value(readsKey{}) != nil {
		record(ctx, env.tags())
	}
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
