package browsertest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// The steps of the full-stack tests (the site's) beyond package chrome's:
// what a user does, and waits for what the page does in answer.

// openSite starts a site, opens a tab and shows the site's page at path,
// with the page's scripts running or not as js says.
func openSite(t *testing.T, path string, js scripts) (*site, context.Context) {
	t.Helper()
	s := newSite(t)
	ctx := newTab(t, js)
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(s.url(path)))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("opening %s: %v", path, chrome.Describe(res, err))
	}
	chrome.CheckScripts(t, ctx, bool(js))
	return s, ctx
}

// ctrlEnter is Ctrl+Enter typed into the focused element.
var ctrlEnter = chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl))

// submit submits a form whose answer is the page rendered again: with
// JavaScript off, the browser posts it and shows the answer; with it on,
// the runtime posts it and morphs the answer in, and the page must not be
// reloaded. It returns the post as the server answered it, which must be
// the only request the submission made.
func (s *site) submit(t testing.TB, ctx context.Context, js scripts, trigger chromedp.Action[chromedp.Void]) request {
	t.Helper()
	start := s.mark()
	if js == jsOn {
		chrome.SubmitInPlace(t, ctx, trigger)
	} else {
		chrome.Follow(t, ctx, trigger)
	}
	reqs := s.requests(start)
	if len(reqs) != 1 || reqs[0].Method != "POST" || reqs[0].Runtime != (js == jsOn) {
		t.Fatalf("the submission made requests %v, want one POST, by the runtime: %v", reqs, js == jsOn)
	}
	return reqs[0]
}

// recordErrors makes the page note the detail of every actions:error event
// from now on, for errorEvents.
func recordErrors(t testing.TB, ctx context.Context) {
	t.Helper()
	chrome.Eval[bool](t, ctx, `window.testErrors = [];
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
	return chrome.Eval[[]errorEvent](t, ctx, `window.testErrors`)
}

// status is what the runtime's status region ({{actionsStatus}}) says.
func status(t testing.TB, ctx context.Context) string {
	t.Helper()
	return strings.TrimSpace(chrome.Eval[string](t, ctx, `document.querySelector("[data-actions-status]").textContent`))
}
