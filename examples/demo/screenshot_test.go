package main

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// The README's tour of the demo shows screenshots that this test takes:
//
//	cd examples/demo && go test -run TestScreenshots -args -screenshots
//
// writes them into docs/demo at the repository's root. Without the flag
// the test only checks that each committed screenshot is there and is a
// PNG of the width below: a normal run never rewrites a committed file.
var writeScreenshots = flag.Bool("screenshots", false, "write the README's screenshots of the demo into docs/demo at the repository's root")

// screenshotDir is docs/demo at the repository's root, from this folder.
var screenshotDir = filepath.Join("..", "..", "docs", "demo")

// The viewport of every screenshot: the pages are full-page captures at
// this width, as tall as their content.
const (
	shotWidth  = 1000
	shotHeight = 700
)

// shots are the README's screenshots: a file name, the page, and what to do
// on it before the capture.
var shots = []struct {
	file, path string
	prepare    func(t *testing.T, d *demo, ctx context.Context)
}{
	{"posts.png", "/posts", nil},
	{"posts-errors.png", "/posts", func(t *testing.T, d *demo, ctx context.Context) {
		chrome.TypeInto(t, ctx, "#title", "   ")
		chrome.TypeInto(t, ctx, "#content", "Typed values are kept when the server refuses the form.")
		chrome.SubmitInPlace(t, ctx, chrome.Press("#create"))
	}},
	{"messages.png", "/messages", func(t *testing.T, d *demo, ctx context.Context) {
		chrome.SubmitInPlace(t, ctx, chrome.Press("#send")) // an empty message: refused
	}},
	{"editor.png", "/editor", nil},
	{"signup.png", "/signup", func(t *testing.T, d *demo, ctx context.Context) {
		chrome.TypeInto(t, ctx, "#username", "Ad")
		chrome.TypeInto(t, ctx, "#email", "ada")
		chrome.TypeInto(t, ctx, "#password", "short")
		chrome.SubmitInPlace(t, ctx, chrome.Press("#signup-button"))
	}},
}

func TestScreenshots(t *testing.T) {
	if !*writeScreenshots {
		for _, s := range shots {
			path := filepath.Join(screenshotDir, s.file)
			f, err := os.Open(path)
			if err != nil {
				t.Errorf("the README shows %s, which is missing: go test -run TestScreenshots -args -screenshots (%v)", path, err)
				continue
			}
			cfg, err := png.DecodeConfig(f)
			f.Close()
			if err != nil || cfg.Width != shotWidth {
				t.Errorf("%s: want a PNG %d pixels wide, got %d (%v)", path, shotWidth, cfg.Width, err)
			}
		}
		return
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range shots {
		t.Run(s.file, func(t *testing.T) {
			t.Parallel()
			d := newDemo(t, sqliteDialect)
			seed(t, d)
			ctx := newTab(t, jsOn)
			chrome.Do(t, ctx, chromedp.EmulateViewport(shotWidth, shotHeight))
			visit(t, ctx, d.url(s.path), jsOn)
			if s.prepare != nil {
				s.prepare(t, d, ctx)
			}
			chrome.Eval[bool](t, ctx, `document.activeElement?.blur(), true`) // no focus ring or caret in the picture
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))      // 100: PNG
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(shot, []byte("\x89PNG")) {
				t.Fatal("the screenshot is not a PNG")
			}
			path := filepath.Join(screenshotDir, s.file)
			if err := os.WriteFile(path, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d bytes)", path, len(shot))
		})
	}
}

// seed gives the demo something to show: a few posts and messages.
func seed(t *testing.T, d *demo) {
	t.Helper()
	now := time.Now()
	for i, p := range []struct{ title, content string }{
		{"Hello, Server Actions", "A Go function, called by a form with no JavaScript, or by a script like any async function."},
		{"Revalidation", "An action says what it changed; the pages that showed it are rendered afresh, on every instance."},
		{"Sealed bound arguments", "The user id travels in the form, sealed with AES-256-GCM for that action only."},
	} {
		if _, err := d.app.db.Exec(`INSERT INTO posts (title, content, created_at) VALUES (?, ?, ?)`,
			p.title, p.content, now.Add(time.Duration(i)*time.Minute).UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []string{"Hi! Is the demo running?", "It is: this message appeared before the server answered."} {
		if _, err := d.app.db.Exec(`INSERT INTO messages (text, created_at) VALUES (?, ?)`, m, now.UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
}
