package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/internal/browsertest/chrome"
)

// The browser tests drive Debian's Chromium through chromedp, as
// internal/browsertest does: one browser for every test, a fresh browser
// context (an incognito window) per tab, JavaScript on or off, every wait
// bounded.

// testTimeout bounds each tab.
const testTimeout = 60 * time.Second

func TestMain(m *testing.M) {
	// A key of this run for the sealed bound arguments, as ACTIONS_KEYS
	// is in production: without one, every app would warn.
	key := make([]byte, 32)
	rand.Read(key)
	os.Setenv("ACTIONS_KEYS", base64.RawURLEncoding.EncodeToString(key))
	code := m.Run()
	chrome.Stop()
	stopPostgres()
	os.Exit(code)
}

// scripts says whether a tab runs the pages' JavaScript.
type scripts bool

const (
	jsOff scripts = false
	jsOn  scripts = true
)

func (s scripts) String() string {
	if s == jsOn {
		return "JavaScript on"
	}
	return "JavaScript off"
}

// demo is an app on a loopback port, with a database of its own.
type demo struct {
	app    *App
	server *httptest.Server
	gates  *chrome.Gates // by "METHOD /path": where the next such request waits
}

// newDemo starts a demo on a new database of dialect db.
func newDemo(t testing.TB, db *dialect) *demo {
	t.Helper()
	return startDemo(t, newSource(t, db), cluster{cache: cache.New(cache.Options{})})
}

// startDemo starts a demo on the database source names (see openDB),
// reading through c, and stops it when the test ends.
func startDemo(t testing.TB, source string, cl cluster) *demo {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(t.Output(), nil))
	app, err := newApp(t.Context(), source, cl, logger)
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, app, func() { app.Close() })
}

// stop stops d before the test ends, as the demo stops: no more requests,
// then the app closed, which writes what it keeps behind.
func (d *demo) stop(t testing.TB) {
	t.Helper()
	d.server.Close()
	if err := d.app.Close(); err != nil {
		t.Fatal(err)
	}
}

// serve starts a loopback server for app; closing it at the end of the
// test, then calling done.
func serve(t testing.TB, app *App, done func()) *demo {
	d := &demo{app: app, gates: chrome.NewGates(t)}
	d.server = httptest.NewServer(d)
	t.Cleanup(func() { d.server.Close(); done() })
	return d
}

// ServeHTTP serves the app, holding a request at its gate first if the
// test set one (hold).
func (d *demo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if d.gates.Pass(r.Context(), r.Method+" "+r.URL.Path) != nil {
		return // the browser gave up on it
	}
	d.app.ServeHTTP(w, r)
}

// hold makes the next request for route ("POST /posts") wait at a gate
// until the test opens it, so that the test sees the page while the
// request is on its way.
func (d *demo) hold(route string) *chrome.Gate {
	return d.gates.Hold(route)
}

func (d *demo) url(path string) string { return d.server.URL + path }

// openDemo starts a demo on a new database of dialect db and shows its
// page at path in a new tab.
func openDemo(t *testing.T, db *dialect, path string, js scripts) (*demo, context.Context) {
	t.Helper()
	d := newDemo(t, db)
	ctx := newTab(t, js)
	visit(t, ctx, d.url(path), js)
	return d, ctx
}

// bothModes runs test with JavaScript off and on, on each database, in
// parallel.
func bothModes(t *testing.T, path string, test func(t *testing.T, d *demo, ctx context.Context, js scripts)) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		for _, js := range []scripts{jsOff, jsOn} {
			t.Run(js.String(), func(t *testing.T) {
				t.Parallel()
				d, ctx := openDemo(t, db, path, js)
				test(t, d, ctx, js)
			})
		}
	})
}

// newTab opens a tab in a fresh browser context, running page scripts or
// not as js says.
func newTab(t testing.TB, js scripts) context.Context {
	t.Helper()
	_, ctx := chrome.Tab(t, bool(js), testTimeout)
	return ctx
}

// visit navigates to url and checks the page is there, with its scripts
// running (and the runtime loaded) or not, as the tab was set up.
func visit(t testing.TB, ctx context.Context, url string, js scripts) {
	t.Helper()
	chrome.Visit(t, ctx, url)
	chrome.CheckScripts(t, ctx, bool(js))
}

// submit submits a form whose answer is a page rendered again: posted by
// the browser with JavaScript off, by the runtime (in place) with it on.
func submit(t testing.TB, ctx context.Context, js scripts, trigger chromedp.Action[chromedp.Void]) {
	t.Helper()
	if js == jsOn {
		chrome.SubmitInPlace(t, ctx, trigger)
	} else {
		chrome.Follow(t, ctx, trigger)
	}
}
