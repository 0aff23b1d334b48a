package browsertest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goactions/actions"
	"github.com/goactions/actions/internal/browsertest/chrome"
)

// The figures of the README's Performance section, issue 4's benchmarks:
//
//	cd internal/browsertest && go test -run '^$' -bench . -benchtime 50x
//
// Both report only; nothing here asserts a timing.

// nextJSPageGzip is the JavaScript the Next.js 16 baseline's one-form page
// (/posts: a createPost form and a LikeButton calling increment) makes the
// browser download, gzip -9: 136 KB, from ../shared/bench/README.md.
const nextJSPageGzip = 136_000

// BenchmarkPageJS reports the JavaScript this package adds to a page with
// a form and a like button, as srv.Assets() serves it: the runtime
// (RuntimeURL, which {{actionsScript}} loads) and the actions module
// (ModuleURL, which a page script imports) for the same two actions as
// the Next.js page, createPost and incrementLike. Raw and gzip -9 bytes,
// as the baseline measured its own; and the baseline ÷ ours.
func BenchmarkPageJS(b *testing.B) {
	s := &site{tb: b}
	reg := actions.NewRegistry()
	reg.Register(s.createPost)
	reg.Register(s.incrementLike)
	srv, err := actions.New(actions.Options{Registry: reg})
	if err != nil {
		b.Fatal(err)
	}
	var raw, gz, moduleGz int
	for b.Loop() {
		raw, gz = 0, 0
		for _, url := range []string{srv.RuntimeURL(), srv.ModuleURL()} {
			rec := httptest.NewRecorder()
			srv.Assets().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/javascript; charset=utf-8" {
				b.Fatalf("GET %s: %d %s", url, rec.Code, rec.Header().Get("Content-Type"))
			}
			raw += rec.Body.Len()
			moduleGz = gzipSize(b, rec.Body.Bytes()) // the module's, once the loop is done
			gz += moduleGz
		}
	}
	b.ReportMetric(float64(raw), "raw-B")
	b.ReportMetric(float64(gz), "gzip-B")
	b.ReportMetric(float64(moduleGz), "module-gzip-B")
	b.ReportMetric(float64(nextJSPageGzip)/float64(gz), "next.js÷ours-gzip")
}

// gzipSize is the size of p compressed by gzip -9.
func gzipSize(tb testing.TB, p []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := io.Copy(w, bytes.NewReader(p)); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Len()
}

// clickToDOM clicks the post page's Like button from inside the page and
// resolves with the milliseconds (performance.now) until a
// MutationObserver sees the summary change: the call to incrementLike,
// which calls Refresh, its one answer carrying the page rendered again,
// and the runtime's morph of that page, which changes the summary (no
// script of the page writes it).
const clickToDOM = `new Promise((resolve, reject) => {
	const summary = document.getElementById("summary");
	const before = summary.textContent;
	let start;
	const observer = new MutationObserver(() => {
		if (summary.textContent != before) {
			observer.disconnect();
			resolve(performance.now() - start);
		}
	});
	observer.observe(summary, { childList: true, characterData: true, subtree: true });
	setTimeout(() => reject(new Error("the summary did not change within 10 s")), 10000);
	start = performance.now();
	document.getElementById("like").click();
})`

// BenchmarkClickToDOM reports the time from a click to the DOM updated,
// for an action with Refresh, in headless Chromium on loopback: the
// median, 90th percentile and extremes over the iterations (-benchtime
// 50x: 50 clicks), after 5 clicks to warm up. ns/op is the whole
// iteration, with the DevTools round trips of the measurement.
func BenchmarkClickToDOM(b *testing.B) {
	s := newSite(b)
	s.addPost("Benchmark", "A post to like.")
	ctx := newTab(b, jsOn)
	if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(s.url("/posts/1"))); err != nil {
		b.Fatal(err)
	}
	chrome.CheckScripts(b, ctx, bool(jsOn))
	click := func() float64 {
		wctx, cancel := context.WithTimeout(ctx, chrome.WaitTimeout)
		defer cancel()
		ms, err := chromedp.Run(wctx, chromedp.Evaluate[float64](clickToDOM, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatalf("click to DOM: %v", err)
		}
		return ms
	}
	for range 5 {
		click()
	}
	var samples []float64
	for b.Loop() {
		samples = append(samples, click())
	}
	slices.Sort(samples)
	n := len(samples)
	b.ReportMetric((samples[(n-1)/2]+samples[n/2])/2, "ms-median")
	b.ReportMetric(samples[(n*9+9)/10-1], "ms-p90") // nearest rank
	b.ReportMetric(samples[0], "ms-min")
	b.ReportMetric(samples[len(samples)-1], "ms-max")
	if p, _ := s.post(1); p.Likes != len(samples)+5 {
		b.Errorf("%d likes after %d clicks", p.Likes, len(samples)+5)
	}
}
