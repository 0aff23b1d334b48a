package cache_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goactions/actions/cache"
)

// site is a small application behind the page cache: its page says which
// path it is and how many renders there have been, and shows the posts
// (read with Load) when asked.
type site struct {
	c       *cache.Cache
	posts   *source
	renders atomic.Int64
	handler http.Handler
}

func newSite(opts cache.PageOptions) *site {
	s := &site{c: cache.New(cache.Options{}), posts: newSource("first post")}
	s.handler = s.c.Pages(opts)(http.HandlerFunc(s.page))
	return s
}

func (s *site) page(w http.ResponseWriter, r *http.Request) {
	n := s.renders.Add(1)
	switch r.URL.Path {
	case "/cookie":
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "new"})
	case "/private":
		w.Header().Set("Cache-Control", "max-age=60, private")
	case "/no-store":
		w.Header().Set("Cache-Control", "no-store")
	case "/vary":
		w.Header().Set("Vary", "Accept-Language")
	case "/missing":
		w.WriteHeader(http.StatusNotFound)
	case "/big":
		io.WriteString(w, strings.Repeat("x", 2<<20))
	}
	posts := ""
	if r.URL.Query().Has("posts") {
		posts, _ = cache.Load(r.Context(), s.c, "posts", cache.LoadOptions{Tags: []string{"posts"}}, s.posts.read)
	}
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprintf(w, "%s render %d %s", r.URL.Path, n, posts)
}

// get requests target; edit changes the request first.
func (s *site) get(target string, edit ...func(*http.Request)) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for _, e := range edit {
		e(req)
	}
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	return rec
}

func withCookie(name, value string) func(*http.Request) {
	return func(r *http.Request) { r.AddCookie(&http.Cookie{Name: name, Value: value}) }
}

func withMethod(m string) func(*http.Request) { return func(r *http.Request) { r.Method = m } }

func TestPagesStoreWhatMayBeShared(t *testing.T) {
	tests := []struct {
		name          string
		opts          cache.PageOptions
		first, second string
		edit          []func(*http.Request)
		secondEdit    []func(*http.Request)
		wantStored    bool
	}{
		{name: "an anonymous GET is served from the cache the second time", first: "/a", second: "/a", wantStored: true},
		{name: "another query is another page", first: "/a?x=1", second: "/a?x=2"},
		{name: "a request with a cookie is rendered every time", first: "/a", second: "/a",
			edit: []func(*http.Request){withCookie("session", "s1")}},
		{name: "a request with only ignored cookies is cached", opts: cache.PageOptions{IgnoreCookies: []string{"_ga"}},
			first: "/a", second: "/a", edit: []func(*http.Request){withCookie("_ga", "x")}, wantStored: true},
		{name: "a request with Authorization is rendered every time", first: "/a", second: "/a",
			edit: []func(*http.Request){func(r *http.Request) { r.Header.Set("Authorization", "Bearer x") }}},
		{name: "a response that sets a cookie is not stored", first: "/cookie", second: "/cookie"},
		{name: "a response marked private is not stored", first: "/private", second: "/private"},
		{name: "a response marked no-store is not stored", first: "/no-store", second: "/no-store"},
		{name: "a response with Vary is not stored under the default key", first: "/vary", second: "/vary"},
		{name: "a response with Vary is stored under a key function", opts: cache.PageOptions{Key: func(r *http.Request) (string, bool) { return r.URL.Path, true }},
			first: "/vary", second: "/vary", wantStored: true},
		{name: "a 404 is not stored", first: "/missing", second: "/missing"},
		{name: "a page over MaxBytes is not stored", first: "/big", second: "/big"},
		{name: "a HEAD is answered from a stored GET", first: "/a", second: "/a", secondEdit: []func(*http.Request){withMethod(http.MethodHead)}, wantStored: true},
		{name: "a POST goes to the handler", first: "/a", second: "/a", edit: []func(*http.Request){withMethod(http.MethodPost)}},
		{name: "a render under WithoutPages is neither served nor stored", first: "/a", second: "/a",
			edit: []func(*http.Request){func(r *http.Request) { *r = *r.WithContext(cache.WithoutPages(r.Context(), "/a")) }}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(tt.opts)
			s.get(tt.first, tt.edit...)
			rec := s.get(tt.second, append(tt.edit, tt.secondEdit...)...)
			stored := s.renders.Load() == 1
			if stored != tt.wantStored {
				t.Errorf("served from the cache: %v, want %v (%d renders; Cache-Status %q)", stored, tt.wantStored, s.renders.Load(), rec.Header().Get("Cache-Status"))
			}
			if tt.wantStored && rec.Header().Get("Cache-Status") != "goactions; hit" {
				t.Errorf("Cache-Status %q", rec.Header().Get("Cache-Status"))
			}
		})
	}
}

func TestPagesAnswers(t *testing.T) {
	s := newSite(cache.PageOptions{})
	first := s.get("/a")
	second := s.get("/a")
	head := s.get("/a", withMethod(http.MethodHead))
	big := s.get("/big")
	for _, tt := range []struct {
		name      string
		got, want string
	}{
		{"a stored page is the page rendered", second.Body.String(), first.Body.String()},
		{"its headers are replayed", second.Header().Get("Content-Type"), "text/plain"},
		{"the first answer says it was stored", first.Header().Get("Cache-Status"), "goactions; fwd=miss; stored"},
		{"a hit says its age", second.Header().Get("Age"), "0"},
		{"a HEAD has no body", head.Body.String(), ""},
		{"a HEAD has the length of the body", head.Header().Get("Content-Length"), fmt.Sprint(len(first.Body.String()))},
		{"a page over MaxBytes arrives whole", fmt.Sprint(len(big.Body.String()) > 2<<20), "true"},
		{"a request the key refuses says so", s.get("/a", withCookie("s", "1")).Header().Get("Cache-Status"), "goactions; fwd=bypass"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestPagesInvalidation(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		invalidate func(c *cache.Cache)
		rendered   map[string]bool // rendered again, or served from the cache
	}{
		{"a path drops that page and no other", func(c *cache.Cache) { c.InvalidatePath(ctx, "/posts/1") },
			map[string]bool{"/posts/1": true, "/posts/1?page=2": true, "/posts/2": false, "/posts": false, "/about": false}},
		{"a layout drops every page at or below it", func(c *cache.Cache) { c.InvalidateLayout(ctx, "/posts") },
			map[string]bool{"/posts/1": true, "/posts/1?page=2": true, "/posts/2": true, "/posts": true, "/about": false}},
		{"the root layout drops every page", func(c *cache.Cache) { c.InvalidateLayout(ctx, "/") },
			map[string]bool{"/posts/1": true, "/posts/2": true, "/posts": true, "/about": true}},
		{"a tag a page read while rendering drops it", func(c *cache.Cache) { c.InvalidateTag(ctx, "posts") },
			map[string]bool{"/posts?posts": true, "/posts/1": false, "/about": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(cache.PageOptions{})
			bodies := map[string]string{}
			for target := range tt.rendered {
				bodies[target] = s.get(target).Body.String()
			}
			tt.invalidate(s.c)
			for target, want := range tt.rendered {
				got := s.get(target).Body.String() != bodies[target]
				if got != want {
					t.Errorf("%s rendered again: %v, want %v", target, got, want)
				}
			}
		})
	}
}

func TestPagesShowFreshDataAfterATagIsInvalidated(t *testing.T) {
	s := newSite(cache.PageOptions{})
	s.get("/posts?posts")
	s.posts.value.Store("second post")
	s.c.InvalidateTag(context.Background(), "posts")
	if body := s.get("/posts?posts").Body.String(); !strings.HasSuffix(body, "second post") {
		t.Errorf("got %q", body)
	}
}

func TestPagesKeyFunctionKeysUsersApart(t *testing.T) {
	s := newSite(cache.PageOptions{Key: func(r *http.Request) (string, bool) {
		ck, err := r.Cookie("session")
		if err != nil {
			return r.URL.Path, true
		}
		return r.URL.Path + "|" + ck.Value, true
	}})
	ada := s.get("/me", withCookie("session", "ada")).Body.String()
	bob := s.get("/me", withCookie("session", "bob")).Body.String()
	adaAgain := s.get("/me", withCookie("session", "ada")).Body.String()
	if ada == bob || adaAgain != ada || s.renders.Load() != 2 {
		t.Errorf("ada %q, bob %q, ada again %q, %d renders", ada, bob, adaAgain, s.renders.Load())
	}
}

func TestPagesRenderOnceFor100ConcurrentRequests(t *testing.T) {
	c := cache.New(cache.Options{})
	var renders, waiting atomic.Int64
	release := make(chan struct{})
	handler := c.Pages(cache.PageOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		<-release
		io.WriteString(w, "the page")
	}))
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			waiting.Add(1)
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			if rec.Body.String() != "the page" {
				t.Errorf("got %q", rec.Body)
			}
		})
	}
	waitFor(t, "100 requests to arrive", func() bool { return waiting.Load() == 100 })
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders for 100 concurrent requests, want 1", n)
	}
}

func TestPagesServeStaleWhileTheyRevalidate(t *testing.T) {
	now := time.Now()
	var mu sync.Mutex
	defer cache.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })()
	s := newSite(cache.PageOptions{TTL: time.Minute, Stale: time.Hour})
	first := s.get("/a").Body.String()
	mu.Lock()
	now = now.Add(2 * time.Minute)
	mu.Unlock()
	if got := s.get("/a").Body.String(); got != first {
		t.Errorf("a stale page within its window: got %q, want %q", got, first)
	}
	waitFor(t, "the page rendered again in the background", func() bool { return s.get("/a").Body.String() != first })
	if n := s.renders.Load(); n != 2 {
		t.Errorf("%d renders, want 2", n)
	}
}
