package actions_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goactions/actions"
	"github.com/goactions/actions/cache"
)

// blog is an application whose pages read their data through the
// server's cache: /posts shows the posts (tag "posts"), /about the site's
// name (tag "site"). Its actions change them and revalidate as told.
type blog struct {
	tb       testing.TB
	registry *actions.Registry
	server   *actions.Server
	handler  http.Handler
	title    atomic.Value // the "database"
	renders  atomic.Int64
	// change renames the post and revalidates what its argument says:
	// "tag:<t>", "path:<p>", "layout:<p>", "refresh", or "" for nothing.
	change *actions.Action
}

func newBlog(tb testing.TB, pageCache bool) *blog {
	tb.Helper()
	b := &blog{tb: tb, registry: actions.NewRegistry()}
	b.title.Store("first")
	srv, err := actions.New(actions.Options{Registry: b.registry, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatal(err)
	}
	b.server = srv
	b.change = b.registry.Register(b.rename, actions.Name("rename"))
	var page http.Handler = http.HandlerFunc(b.page)
	if pageCache {
		page = srv.Cache().Pages(cache.PageOptions{})(page)
	}
	b.handler = srv.Middleware(page)
	return b
}

func (b *blog) rename(ctx context.Context, title, revalidate string) error {
	b.title.Store(title)
	kind, arg, _ := strings.Cut(revalidate, ":")
	switch kind {
	case "tag":
		actions.RevalidateTag(ctx, arg)
	case "path":
		actions.RevalidatePath(ctx, arg)
	case "layout":
		actions.RevalidateLayout(ctx, arg)
	case "refresh":
		actions.Refresh(ctx)
	}
	if title == "fail" {
		return errors.New("failed after revalidating")
	}
	return nil
}

func (b *blog) page(w http.ResponseWriter, r *http.Request) {
	b.renders.Add(1)
	tag := "posts"
	if r.URL.Path == "/about" {
		tag = "site"
	}
	title, err := cache.Load(r.Context(), b.server.Cache(), tag, cache.LoadOptions{Tags: []string{tag}},
		func(context.Context) (string, error) { return b.title.Load().(string), nil })
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	if s := actions.SubmissionFrom(r.Context()); s != nil && s.Err != nil {
		fmt.Fprintf(w, "error: %s; ", s.Message())
	}
	fmt.Fprintf(w, "%s shows %s", r.URL.Path, title)
}

func (b *blog) get(path string) string {
	rec := httptest.NewRecorder()
	b.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Body.String()
}

// callFromRuntime calls the action from the page at path as the browser
// runtime does, and returns the refreshed page it got ("" for none).
func (b *blog) callFromRuntime(path string, args ...any) string {
	b.tb.Helper()
	req := jsRequest(b.tb, b.change.ID(), args...)
	req.URL.Path = path
	req.Header.Set(actions.HeaderClient, "1")
	rec := httptest.NewRecorder()
	b.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK && rec.Code != http.StatusInternalServerError {
		b.tb.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if rec.Header().Get(actions.HeaderRefresh) != "1" {
		return ""
	}
	_, page, _ := strings.Cut(rec.Body.String(), "7fffffff:T")
	_, page, _ = strings.Cut(page, ",")
	return page
}

func TestRevalidationRefreshesTheCurrentPageOnlyWhenItIsAffected(t *testing.T) {
	tests := []struct {
		name, from, revalidate, want string
	}{
		{"a tag the page read refreshes it with the new data", "/posts", "tag:posts", "/posts shows second"},
		{"a tag the page did not read sends no page", "/posts", "tag:site", ""},
		{"the page's path refreshes it", "/posts", "path:/posts", "/posts shows second"},
		{"another page's path sends no page", "/posts", "path:/about", ""},
		{"a layout above the page refreshes it", "/posts/7", "layout:/posts", "/posts/7 shows second"},
		{"the root layout refreshes every page", "/about", "layout:/", "/about shows second"},
		{"another layout sends no page", "/posts/7", "layout:/users", ""},
		{"no revalidation sends no page", "/posts", "", ""},
		{"Refresh renders the page again, with the data it had cached", "/posts", "refresh", "/posts shows first"},
	}
	for _, pageCache := range []bool{false, true} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s (page cache %v)", tt.name, pageCache), func(t *testing.T) {
				b := newBlog(t, pageCache)
				b.get(tt.from) // the page as the user sees it, read through the cache
				if got := b.callFromRuntime(tt.from, "second", tt.revalidate); got != tt.want {
					t.Errorf("refreshed page %q, want %q", got, tt.want)
				}
			})
		}
	}
}

func TestRevalidationsApply(t *testing.T) {
	tests := []struct {
		name   string
		call   func(b *blog)
		path   string
		want   string
		cached bool
	}{
		{"a tag's pages show the new data on their next view", func(b *blog) { b.callFromRuntime("/about", "second", "tag:posts") },
			"/posts", "/posts shows second", false},
		{"a path makes its page read its data again, though another page cached it", func(b *blog) {
			b.get("/posts/7") // caches "posts" from another page
			b.callFromRuntime("/about", "second", "path:/posts")
		}, "/posts", "/posts shows second", false},
		{"an action that fails still revalidates: its change may have happened", func(b *blog) { b.callFromRuntime("/about", "fail", "tag:posts") },
			"/posts", "/posts shows fail", false},
		{"the page cache drops a revalidated path", func(b *blog) { b.callFromRuntime("/about", "second", "path:/posts") },
			"/posts", "/posts shows second", true},
		{"the page cache keeps what was not revalidated", func(b *blog) { b.callFromRuntime("/about", "second", "tag:site") },
			"/posts", "/posts shows first", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBlog(t, tt.cached)
			b.get(tt.path)
			tt.call(b)
			if got := b.get(tt.path); got != tt.want {
				t.Errorf("%s: got %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

func TestAFormPostedWithoutJavaScriptShowsTheNewData(t *testing.T) {
	for _, pageCache := range []bool{false, true} {
		t.Run(fmt.Sprint("page cache ", pageCache), func(t *testing.T) {
			b := newBlog(t, pageCache)
			b.get("/posts")
			form := url.Values{"$ACTION_ID_" + b.change.ID(): {""}}
			req := httptest.NewRequest(http.MethodPost, "/posts", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			rec := httptest.NewRecorder()
			b.handler.ServeHTTP(rec, req)
			// The form action takes a FormData; ours takes two strings, so
			// the call fails: the page shows the error, and must not be
			// cached with it.
			body, _ := io.ReadAll(rec.Body)
			if !strings.HasPrefix(string(body), "error: ") {
				t.Fatalf("the re-rendered page: %q", body)
			}
			if got := b.get("/posts"); strings.HasPrefix(got, "error") {
				t.Errorf("the page shown after a submission was cached: %q", got)
			}
		})
	}
}

func TestRevalidatedListsWhatTheActionRevalidated(t *testing.T) {
	registry := actions.NewRegistry()
	var seen []string
	record := func(next actions.Handler) actions.Handler {
		return func(ctx context.Context, c *actions.Call) (any, error) {
			res, err := next(ctx, c)
			seen = actions.Revalidated(ctx)
			return res, err
		}
	}
	all := registry.Register(func(ctx context.Context) error {
		actions.RevalidatePath(ctx, "/posts/7/")
		actions.RevalidateLayout(ctx, "/posts")
		actions.RevalidateTag(ctx, "posts", "users")
		actions.RevalidateTag(ctx, "posts")
		return nil
	}, actions.Name("all"))
	srv, err := actions.New(actions.Options{Registry: registry, Use: []actions.Middleware{record}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.Middleware(http.NotFoundHandler()).ServeHTTP(rec, jsRequest(t, all.ID()))
	want := []string{"path:/posts/7", "layout:/posts", "posts", "users"}
	if !slices.Equal(seen, want) {
		t.Errorf("Revalidated = %q, want %q", seen, want)
	}
	if actions.Revalidated(context.Background()) != nil {
		t.Error("outside an action, nothing is revalidated")
	}
}
