package chrome

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The steps both browser suites take: what a user does in a tab, and the
// waits for what the page does in answer. Each fails the test on an error
// and says what the page showed; every wait ends after WaitTimeout at the
// latest, and within the tab's own timeout.

// WaitTimeout bounds each wait for the page: for an answer, a navigation,
// a change. The answers come from loopback in milliseconds.
const WaitTimeout = 15 * time.Second

// Eval evaluates a JavaScript expression in the page (DevTools can, even
// in a tab where the page's own scripts do not run) and returns its value.
func Eval[T any](tb testing.TB, ctx context.Context, expr string) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// Do runs browser actions.
func Do(tb testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.Fatalf("%v; page: %s", err, BodyText(ctx))
	}
}

// Press is a click on the element sel matches, as a user's mouse makes it.
func Press(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }

// Visit navigates to url and fails the test unless the page answered 200.
func Visit(tb testing.TB, ctx context.Context, url string) {
	tb.Helper()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil || res.Status != 200 {
		tb.Fatalf("opening %s: %v", url, Describe(res, err))
	}
}

// Describe says what a navigation got.
func Describe(res *network.Response, err error) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%d %s", res.Status, res.StatusText)
}

// TypeInto focuses the input sel matches and types s as a user would.
func TypeInto(tb testing.TB, ctx context.Context, sel, s string) {
	tb.Helper()
	Do(tb, ctx, chromedp.SendKeys(chromedp.CSS(sel), s))
}

// ReplaceText selects what the input sel holds and types s over it, as a
// user does (Ctrl+A, then the keys).
func ReplaceText(tb testing.TB, ctx context.Context, sel, s string) {
	tb.Helper()
	Do(tb, ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.SendKeys(chromedp.CSS(sel), s))
	if got := Eval[string](tb, ctx, `document.querySelector(`+JSString(sel)+`).value`); got != s {
		tb.Fatalf("%s holds %q after typing over it, want %q", sel, got, s)
	}
}

// JSString quotes s as a JavaScript string literal. JSON's strings are
// JavaScript's (Go's %q is not: JavaScript reads its \a and \U0001F600 as
// other text); encoding/json also escapes U+2028 and U+2029, which older
// JavaScript refused in a literal, and what could close a script (<, >,
// &), and turns bytes that are not UTF-8 into U+FFFD.
func JSString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// Follow runs trigger, which makes the browser load a page (posting a form
// without JavaScript, or the runtime navigating: a redirect, a reload), and
// returns the response of the page shown next, after any redirects.
func Follow(tb testing.TB, ctx context.Context, trigger chromedp.Action[chromedp.Void]) *network.Response {
	tb.Helper()
	wctx, cancel := context.WithTimeout(ctx, WaitTimeout)
	defer cancel()
	res, err := chromedp.RunResponse(wctx, trigger)
	if err != nil {
		tb.Fatalf("waiting for the next page: %v; page: %s", err, BodyText(ctx))
	}
	return res
}

// BeginInPlace runs trigger, which submits a form that the runtime sends
// with fetch, having noted on the window that the page is the same one
// and set up to see the form's actions:settled event.
func BeginInPlace(tb testing.TB, ctx context.Context, trigger chromedp.Action[chromedp.Void]) {
	tb.Helper()
	Eval[bool](tb, ctx, `window.testSamePage = true;
		window.testSettled = new Promise((resolve) => document.addEventListener("actions:settled", () => resolve(true), { once: true }));
		true`)
	Do(tb, ctx, trigger)
}

// AwaitSettled waits for the actions:settled event of the submission
// BeginInPlace began (the answer is in the page then), and fails the test
// if the page was reloaded or left meanwhile.
func AwaitSettled(tb testing.TB, ctx context.Context) {
	tb.Helper()
	wctx, cancel := context.WithTimeout(ctx, WaitTimeout)
	defer cancel()
	same, err := chromedp.Run(wctx, chromedp.Evaluate[bool](`window.testSettled.then(() => window.testSamePage === true)`, chromedp.EvalAwaitPromise))
	if err != nil || !same {
		tb.Fatalf("the submission did not settle in the same page (reloaded or left?): %v; page: %s", err, BodyText(ctx))
	}
}

// SubmitInPlace is BeginInPlace and AwaitSettled.
func SubmitInPlace(tb testing.TB, ctx context.Context, trigger chromedp.Action[chromedp.Void]) {
	tb.Helper()
	BeginInPlace(tb, ctx, trigger)
	AwaitSettled(tb, ctx)
}

// WaitFor waits until the JavaScript expression cond is true in the page,
// whichever page it is by then: navigations and reloads are waited out.
func WaitFor(tb testing.TB, ctx context.Context, what, cond string) {
	tb.Helper()
	deadline := time.Now().Add(WaitTimeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			tb.Fatalf("waiting for %s (%s): not within %v (%v); page: %s", what, cond, WaitTimeout, err, BodyText(ctx))
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
		}
	}
}

// CheckScripts fails the test unless the page says (on its root element's
// data-js) that its scripts ran, or did not, as js says; with JavaScript
// on, it also waits for the runtime to install itself (it marks the
// window so, to load only once).
func CheckScripts(tb testing.TB, ctx context.Context, js bool) {
	tb.Helper()
	want := "off"
	if js {
		want = "on"
	}
	if got := Eval[string](tb, ctx, `document.documentElement.dataset.js`); got != want {
		tb.Fatalf("the page's scripts are %s, want %s", got, want)
	}
	if js {
		WaitFor(tb, ctx, "the runtime", `window[Symbol.for("goactions.runtime")] === true`)
	}
}

// Expect compares what the page shows for each selector (the text of an
// element, with its runs of white space made one space; the value of a
// form control) with what it should.
func Expect(tb testing.TB, ctx context.Context, when string, want map[string]string) {
	tb.Helper()
	for sel, w := range want {
		got := Eval[string](tb, ctx, `(() => {
			const el = document.querySelector(`+JSString(sel)+`);
			if (!el) return "(no element)";
			return /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) ? el.value : el.textContent.trim().replace(/\s+/g, " ");
		})()`)
		if got != w {
			tb.Errorf("%s: %s shows %q, want %q", when, sel, got, w)
		}
	}
}

// BodyText is the page's text, its runs of white space made one space, for
// failure messages.
func BodyText(ctx context.Context) string {
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body"), chromedp.AtLeast(0)))
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return strings.Join(strings.Fields(s), " ")
}
