package cache_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goactions/actions/cache"
)

// source is a stand-in for a database: it counts how often it is read.
type source struct {
	reads atomic.Int64
	value atomic.Value
}

func newSource(v string) *source {
	s := &source{}
	s.value.Store(v)
	return s
}

func (s *source) read(context.Context) (string, error) {
	s.reads.Add(1)
	return s.value.Load().(string), nil
}

func load(t testing.TB, ctx context.Context, c *cache.Cache, src *source, key string, tags ...string) string {
	t.Helper()
	v, err := cache.Load(ctx, c, key, cache.LoadOptions{Tags: tags}, src.read)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		run       func(c *cache.Cache, src *source) string
		want      string
		wantReads int64
	}{
		{"a value is computed once, then served from the cache", func(c *cache.Cache, src *source) string {
			load(t, ctx, c, src, "k", "posts")
			return load(t, ctx, c, src, "k", "posts")
		}, "v1", 1},
		{"invalidating its tag computes it again", func(c *cache.Cache, src *source) string {
			load(t, ctx, c, src, "k", "posts")
			src.value.Store("v2")
			c.InvalidateTag(ctx, "posts")
			return load(t, ctx, c, src, "k", "posts")
		}, "v2", 2},
		{"invalidating another tag keeps it", func(c *cache.Cache, src *source) string {
			load(t, ctx, c, src, "k", "posts")
			src.value.Store("v2")
			c.InvalidateTag(ctx, "users")
			return load(t, ctx, c, src, "k", "posts")
		}, "v1", 1},
		{"invalidating all computes it again", func(c *cache.Cache, src *source) string {
			load(t, ctx, c, src, "k", "posts")
			src.value.Store("v2")
			c.InvalidateAll(ctx)
			return load(t, ctx, c, src, "k", "posts")
		}, "v2", 2},
		{"a page's invalidation makes what it read stale for that page, not for others", func(c *cache.Cache, src *source) string {
			onA := cache.WithPage(ctx, "/a")
			load(t, onA, c, src, "k", "posts")
			src.value.Store("v2")
			c.InvalidatePath(ctx, "/b")
			onB := load(t, cache.WithPage(ctx, "/b"), c, src, "k", "posts")
			return load(t, onA, c, src, "k", "posts") + " " + onB
		}, "v2 v2", 2},
		{"a layout's invalidation makes what pages below it read stale", func(c *cache.Cache, src *source) string {
			load(t, cache.WithPage(ctx, "/posts/7"), c, src, "k")
			src.value.Store("v2")
			c.InvalidateLayout(ctx, "/posts")
			return load(t, cache.WithPage(ctx, "/posts/7"), c, src, "k")
		}, "v2", 2},
		{"another layout's invalidation does not", func(c *cache.Cache, src *source) string {
			load(t, cache.WithPage(ctx, "/posts/7"), c, src, "k")
			src.value.Store("v2")
			c.InvalidateLayout(ctx, "/users")
			return load(t, cache.WithPage(ctx, "/posts/7"), c, src, "k")
		}, "v1", 1},
		{"a nil cache computes every time", func(_ *cache.Cache, src *source) string {
			load(t, ctx, nil, src, "k")
			return load(t, ctx, nil, src, "k")
		}, "v1", 2},
		{"a value whose TTL passed is computed again", func(c *cache.Cache, src *source) string {
			now := time.Now()
			defer cache.SetClock(func() time.Time { return now })()
			opts := cache.LoadOptions{TTL: time.Minute}
			cache.Load(ctx, c, "k", opts, src.read)
			src.value.Store("v2")
			now = now.Add(time.Minute)
			v, _ := cache.Load(ctx, c, "k", opts, src.read)
			return v
		}, "v2", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newSource("v1")
			got := tt.run(cache.New(cache.Options{}), src)
			if got != tt.want || src.reads.Load() != tt.wantReads {
				t.Errorf("got %q after %d reads, want %q after %d", got, src.reads.Load(), tt.want, tt.wantReads)
			}
		})
	}
}

func TestLoadComputesOnceFor100ConcurrentReaders(t *testing.T) {
	c := cache.New(cache.Options{})
	var computations, waiting atomic.Int64
	release := make(chan struct{})
	fn := func(context.Context) (int, error) {
		computations.Add(1)
		<-release
		return 42, nil
	}
	const readers = 100
	var wg sync.WaitGroup
	results := make(chan int, readers)
	for range readers {
		wg.Go(func() {
			waiting.Add(1)
			v, err := cache.Load(context.Background(), c, "answer", cache.LoadOptions{}, fn)
			if err != nil {
				t.Error(err)
			}
			results <- v
		})
	}
	// Let the computation end only once every reader has asked: a reader
	// that asks after it ends finds the value stored, one that asks during
	// it waits for it; neither computes.
	waitFor(t, "100 readers to ask", func() bool { return waiting.Load() == readers })
	close(release)
	wg.Wait()
	close(results)
	for v := range results {
		if v != 42 {
			t.Fatalf("a reader got %d", v)
		}
	}
	if n := computations.Load(); n != 1 {
		t.Errorf("%d computations for %d concurrent readers, want 1", n, readers)
	}
}

func TestLoadErrors(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("boom")
	t.Run("an error is returned and never cached", func(t *testing.T) {
		c := cache.New(cache.Options{})
		calls := 0
		fn := func(context.Context) (string, error) {
			calls++
			if calls == 1 {
				return "", boom
			}
			return "ok", nil
		}
		if _, err := cache.Load(ctx, c, "k", cache.LoadOptions{}, fn); !errors.Is(err, boom) {
			t.Fatalf("err %v, want boom", err)
		}
		if v, err := cache.Load(ctx, c, "k", cache.LoadOptions{}, fn); v != "ok" || err != nil || calls != 2 {
			t.Errorf("second call: %q %v after %d calls", v, err, calls)
		}
	})
	t.Run("a value encoding/json cannot encode is an error", func(t *testing.T) {
		c := cache.New(cache.Options{})
		_, err := cache.Load(ctx, c, "k", cache.LoadOptions{}, func(context.Context) (float64, error) { return math.NaN(), nil })
		if err == nil {
			t.Error("NaN was cached")
		}
	})
	t.Run("a panic goes on in the caller that computed", func(t *testing.T) {
		c := cache.New(cache.Options{})
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
			if v, err := cache.Load(ctx, c, "k", cache.LoadOptions{}, func(context.Context) (int, error) { return 1, nil }); v != 1 || err != nil {
				t.Errorf("after the panic: %v %v", v, err)
			}
		}()
		cache.Load(ctx, c, "k", cache.LoadOptions{}, func(context.Context) (int, error) { panic("boom") })
	})
	t.Run("a reader whose computer gives up computes in its place", func(t *testing.T) {
		c := cache.New(cache.Options{})
		leaderCtx, cancel := context.WithCancel(ctx)
		started := make(chan struct{})
		go func() {
			<-started
			cancel()
		}()
		leaderDone := make(chan error)
		go func() {
			_, err := cache.Load(leaderCtx, c, "k", cache.LoadOptions{}, func(ctx context.Context) (string, error) {
				close(started)
				<-ctx.Done()
				return "", ctx.Err()
			})
			leaderDone <- err
		}()
		<-started
		v, err := cache.Load(ctx, c, "k", cache.LoadOptions{}, func(context.Context) (string, error) { return "mine", nil })
		if v != "mine" || err != nil {
			t.Errorf("the second reader got %q %v", v, err)
		}
		if err := <-leaderDone; !errors.Is(err, context.Canceled) {
			t.Errorf("the first reader got %v", err)
		}
	})
}

func TestLoadServesStaleWhileItRevalidates(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	var mu sync.Mutex
	defer cache.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })()
	c := cache.New(cache.Options{})
	src := newSource("v1")
	opts := cache.LoadOptions{TTL: time.Minute, Stale: time.Hour}
	cache.Load(ctx, c, "k", opts, src.read)
	src.value.Store("v2")
	mu.Lock()
	now = now.Add(2 * time.Minute)
	mu.Unlock()
	if v, _ := cache.Load(ctx, c, "k", opts, src.read); v != "v1" {
		t.Fatalf("a stale value within its stale window: got %q, want the stale v1", v)
	}
	waitFor(t, "the value revalidated in the background", func() bool {
		v, _ := cache.Load(ctx, c, "k", opts, src.read)
		return v == "v2"
	})
	if n := src.reads.Load(); n != 2 {
		t.Errorf("%d reads of the source, want 2 (one revalidation)", n)
	}
	mu.Lock()
	now = now.Add(2 * time.Hour)
	mu.Unlock()
	src.value.Store("v3")
	if v, _ := cache.Load(ctx, c, "k", opts, src.read); v != "v3" {
		t.Errorf("past its stale window: got %q, want v3 computed now", v)
	}
}

func TestLoadTracksTheTagsRead(t *testing.T) {
	ctx := context.Background()
	c := cache.New(cache.Options{})
	src := newSource("v")
	outer := func(ctx context.Context) (string, error) {
		inner := load(t, ctx, c, src, "inner", "posts")
		return "outer of " + inner, nil
	}
	for _, round := range []string{"computed", "cached"} {
		tctx, reads := cache.Track(ctx)
		if _, err := cache.Load(tctx, c, "outer", cache.LoadOptions{Tags: []string{"page"}}, outer); err != nil {
			t.Fatal(err)
		}
		if got := reads.Tags(); !reflect.DeepEqual(got, []string{"page", "posts"}) {
			t.Errorf("%s: reads %q, want the value's tag and its inner value's", round, got)
		}
	}
	src.value.Store("v2")
	c.InvalidateTag(ctx, "posts")
	if v, _ := cache.Load(ctx, c, "outer", cache.LoadOptions{Tags: []string{"page"}}, outer); v != "outer of v2" {
		t.Errorf("invalidating an inner value's tag must drop the outer one: %q", v)
	}
}

// T must round-trip through the cache: what the computing caller gets is
// what later callers get.
func TestLoadValuesRoundTrip(t *testing.T) {
	type post struct {
		ID      int               `json:"id"`
		Title   string            `json:"title"`
		Tags    []string          `json:"tags"`
		Meta    map[string]string `json:"meta"`
		Draft   *bool             `json:"draft"`
		Created time.Time         `json:"created"`
	}
	yes := true
	created := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		test func(*testing.T)
	}{
		{"a struct", roundTrips(post{ID: 7, Title: "é", Tags: []string{}, Meta: map[string]string{"a": "b"}, Draft: &yes, Created: created})},
		{"a nil slice stays nil", roundTrips([]int(nil))},
		{"an empty slice stays empty", roundTrips([]int{})},
		{"a map with int keys", roundTrips(map[int]string{1: "one"})},
		{"bytes", roundTrips([]byte{0, 1, 255})},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.test)
	}
}

// roundTrips checks that v comes out of Load as it went in, computed and
// cached.
func roundTrips[T any](v T) func(*testing.T) {
	return func(t *testing.T) {
		c := cache.New(cache.Options{})
		for _, round := range []string{"computed", "cached"} {
			got, err := cache.Load(context.Background(), c, "k", cache.LoadOptions{}, func(context.Context) (T, error) { return v, nil })
			if err != nil || !reflect.DeepEqual(got, v) {
				t.Errorf("%s: got %#v %v, want %#v", round, got, err, v)
			}
		}
	}
}

// waitFor polls cond until it holds, failing the test after 5 s: for what
// happens asynchronously by nature (a background revalidation, a message
// through a bus), never as a measure of speed.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 5s for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// With ReadOnly, hits share one value decoded once (the elements of a
// slice are the same memory), and what an invalidation changes is seen at
// once, on this instance and on another; without it, each hit has a value
// of its own.
func TestLoadReadOnlySharesTheValueOfAnEntry(t *testing.T) {
	ctx := context.Background()
	for _, readOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("ReadOnly %v", readOnly), func(t *testing.T) {
			shared, bus := cache.NewMemory(0), &cache.LocalBus{}
			a := cache.New(cache.Options{Shared: shared, Bus: bus})
			b := cache.New(cache.Options{Shared: shared, Bus: bus})
			var source atomic.Value
			source.Store("v1")
			opts := cache.LoadOptions{Tags: []string{"posts"}, ReadOnly: readOnly}
			get := func(c *cache.Cache) []string {
				t.Helper()
				v, err := cache.Load(ctx, c, "k", opts, func(context.Context) ([]string, error) {
					return []string{source.Load().(string)}, nil
				})
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			get(a) // computed
			first, second := get(a), get(a)
			if shared := &first[0] == &second[0]; shared != readOnly {
				t.Errorf("two hits share their value: %v", shared)
			}
			fromShared, again := get(b), get(b) // from the shared tier, then b's own
			if shared := &fromShared[0] == &again[0]; shared != readOnly {
				t.Errorf("two hits on the other instance share their value: %v", shared)
			}

			source.Store("v2")
			if err := a.InvalidateTag(ctx, "posts"); err != nil {
				t.Fatal(err)
			}
			for _, c := range []*cache.Cache{a, b, a, b} {
				if got := get(c); got[0] != "v2" {
					t.Fatalf("after the invalidation: %q", got)
				}
			}
		})
	}
}
