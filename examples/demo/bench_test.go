package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/goactions/actions"
	"github.com/goactions/actions/cache"
)

// The requests of bench/demo.sh, served in memory by the demo's handler:
// what the server does per request, without the network and net/http's
// connection handling. The app logs as it does when run by hand (slog's
// text handler), to a file.
//
//	go test -run '^$' -bench . -benchmem -count 6 ./examples/demo
//
// (GET /posts is BenchmarkPostsPage, in posts_bench_test.go.)

// benchApp is a demo on a database of its own, logging to a file, with
// seed posts already created.
func benchApp(b *testing.B, seed int) *App {
	b.Helper()
	dir := b.TempDir()
	logFile, err := os.Create(filepath.Join(dir, "demo.log"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { logFile.Close() })
	app, err := newApp(b.Context(), filepath.Join(dir, "demo.db"), cluster{cache: cache.New(cache.Options{})}, slog.New(slog.NewTextHandler(logFile, nil)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { app.Close() })
	for i := range seed {
		form := strings.NewReader("$ACTION_ID_" + app.CreatePost.ID() + "=&title=Seed+post+" + strconv.Itoa(i) + "&content=The+body+of+seed+post+" + strconv.Itoa(i) + ".")
		req := httptest.NewRequest(http.MethodPost, "/posts", form)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://example.com")
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, req)
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("seeding post %d: %d\n%s", i, rec.Code, rec.Body)
		}
	}
	return app
}

// likeRequest returns what the page's script sends for await
// incrementLike(), as bench/wrk/increment.lua does: a new request each
// time, as net/http makes one per request it reads, but built directly
// (httptest.NewRequest parses it from text, through a 4 KiB buffer of its
// own, which would cost more than the server's side).
func likeRequest(app *App) func() *http.Request {
	header := http.Header{}
	header.Set(actions.HeaderActionID, app.IncrementLike.ID())
	header.Set("Content-Type", "text/plain;charset=UTF-8")
	header.Set("Accept", "text/x-component")
	header.Set("Origin", "http://example.com")
	u, _ := url.Parse("/posts")
	return func() *http.Request {
		req := &http.Request{Method: http.MethodPost, URL: u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: header.Clone(), Body: io.NopCloser(strings.NewReader("[]")), ContentLength: 2,
			Host: "example.com", RemoteAddr: "192.0.2.1:1234", RequestURI: "/posts"}
		return req.WithContext(context.Background())
	}
}

func BenchmarkLike(b *testing.B) {
	app := benchApp(b, 0)
	check := func(b *testing.B, rec *httptest.ResponseRecorder) {
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), "0:") {
			b.Fatalf("incrementLike: %d %q", rec.Code, rec.Body)
		}
	}
	newRequest := likeRequest(app)
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rec := httptest.NewRecorder()
			app.ServeHTTP(rec, newRequest())
			check(b, rec)
		}
	})
	b.Run("concurrent", func(b *testing.B) {
		b.ReportAllocs()
		b.SetParallelism(8) // 16 callers on 2 CPUs, as wrk -c16
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				rec := httptest.NewRecorder()
				app.ServeHTTP(rec, newRequest())
				check(b, rec)
			}
		})
	})
}

// BenchmarkCreatePost is bench/wrk/form.lua's request: the create form
// posted without JavaScript, as a browser's multipart body, answered 303.
func BenchmarkCreatePost(b *testing.B) {
	app := benchApp(b, 0)
	const boundary = "----WebKitFormBoundaryWrkBench0123456"
	part := func(name, value string) string {
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"
	}
	body := part("$ACTION_ID_"+app.CreatePost.ID(), "") + part("title", "bench title") + part("content", "bench content") + "--" + boundary + "--\r\n"
	post := func(b *testing.B) {
		req := httptest.NewRequest(http.MethodPost, "/posts", strings.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
		req.Header.Set("Origin", "http://example.com")
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, req)
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("createPost: %d\n%s", rec.Code, rec.Body)
		}
	}
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			post(b)
		}
	})
	b.Run("concurrent", func(b *testing.B) {
		b.ReportAllocs()
		b.SetParallelism(8) // 16 callers on 2 CPUs, as wrk -c16
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				post(b)
			}
		})
	})
}
