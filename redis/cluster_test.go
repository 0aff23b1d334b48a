package redis_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/redis"
)

func TestClusterActionRevalidatesATagOnEveryInstance(t *testing.T) {
	srv := startRedis(t)
	db := &database{records: map[string]string{"1": "first"}}
	a, b, c := splat3(newCluster(t, srv, 3, db))
	for _, in := range []*instance{a, b, c} {
		in.get("/posts/1")
		if p := in.get("/posts/1"); !p.hit || p.body != "/posts/1: first" {
			t.Fatalf("%s before the action: %+v, want the page from the cache", in.name, p)
		}
	}
	a.call("/posts/1", "1", "second", "tag 1")
	if p := a.get("/posts/1"); p.body != "/posts/1: second" {
		t.Errorf("A, which ran the action, serves %q", p.body)
	}
	for _, in := range []*instance{b, c} {
		waitFor(t, in.name+" to serve the new data", func() bool { return in.get("/posts/1").body == "/posts/1: second" })
		if p := in.get("/posts/1"); !p.hit {
			t.Errorf("%s must cache the new page again: %+v", in.name, p)
		}
	}
}

func TestClusterPathRevalidationReachesMatchingPagesOnly(t *testing.T) {
	srv := startRedis(t)
	db := &database{records: map[string]string{"1": "first", "2": "first", "about": "first"}}
	instances := newCluster(t, srv, 3, db)
	a := instances[0]
	paths := []string{"/posts/1", "/posts/2", "/about"}
	for _, in := range instances {
		for _, p := range paths {
			in.get(p)
		}
	}
	// Every record changes, but only what is revalidated shows it.
	db.set("2", "second")
	db.set("about", "second")
	steps := []struct {
		name       string
		revalidate string
		fresh      []string
		cached     []string
	}{
		{"a page", "path /posts/1", []string{"/posts/1"}, []string{"/posts/2", "/about"}},
		{"a layout", "layout /posts", []string{"/posts/1", "/posts/2"}, []string{"/about"}},
	}
	for _, step := range steps {
		a.call("/about", "1", "second", step.revalidate)
		for _, in := range instances {
			for _, p := range step.fresh {
				waitFor(t, in.name+" to serve "+p+" fresh after "+step.name, func() bool { return in.get(p).body == p+": second" })
			}
			// The invalidation arrived in one message: once the fresh
			// pages show, the others have been spared for good.
			for _, p := range step.cached {
				if got := in.get(p); got.body != p+": first" || !got.hit {
					t.Errorf("after %s, %s serves %s as %+v; want it from the cache, unchanged", step.name, in.name, p, got)
				}
			}
		}
	}
}

func TestClusterComputesOnceFor100ConcurrentReaders(t *testing.T) {
	srv := startRedis(t)
	backend, err := redis.New(srv.client(), redis.Options{Namespace: namespace("coalesce")})
	if err != nil {
		t.Fatal(err)
	}
	c := cache.New(cache.Options{Shared: backend, Bus: backend})
	defer c.Close()
	var renders, waiting atomic.Int64
	release := make(chan struct{})
	handler := c.Pages(cache.PageOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, _ := cache.Load(r.Context(), c, "slow", cache.LoadOptions{}, func(context.Context) (string, error) {
			renders.Add(1)
			<-release
			return "the page", nil
		})
		w.Write([]byte(v))
	}))
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			waiting.Add(1)
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/slow", nil))
			if rec.Body.String() != "the page" {
				t.Errorf("a reader got %q", rec.Body)
			}
		})
	}
	waitFor(t, "100 readers", func() bool { return waiting.Load() == 100 })
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("%d computations for 100 concurrent readers, want 1", n)
	}
}

func splat3(in []*instance) (a, b, c *instance) { return in[0], in[1], in[2] }
