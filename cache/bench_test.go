package cache_test

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/goactions/actions/cache"
)

// What the page cache saves: a page listing 50 posts from an html/template
// (the data in memory, so the figure is the render's CPU alone, not a
// database's), rendered every time or served from the cache. In memory,
// without a network, so ns/op is server CPU per request:
//
//	go test -run '^$' -bench 'Page|Load' -benchmem -count 6 ./cache

var postsPage = template.Must(template.New("posts").Parse(`<!doctype html>
<html><head><title>Posts</title></head><body><h1>Posts</h1><ul>
{{range .}}<li><a href="/posts/{{.ID}}">{{.Title}}</a> by {{.Author}}<p>{{.Summary}}</p></li>
{{end}}</ul></body></html>`))

type benchPost struct {
	ID                     int
	Title, Author, Summary string
}

var benchPosts = func() []benchPost {
	posts := make([]benchPost, 50)
	for i := range posts {
		posts[i] = benchPost{i, fmt.Sprintf("Post number %d & more", i), "Ada <ada@example.com>", "A summary of the post, a sentence or two long, as a list shows it."}
	}
	return posts
}()

func renderPosts(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := postsPage.Execute(w, benchPosts); err != nil {
		panic(err)
	}
}

// discard is a ResponseWriter that costs nothing, so that the benchmarks
// measure the handlers.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) WriteHeader(int)             {}
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }

func benchHandler(b *testing.B, h http.Handler) {
	req := httptest.NewRequest(http.MethodGet, "/posts", nil)
	w := &discard{h: http.Header{}}
	h.ServeHTTP(w, req) // fill the cache, if any
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clear(w.h)
		h.ServeHTTP(w, req)
	}
}

func BenchmarkPage(b *testing.B) {
	b.Run("uncached", func(b *testing.B) { benchHandler(b, http.HandlerFunc(renderPosts)) })
	b.Run("cached", func(b *testing.B) {
		c := cache.New(cache.Options{})
		benchHandler(b, c.Pages(cache.PageOptions{})(http.HandlerFunc(renderPosts)))
	})
}

func BenchmarkLoad(b *testing.B) {
	c := cache.New(cache.Options{})
	page := cache.WithPage(context.Background(), "/posts/7")
	for _, tc := range []struct {
		name     string
		ctx      context.Context
		posts    int
		readOnly bool
	}{
		{"hit", context.Background(), 5, false},
		{"hit in a page", page, 5, false},
		// A page's list: each hit decodes 50 posts' JSON, or (ReadOnly)
		// returns the value decoded at the first hit.
		{"hit of 50", page, 50, false},
		{"hit of 50, read-only", page, 50, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			key := fmt.Sprintf("recent:%d:%v", tc.posts, tc.readOnly)
			fn := func(context.Context) ([]benchPost, error) { return benchPosts[:tc.posts], nil }
			opts := cache.LoadOptions{Tags: []string{"posts"}, ReadOnly: tc.readOnly}
			cache.Load(tc.ctx, c, key, opts, fn)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cache.Load(tc.ctx, c, key, opts, fn); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMemoryGetParallel(b *testing.B) {
	m := cache.NewMemory(0)
	ctx := context.Background()
	for i := range 1000 {
		m.Set(ctx, fmt.Sprint(i), make([]byte, 100), []string{"a", "b"}, 0, 0)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.Get(ctx, fmt.Sprint(i%1000), nil)
			i++
		}
	})
}
