package browsertest_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// Calls from event handlers (React's LikeButton), with JavaScript on: the
// post page's module script imports incrementLike and flagPost from the
// actions module ({{actionsModule}}) and calls them on click.
//   - incrementLike returns the count, which the script writes; it also
//     calls Refresh, so its one answer carries the page rendered again,
//     which the runtime morphs in: the summary, which no script writes,
//     shows the new count. One POST, no other request, no reload.
//   - An expected error (a deleted post) rejects the call with an
//     ActionError carrying the code and the message, which the page shows;
//     it is the page's to show, so the runtime announces nothing.
//   - An unexpected error rejects with the generic message (the detail
//     stays in the server's log), fires actions:error on the document and
//     is announced in the status region with its reference id, as the
//     page rendered after a form shows it.
func TestCallsFromEventHandlers(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	id := s.addPost("Hello", "First post.")
	ctx := newTab(t, jsOn)
	chrome.Do(t, ctx, chromedp.Navigate(s.url("/posts/1")))
	chrome.CheckScripts(t, ctx, bool(jsOn))
	chrome.Eval[bool](t, ctx, `window.notReloaded = true`)
	recordErrors(t, ctx)
	chrome.Expect(t, ctx, "the page", map[string]string{"#likes": "0", "#summary": "Likes so far: 0"})

	for n, want := range []string{"Likes so far: 1", "Likes so far: 2"} {
		start := s.mark()
		chrome.Do(t, ctx, chrome.Press("#like"))
		chrome.WaitFor(t, ctx, "the summary to say "+want, `document.getElementById("summary").textContent == `+chrome.JSString(want))
		chrome.WaitFor(t, ctx, "the count the call returned", `document.getElementById("likes").textContent == "`+strconv.Itoa(n+1)+`"`)
		if got, want := joinRequests(s.requests(start)), "POST /posts/1 → 200 (runtime) Action-Refresh"; got != want {
			t.Errorf("like %d: requests %s, want %s", n+1, got, want)
		}
	}
	if p, _ := s.post(id); p.Likes != 2 {
		t.Errorf("the post has %d likes, want 2", p.Likes)
	}

	chrome.Do(t, ctx, chrome.Press("#like-deleted"))
	chrome.WaitFor(t, ctx, "the call's error", `document.getElementById("call-error").textContent != ""`)
	chrome.Expect(t, ctx, "after liking a deleted post", map[string]string{"#call-error": "ActionError not_found: This post has been deleted."})
	if got := status(t, ctx); got != "" {
		t.Errorf("the status region says %q for an expected error", got)
	}

	chrome.Do(t, ctx, chrome.Press("#flag"))
	chrome.WaitFor(t, ctx, "the call's error", `document.getElementById("call-error").textContent.includes("internal")`)
	chrome.Expect(t, ctx, "after the unexpected error", map[string]string{"#call-error": "ActionError internal: Something went wrong on our side."})
	if got := status(t, ctx); !regexp.MustCompile(`^Something went wrong on our side\. \(reference [0-9a-f]{16}\)$`).MatchString(got) {
		t.Errorf("the status region says %q, want the generic message and the reference the log has", got)
	}
	if got := errorEvents(t, ctx); len(got) != 1 || got[0] != (errorEvent{"internal", 500, "Something went wrong on our side."}) {
		t.Errorf("actions:error events %+v, want one, internal, 500", got)
	}
	if page := chrome.BodyText(ctx); strings.Contains(page, "review queue") {
		t.Errorf("the error's detail reached the page: %s", page)
	}
	if !chrome.Eval[bool](t, ctx, `window.notReloaded === true`) {
		t.Error("the page was reloaded")
	}
}

// A deploy changed incrementLike's id under the open page: the call names
// an id the server no longer knows (409, Action-Stale), so the runtime
// reloads the page, which imports the new actions module, and says so;
// the click did not count, and the next one does.
func TestStaleCallAfterDeploy(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.addPost("Hello", "First post.")
	ctx := newTab(t, jsOn)
	chrome.Do(t, ctx, chromedp.Navigate(s.url("/posts/1")))
	s.deploy()
	start := s.mark()
	chrome.Follow(t, ctx, chrome.Press("#like"))
	chrome.CheckScripts(t, ctx, bool(jsOn))
	if got, want := joinRequests(s.requests(start)), "POST /posts/1 → 409 (runtime); GET /posts/1 → 200"; got != want {
		t.Errorf("requests %s, want %s", got, want)
	}
	if got, want := status(t, ctx), "This page was updated. Please check your entries and submit again."; got != want {
		t.Errorf("the status region says %q, want %q", got, want)
	}
	chrome.Expect(t, ctx, "after the reload", map[string]string{"#likes": "0", "#call-error": ""})
	chrome.Do(t, ctx, chrome.Press("#like"))
	chrome.WaitFor(t, ctx, "the like to count", `document.getElementById("summary").textContent == "Likes so far: 1"`)
}
