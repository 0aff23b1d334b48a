package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// GET /posts with 50 posts, the page the Next.js comparison loads
// (bench/demo.sh): "handler" is the whole request through the app (mux,
// actions middleware, the SQLite reads, the render), "render" the page
// rendered from data already read, so that the template's share shows. In
// memory, without a network: ns/op is server CPU per request.
//
//	go test -run '^$' -bench PostsPage -benchmem -count 6
func BenchmarkPostsPage(b *testing.B) {
	d := newDemo(b, sqliteDialect)
	for i := range 50 {
		if _, err := d.app.db.Exec(`INSERT INTO posts (title, content, created_at) VALUES (?, ?, ?)`,
			fmt.Sprintf("Post number %d & more", i), "A post of a sentence or two, as the list shows it: <not markup>.",
			time.Now().UnixMilli()); err != nil {
			b.Fatal(err)
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/posts", nil)
	data, err := d.app.loadPosts(req)
	if err != nil {
		b.Fatal(err)
	}
	for _, h := range []struct {
		name string
		h    http.Handler
	}{
		{"handler", d.app},
		{"render", postsRenderer(d.app, data)},
	} {
		b.Run(h.name, func(b *testing.B) {
			rec := httptest.NewRecorder()
			h.h.ServeHTTP(rec, req)
			if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "<h1>Posts (50)</h1>") ||
				strings.Count(body, `<li><a href="/posts/`) != 50 {
				b.Fatalf("GET /posts: %d\n%s", rec.Code, body)
			}
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.h.ServeHTTP(w, req)
			}
		})
	}
}

// postsRenderer is the posts page handler with its data read beforehand.
func postsRenderer(a *App, data postsView) http.Handler {
	return page(a, "Posts", func(*http.Request) (postsView, error) { return data, nil }, postsPage)
}

// discard is a ResponseWriter that costs nothing, so that the benchmark
// measures the handler.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) WriteHeader(int)             {}
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
