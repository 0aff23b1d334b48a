package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/internal/browsertest/chrome"
)

// The browser tests drive Debian's Chromium through chromedp, as
// internal/browsertest does: one browser for every test, a fresh browser
// context (an incognito window) per tab, JavaScript on or off, every wait
// bounded.

const (
	testTimeout = 60 * time.Second // each tab
	waitTimeout = 15 * time.Second // each wait for the page
)

func TestMain(m *testing.M) {
	// A key of this run for the sealed bound arguments, as ACTIONS_KEYS
	// is in production: without one, every app would warn.
	key := make([]byte, 32)
	rand.Read(key)
	os.Setenv("ACTIONS_KEYS", base64.RawURLEncoding.EncodeToString(key))
	code := m.Run()
	chrome.Stop()
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
}

func newDemo(t testing.TB) *demo {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(t.Output(), nil))
	app, err := newApp(t.Context(), filepath.Join(t.TempDir(), "demo.db"), cluster{cache: cache.New(cache.Options{})}, logger)
	if err != nil {
		t.Fatal(err)
	}
	server := httptest.NewServer(app)
	t.Cleanup(func() { server.Close(); app.Close() })
	return &demo{app, server}
}

func (d *demo) url(path string) string { return d.server.URL + path }

// openDemo starts a demo and shows its page at path in a new tab.
func openDemo(t *testing.T, path string, js scripts) (*demo, context.Context) {
	t.Helper()
	d := newDemo(t)
	ctx := newTab(t, js)
	visit(t, ctx, d.url(path), js)
	return d, ctx
}

// bothModes runs test with JavaScript off and on, in parallel.
func bothModes(t *testing.T, path string, test func(t *testing.T, d *demo, ctx context.Context, js scripts)) {
	t.Parallel()
	for _, js := range []scripts{jsOff, jsOn} {
		t.Run(js.String(), func(t *testing.T) {
			t.Parallel()
			d, ctx := openDemo(t, path, js)
			test(t, d, ctx, js)
		})
	}
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
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("opening %s: %v", url, describe(res, err))
	}
	checkScripts(t, ctx, js)
}

func describe(res *network.Response, err error) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%d %s", res.Status, res.StatusText)
}

func checkScripts(t testing.TB, ctx context.Context, js scripts) {
	t.Helper()
	want := "off"
	if js == jsOn {
		want = "on"
	}
	if got := eval[string](t, ctx, `document.documentElement.dataset.js`); got != want {
		t.Fatalf("the page's scripts are %s, want %s", got, want)
	}
	if js == jsOn {
		waitFor(t, ctx, "the runtime", `window[Symbol.for("goactions.runtime")] === true`)
	}
}

// eval evaluates a JavaScript expression in the page (DevTools can, even
// with the page's scripts off).
func eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

func do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%v; page: %s", err, bodyText(ctx))
	}
}

func press(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }

func typeInto(t testing.TB, ctx context.Context, sel, s string) {
	t.Helper()
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(sel), s))
}

// replaceText selects what the input holds and types s over it.
func replaceText(t testing.TB, ctx context.Context, sel, s string) {
	t.Helper()
	do(t, ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.SendKeys(chromedp.CSS(sel), s))
}

// follow runs trigger, which makes the browser load a page, and returns
// the response of the page shown next.
func follow(t testing.TB, ctx context.Context, trigger chromedp.Action[chromedp.Void]) *network.Response {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, waitTimeout)
	defer cancel()
	res, err := chromedp.RunResponse(wctx, trigger)
	if err != nil {
		t.Fatalf("waiting for the next page: %v; page: %s", err, bodyText(ctx))
	}
	return res
}

// submitInPlace runs trigger, which submits a form the runtime sends with
// fetch, and waits for its actions:settled event, failing if the page was
// reloaded or left meanwhile.
func submitInPlace(t testing.TB, ctx context.Context, trigger chromedp.Action[chromedp.Void]) {
	t.Helper()
	eval[bool](t, ctx, `window.testSamePage = true;
		window.testSettled = new Promise((resolve) => document.addEventListener("actions:settled", () => resolve(true), { once: true }));
		true`)
	do(t, ctx, trigger)
	wctx, cancel := context.WithTimeout(ctx, waitTimeout)
	defer cancel()
	same, err := chromedp.Run(wctx, chromedp.Evaluate[bool](`window.testSettled.then(() => window.testSamePage === true)`, chromedp.EvalAwaitPromise))
	if err != nil || !same {
		t.Fatalf("the submission did not settle in the same page: %v; page: %s", err, bodyText(ctx))
	}
}

// submit submits a form whose answer is a page rendered again: posted by
// the browser with JavaScript off, by the runtime (in place) with it on.
func submit(t testing.TB, ctx context.Context, js scripts, trigger chromedp.Action[chromedp.Void]) {
	t.Helper()
	if js == jsOn {
		submitInPlace(t, ctx, trigger)
	} else {
		follow(t, ctx, trigger)
	}
}

// waitFor waits until the JavaScript expression cond is true in the page.
func waitFor(t testing.TB, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("waiting for %s (%s): not within %v (%v); page: %s", what, cond, waitTimeout, err, bodyText(ctx))
		}
		select {
		case <-time.After(10 * time.Millisecond):
		case <-ctx.Done():
		}
	}
}

// expect compares what the page shows for each selector (an element's
// text, a form control's value) with what it should.
func expect(t testing.TB, ctx context.Context, when string, want map[string]string) {
	t.Helper()
	for sel, w := range want {
		got := eval[string](t, ctx, `(() => {
			const el = document.querySelector(`+fmt.Sprintf("%q", sel)+`);
			if (!el) return "(no element)";
			return /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) ? el.value : el.textContent.trim().replace(/\s+/g, " ");
		})()`)
		if got != w {
			t.Errorf("%s: %s shows %q, want %q", when, sel, got, w)
		}
	}
}

func bodyText(ctx context.Context) string {
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body"), chromedp.AtLeast(0)))
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return strings.Join(strings.Fields(s), " ")
}
