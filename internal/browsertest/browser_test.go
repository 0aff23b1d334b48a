package browsertest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// testTimeout bounds each test, and startTimeout the browser's start, so
// that a browser that never starts, a page that never loads or an element
// that never shows fails the tests instead of stalling the run.
const (
	testTimeout  = 60 * time.Second
	startTimeout = 60 * time.Second
)

// One Chromium serves every test: starting it is the slow part. Each test
// gets a tab in a browser context of its own, with its own cookies and
// cache, like a fresh incognito window.
var shared struct {
	once   sync.Once
	ctx    context.Context // the browser's, once it runs
	cancel context.CancelFunc
	output lockedBuffer // Chromium's stdout and stderr, for start failures
	dir    string       // the fresh --user-data-dir
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.cancel != nil {
		// Closes the browser and waits for it to stop.
		shared.cancel()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// chromiumPath finds Debian's chromium (or another Chromium on PATH).
func chromiumPath() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	return "", fmt.Errorf("chromium is not installed: run ./scripts/test.sh, which installs Debian's chromium package, or apt-get install chromium")
}

// browser starts Chromium on first use and returns its context.
func browser() (context.Context, error) {
	shared.once.Do(func() {
		path, err := chromiumPath()
		if err != nil {
			shared.err = err
			return
		}
		if shared.dir, err = os.MkdirTemp("", "browsertest-profile-"); err != nil {
			shared.err = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:], // --headless, --no-first-run, --disable-background-networking, --disable-sync …
			chromedp.ExecPath(path),
			chromedp.NoSandbox, // containers and CI runners run as root
			chromedp.DisableGPU,
			chromedp.Flag("disable-component-update", true),
			chromedp.UserDataDir(shared.dir),
			// Named hosts for tests that need an origin the browser does
			// not trust as it trusts loopback addresses; still loopback.
			chromedp.Flag("host-resolver-rules", "MAP *.test 127.0.0.1"),
			chromedp.CombinedOutput(&shared.output),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelBrowser := chromedp.NewContext(allocCtx)
		shared.ctx = ctx
		shared.cancel = func() { cancelBrowser(); cancelAlloc() }
		// The context of the first Run is the browser's for good, so it
		// gets no deadline; the wait for it has one.
		started := make(chan error, 1)
		go func() { started <- chromedp.Do(ctx) }()
		select {
		case err = <-started:
		case <-time.After(startTimeout):
			err = fmt.Errorf("it did not start within %v", startTimeout)
		}
		if err != nil {
			shared.cancel()
			shared.cancel = nil
			shared.err = fmt.Errorf("starting %s: %v\n%s", path, err, shared.output.String())
		}
	})
	return shared.ctx, shared.err
}

// lockedBuffer holds Chromium's output, which the allocator writes from
// its own goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
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
	parent, err := browser()
	if err != nil {
		t.Fatal(err)
	}
	tab, closeTab := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	t.Cleanup(closeTab)
	ctx, cancel := context.WithTimeout(tab, testTimeout)
	t.Cleanup(cancel)
	// Cleanups run last first: this one, while the tab is still open.
	t.Cleanup(func() { failureScreenshot(t, tab) })
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatalf("opening a tab: %v", err)
	}
	if js == jsOff {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatalf("turning JavaScript off: %v", err)
		}
	}
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
		t.Fatalf("reading the text of %s: %v\npage: %s", sel, err, bodyText(ctx))
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

// typeInto focuses the input matching sel and types s as a user would.
func typeInto(t *testing.T, ctx context.Context, sel, s string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(sel), s)); err != nil {
		t.Fatalf("typing into %s: %v", sel, err)
	}
}

// bodyText is the page's text, for failure messages.
func bodyText(ctx context.Context) string {
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body"), chromedp.AtLeast(0)))
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return s
}
