package browsertest_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// screenshotsEnv names a folder for the screenshots of failed tests, in
// place of the default (see screenshotDir).
const screenshotsEnv = "BROWSERTEST_SCREENSHOTS"

// failureScreenshot saves, when t has failed, a full-page PNG of the tab
// and its HTML as the browser has it, and logs where: what the page showed
// is most of what there is to know about a failed browser test.
func failureScreenshot(t testing.TB, tab context.Context) {
	if !t.Failed() || tab.Err() != nil {
		return
	}
	ctx, cancel := context.WithTimeout(tab, 10*time.Second)
	defer cancel()
	png, err := saveScreenshot(ctx, screenshotDir(t), t.Name())
	if err != nil {
		t.Logf("no screenshot of the failure: %v", err)
		return
	}
	t.Logf("screenshot of the page at the failure: %s (and its HTML beside it)", png)
}

// screenshotDir is where failure screenshots go: $BROWSERTEST_SCREENSHOTS;
// else the test's artifact folder when go test runs with -artifacts
// (under -outputdir, which CI keeps); else goactions-browsertest under the
// system's temporary folder, which outlives the test (t.TempDir does not).
func screenshotDir(t testing.TB) string {
	if dir := os.Getenv(screenshotsEnv); dir != "" {
		return dir
	}
	if f := flag.Lookup("test.artifacts"); f != nil && f.Value.String() == "true" {
		return t.ArtifactDir()
	}
	return filepath.Join(os.TempDir(), "goactions-browsertest")
}

// unsafeName matches what a file name should not contain.
var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// saveScreenshot writes name.png, a full-page screenshot of the tab, and
// name.html, its DOM serialized, into dir, and returns the PNG's path.
func saveScreenshot(ctx context.Context, dir, name string) (string, error) {
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	base := filepath.Join(dir, unsafeName.ReplaceAllString(name, "_"))
	if err := os.WriteFile(base+".png", png, 0o644); err != nil {
		return "", err
	}
	html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	if err == nil {
		err = os.WriteFile(base+".html", []byte(html), 0o644)
	}
	if err != nil {
		return "", fmt.Errorf("the screenshot is at %s.png, but not the HTML: %v", base, err)
	}
	return base + ".png", nil
}

// A failed test leaves a picture of the page behind: saveScreenshot, which
// failureScreenshot calls, writes a PNG and the page's HTML.
func TestScreenshotOfAPageIsSaved(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang=en><title>Shot</title><h1>What the failure looked like</h1><p id=js>JavaScript is off</p>`)
	}))
	t.Cleanup(srv.Close)
	ctx := newTab(t, jsOff)
	open(t, ctx, srv.URL, jsOff)

	dir := t.TempDir()
	path, err := saveScreenshot(ctx, dir, "Test/with spaces")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "Test_with_spaces.png"); path != want {
		t.Errorf("saved as %s, want %s", path, want)
	}
	png, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("%s is not a PNG (%v)", path, err)
	}
	html, err := os.ReadFile(filepath.Join(dir, "Test_with_spaces.html"))
	if err != nil || !bytes.Contains(html, []byte("What the failure looked like")) {
		t.Errorf("the page's HTML was not saved beside it (%v): %s", err, html)
	}
}
