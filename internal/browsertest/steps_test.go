package browsertest_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The steps of the full-stack tests (the site's): what a user does, and
// waits for what the page does in answer. Every wait ends after
// waitTimeout at the latest, and within the tab's testTimeout.

// waitTimeout bounds each wait for the page: for an answer, a navigation,
// a change. The answers come from loopback in milliseconds.
const waitTimeout = 15 * time.Second

// openSite starts a site, opens a tab and shows the site's page at path,
// with the page's scripts running or not as js says.
func openSite(t *testing.T, path string, js scripts) (*site, context.Context) {
	t.Helper()
	s := newSite(t)
	ctx := newTab(t, js)
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(s.url(path)))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("opening %s: %v", path, describe(res, err))
	}
	checkSiteScripts(t, ctx, js)
	return s, ctx
}

// describe says what a navigation got.
func describe(res *network.Response, err error) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%d %s", res.Status, res.StatusText)
}

// checkSiteScripts fails the test unless the page says its scripts ran, or
// did not, as the tab was set up; with JavaScript on, unless the runtime
// has installed itself too (it marks the window so, to load only once).
func checkSiteScripts(t testing.TB, ctx context.Context, js scripts) {
	t.Helper()
	want := "off"
	if js == jsOn {
		want = "on"
	}
	if got := eval[string](t, ctx, `document.documentElement.dataset.js`); got != want {
		t.Fatalf("the page's scripts are %s, want %s", got, want)
	}
	if js == jsOn && !eval[bool](t, ctx, `window[Symbol.for("goactions.runtime")] === true`) {
		t.Fatalf("the runtime did not load on %s", eval[string](t, ctx, `location.href`))
	}
}

// eval evaluates a JavaScript expression in the page (DevTools can, even
// in a tab where the page's own scripts do not run) and returns its value.
func eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// do runs browser actions, failing the test on an error.
func do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%v; page: %s", err, bodyText(ctx))
	}
}

// press is a click on the element sel matches, as a user's mouse makes it.
func press(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }

// ctrlEnter is Ctrl+Enter typed into the focused element.
var ctrlEnter = chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl))

// replaceText selects what the input sel holds and types s over it, as a
// user does (Ctrl+A, then the keys).
func replaceText(t testing.TB, ctx context.Context, sel, s string) {
	t.Helper()
	do(t, ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.SendKeys(chromedp.CSS(sel), s))
	if got := eval[string](t, ctx, `document.querySelector(`+jsString(sel)+`).value`); got != s {
		t.Fatalf("%s holds %q after typing over it, want %q", sel, got, s)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string { return fmt.Sprintf("%q", s) }

// follow runs trigger, which makes the browser load a page (posting a form
// without JavaScript, or the runtime navigating: a redirect, a reload), and
// returns the response of the page shown next, after any redirects.
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

// beginInPlace runs trigger, which submits a form that the runtime sends
// with fetch, having noted on the window that the page is the same one
// and set up to see the form's actions:settled event.
func beginInPlace(t testing.TB, ctx context.Context, trigger chromedp.Action[chromedp.Void]) {
	t.Helper()
	eval[bool](t, ctx, `window.testSamePage = true;
		window.testSettled = new Promise((resolve) => document.addEventListener("actions:settled", () => resolve(true), { once: true }));
		true`)
	do(t, ctx, trigger)
}

// awaitSettled waits for the actions:settled event of the submission
// beginInPlace began (the answer is in the page then), and fails the test
// if the page was reloaded or left meanwhile.
func awaitSettled(t testing.TB, ctx context.Context) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, waitTimeout)
	defer cancel()
	same, err := chromedp.Run(wctx, chromedp.Evaluate[bool](`window.testSettled.then(() => window.testSamePage === true)`, chromedp.EvalAwaitPromise))
	if err != nil || !same {
		t.Fatalf("the submission did not settle in the same page (reloaded or left?): %v; page: %s", err, bodyText(ctx))
	}
}

// submitInPlace is beginInPlace and awaitSettled.
func submitInPlace(t testing.TB, ctx context.Context, trigger chromedp.Action[chromedp.Void]) {
	t.Helper()
	beginInPlace(t, ctx, trigger)
	awaitSettled(t, ctx)
}

// submit submits a form whose answer is the page rendered again: with
// JavaScript off, the browser posts it and shows the answer; with it on,
// the runtime posts it and morphs the answer in, and the page must not be
// reloaded. It returns the post as the server answered it, which must be
// the only request the submission made.
func (s *site) submit(t testing.TB, ctx context.Context, js scripts, trigger chromedp.Action[chromedp.Void]) request {
	t.Helper()
	start := s.mark()
	if js == jsOn {
		submitInPlace(t, ctx, trigger)
	} else {
		follow(t, ctx, trigger)
	}
	reqs := s.requests(start)
	if len(reqs) != 1 || reqs[0].Method != "POST" || reqs[0].Runtime != (js == jsOn) {
		t.Fatalf("the submission made requests %v, want one POST, by the runtime: %v", reqs, js == jsOn)
	}
	return reqs[0]
}

// waitFor waits until the JavaScript expression cond is true in the page,
// whichever page it is by then: navigations and reloads are waited out.
func waitFor(t testing.TB, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("waiting for %s (%s): not within %v (%v); page: %s", what, cond, waitTimeout, err, bodyText(ctx))
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
		}
	}
}

// recordErrors makes the page note the detail of every actions:error event
// from now on, for errorEvents.
func recordErrors(t testing.TB, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `window.testErrors = [];
		document.addEventListener("actions:error", (e) => testErrors.push({ code: e.detail.code, status: e.detail.status, message: e.detail.message }));
		true`)
}

// errorEvent is the detail of an actions:error event.
type errorEvent struct {
	Code    string `json:"code"`
	Status  int    `json:"status"`
	Message string `json:"message"`
}

// errorEvents returns the actions:error events since recordErrors.
func errorEvents(t testing.TB, ctx context.Context) []errorEvent {
	t.Helper()
	return eval[[]errorEvent](t, ctx, `window.testErrors`)
}

// status is what the runtime's status region ({{actionsStatus}}) says.
func status(t testing.TB, ctx context.Context) string {
	t.Helper()
	return strings.TrimSpace(eval[string](t, ctx, `document.querySelector("[data-actions-status]").textContent`))
}

// expect compares what the page shows for each selector (the text of an
// element, the value of a form control) with what it should.
func expect(t testing.TB, ctx context.Context, when string, want map[string]string) {
	t.Helper()
	for sel, w := range want {
		got := eval[string](t, ctx, `(() => {
			const el = document.querySelector(`+jsString(sel)+`);
			if (!el) return "(no element)";
			return /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) ? el.value : el.textContent.trim();
		})()`)
		if got != w {
			t.Errorf("%s: %s shows %q, want %q", when, sel, got, w)
		}
	}
}
