// Package chrome starts Debian's Chromium once per test binary and opens
// tabs in it, for the project's browser tests (internal/browsertest and
// examples/demo): one browser, a fresh browser context (an incognito
// window) per tab, JavaScript on or off, every wait bounded.
package chrome

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// StartTimeout bounds the browser's start, so a browser that never starts
// fails the tests instead of stalling the run.
const StartTimeout = 60 * time.Second

// extra are the options SetOptions adds to the defaults.
var extra []chromedp.ExecAllocatorOption

// SetOptions adds Chromium options for the browser of this test binary.
// Call it from TestMain, before any test opens a tab.
func SetOptions(opts ...chromedp.ExecAllocatorOption) { extra = opts }

var shared struct {
	once   sync.Once
	ctx    context.Context // the browser's, once it runs
	cancel context.CancelFunc
	output LockedBuffer // Chromium's stdout and stderr, for start failures
	dir    string       // the fresh --user-data-dir
	err    error
}

// Browser starts Chromium on first use and returns its context. A missing
// Chromium is an error that says how to install it: tests fail, never skip.
func Browser() (context.Context, error) {
	shared.once.Do(func() {
		path, err := chromiumPath()
		if err != nil {
			shared.err = err
			return
		}
		if shared.dir, err = os.MkdirTemp("", "goactions-chromium-"); err != nil {
			shared.err = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:], // --headless, --no-first-run, --disable-background-networking, --disable-sync …
			chromedp.ExecPath(path),
			chromedp.NoSandbox, // containers and CI runners run as root
			chromedp.DisableGPU,
			chromedp.Flag("disable-component-update", true),
			chromedp.UserDataDir(shared.dir),
			chromedp.CombinedOutput(&shared.output),
		)
		opts = append(opts, extra...)
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
		case <-time.After(StartTimeout):
			err = fmt.Errorf("it did not start within %v", StartTimeout)
		}
		if err != nil {
			shared.cancel()
			shared.cancel = nil
			shared.err = fmt.Errorf("starting %s: %v\n%s", path, err, shared.output.String())
		}
	})
	return shared.ctx, shared.err
}

// Stop closes the browser, waits for it to exit and removes its profile.
// Call it from TestMain after m.Run.
func Stop() {
	if shared.cancel != nil {
		shared.cancel()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
}

// Tab opens a tab in a fresh browser context and returns the tab's own
// context and one that also ends after timeout or with the test. With js
// false the tab runs no page script at all (DevTools'
// Emulation.setScriptExecutionDisabled), as for a user who turned
// JavaScript off.
func Tab(tb testing.TB, js bool, timeout time.Duration) (tab, ctx context.Context) {
	tb.Helper()
	parent, err := Browser()
	if err != nil {
		tb.Fatal(err)
	}
	tab, closeTab := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	tb.Cleanup(closeTab)
	ctx, cancel := context.WithTimeout(tab, timeout)
	tb.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		tb.Fatalf("opening a tab: %v", err)
	}
	if !js {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			tb.Fatalf("turning JavaScript off: %v", err)
		}
	}
	return tab, ctx
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

// LockedBuffer collects output written from several goroutines (a
// browser's, a server process's).
type LockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *LockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *LockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
