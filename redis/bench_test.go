package redis_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/redis"
)

// How long an invalidation takes to reach another instance through Redis:
// from the call of InvalidateTag on A to B's local tier having dropped the
// tag (B's cache has applied the message). Each iteration is one
// invalidation, one at a time; the figures are p50 and p99 of them:
//
//	go test -run '^$' -bench Propagation -benchtime 1000x ./redis
func BenchmarkPropagation(b *testing.B) {
	srv := startRedis(b)
	ns := namespace("bench")
	newBackend := func() *redis.Backend {
		be, err := redis.New(srv.client(), redis.Options{Namespace: ns, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			b.Fatal(err)
		}
		return be
	}
	applied := make(chan string, 1)
	a := cache.New(cache.Options{Shared: newBackend(), Bus: newBackend()})
	defer a.Close()
	bb := cache.New(cache.Options{Shared: newBackend(), Bus: observedBus{newBackend(), applied}})
	defer bb.Close()
	waitFor(b, "both subscribed", func() bool { return a.Connected() && bb.Connected() })

	ctx := context.Background()
	latencies := make([]time.Duration, 0, b.N)
	i := 0
	for b.Loop() {
		tag := fmt.Sprint("tag", i)
		i++
		start := time.Now()
		if err := a.InvalidateTag(ctx, tag); err != nil {
			b.Fatal(err)
		}
		for got := <-applied; got != tag; got = <-applied {
		}
		latencies = append(latencies, time.Since(start))
	}
	slices.Sort(latencies)
	b.ReportMetric(float64(percentile(latencies, 50).Microseconds()), "p50-µs")
	b.ReportMetric(float64(percentile(latencies, 99).Microseconds()), "p99-µs")
}

func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[(len(sorted)-1)*p/100]
}

// observedBus tells when its cache has applied an invalidation: after the
// cache's own listener has run.
type observedBus struct {
	*redis.Backend
	applied chan<- string
}

func (o observedBus) Subscribe(l cache.Listener) func() {
	return o.Backend.Subscribe(observedListener{l, o.applied})
}

type observedListener struct {
	cache.Listener
	applied chan<- string
}

func (o observedListener) Invalidated(tags []string) {
	o.Listener.Invalidated(tags)
	o.applied <- tags[0]
}

// What a page costs with the local tier in front of Redis, and with Redis
// alone (another instance's first view of a page):
//
//	go test -run '^$' -bench PageThrough -benchmem ./redis
func BenchmarkPageThrough(b *testing.B) {
	srv := startRedis(b)
	be, err := redis.New(srv.client(), redis.Options{Namespace: namespace("page"), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 8<<10))
	})
	for _, tt := range []struct {
		name  string
		local cache.Store
	}{
		{"local tier", nil},
		{"redis", cache.NewMemory(1)}, // a local tier too small to keep a page
	} {
		b.Run(tt.name, func(b *testing.B) {
			c := cache.New(cache.Options{Local: tt.local, Shared: be, Bus: be})
			defer c.Close()
			waitFor(b, "subscribed", c.Connected)
			h := c.Pages(cache.PageOptions{})(page)
			req := httptest.NewRequest(http.MethodGet, "/posts", nil)
			h.ServeHTTP(httptest.NewRecorder(), req)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Header().Get("Cache-Status") != "goactions; hit" {
					b.Fatalf("not a hit: %v", rec.Header())
				}
			}
		})
	}
}
