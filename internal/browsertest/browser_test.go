package browsertest_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// testTimeout bounds each test, so that a page that never loads or an
// element that never shows fails the tests instead of stalling the run.
const testTimeout = 60 * time.Second

// One Chromium serves every test (package chrome): starting it is the slow
// part. Each test gets a tab in a browser context of its own, with its own
// cookies and cache, like a fresh incognito window.
func TestMain(m *testing.M) {
	// Named hosts for tests that need an origin the browser does not trust
	// as it trusts loopback addresses; still loopback.
	chrome.SetOptions(chromedp.Flag("host-resolver-rules", "MAP *.test 127.0.0.1"))
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

// newTab opens a tab in a fresh browser context and returns its context,
// which ends after testTimeout or with the test. With jsOff, the tab runs
// no page script at all (DevTools' Emulation.setScriptExecutionDisabled),
// as for a user who turned JavaScript off. When the test fails, a
// screenshot of the tab is saved and its path logged (failureScreenshot).
func newTab(t testing.TB, js scripts) context.Context {
	t.Helper()
	tab, ctx := chrome.Tab(t, bool(js), testTimeout)
	// Cleanups run last first: this one, while the tab is still open.
	t.Cleanup(func() { failureScreenshot(t, tab) })
	return ctx
}

// open navigates to url and returns the response, failing the test unless
// the page says whether scripts ran as the tab was set up to.
func open(t *testing.T, ctx context.Context, url string, js scripts) *network.Response {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	checkScripts(t, ctx, js)
	return res
}

// click clicks a button that submits a form and returns the response of the
// page the browser shows next, after any redirects.
func click(t *testing.T, ctx context.Context, button string) *network.Response {
	t.Helper()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(button)))
	if err != nil {
		t.Fatalf("clicking %s: %v", button, err)
	}
	return res
}

// checkScripts fails the test unless the page's #js element says what the
// tab promised: every page writes "JavaScript is on" into it from a script,
// so a test that claims JavaScript is off proves it on every page.
func checkScripts(t *testing.T, ctx context.Context, js scripts) {
	t.Helper()
	want := "JavaScript is off"
	if js == jsOn {
		want = "JavaScript is on"
	}
	if got := text(t, ctx, "#js"); got != want {
		t.Fatalf("the page says %q, want %q", got, want)
	}
}

// text returns the visible text of the first element matching sel in the
// page as it is: it does not wait for one to appear.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.AtLeast(0)))
	if err != nil {
		t.Fatalf("reading the text of %s: %v\npage: %s", sel, err, chrome.BodyText(ctx))
	}
	return strings.TrimSpace(s)
}

// value returns the current value of the input matching sel, what the
// user sees in it. It does not wait for the input to appear.
func value(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel), chromedp.AtLeast(0)))
	if err != nil {
		t.Fatalf("reading the value of %s: %v", sel, err)
	}
	return s
}

// location returns the URL the browser shows.
func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("reading the location: %v", err)
	}
	return s
}
