package browsertest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// The tests of the site (site_test.go) run each behaviour with JavaScript
// off and on where both apply: without it the browser posts and the server
// answers 303 or the page rendered again; with it the runtime posts with
// fetch and morphs the answer in. The end state must be the same.

// bothModes runs test once with JavaScript off and once with it on, in
// parallel, each with a site and a tab of its own.
func bothModes(t *testing.T, path string, test func(t *testing.T, s *site, ctx context.Context, js scripts)) {
	t.Parallel()
	for _, js := range []scripts{jsOff, jsOn} {
		t.Run(js.String(), func(t *testing.T) {
			t.Parallel()
			s, ctx := openSite(t, path, js)
			test(t, s, ctx, js)
		})
	}
}

// The create-post form: field errors next to the inputs and typed values
// kept after an invalid submission (422), then a redirect to the new post.
func TestCreatePostForm(t *testing.T) {
	bothModes(t, "/posts/new", func(t *testing.T, s *site, ctx context.Context, js scripts) {
		chrome.TypeInto(t, ctx, "#content", "Hello, world.")
		res := s.submit(t, ctx, js, chrome.Press("#create"))
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("the invalid post was answered %v, want 422", res)
		}
		chrome.Expect(t, ctx, "after the invalid post", map[string]string{
			"#form-message":  "Please correct the highlighted fields.",
			"#title-error":   "Give your post a title.",
			"#content-error": "",
			"#title":         "",
			"#content":       "Hello, world.", // what the user typed is kept
		})
		if got := chrome.Eval[string](t, ctx, `document.getElementById("title").getAttribute("aria-invalid") + " " + document.getElementById("content").getAttribute("aria-invalid")`); got != "true null" {
			t.Errorf("aria-invalid of title and content: %s, want true null", got)
		}
		if got := chrome.Eval[string](t, ctx, `location.pathname`); got != "/posts/new" {
			t.Errorf("the browser shows %s, want /posts/new", got)
		}

		chrome.TypeInto(t, ctx, "#title", "First post")
		start := s.mark()
		page := chrome.Follow(t, ctx, chrome.Press("#create"))
		if page.URL != s.url("/posts/1") || page.Status != http.StatusOK {
			t.Fatalf("after a valid post the browser shows %s (%d), want /posts/1", page.URL, page.Status)
		}
		chrome.CheckScripts(t, ctx, bool(js))
		chrome.Expect(t, ctx, "the new post", map[string]string{"#post-title": "First post", "#post-content": "Hello, world."})
		// The way there: a 303 without JavaScript; with it, a 200 naming
		// the location for the runtime, which navigates.
		want := "POST /posts/new → 303 Location: /posts/1; GET /posts/1 → 200"
		if js == jsOn {
			want = "POST /posts/new → 200 (runtime) Action-Redirect: /posts/1; GET /posts/1 → 200"
		}
		if got := joinRequests(s.requests(start)); got != want {
			t.Errorf("requests:\n%s\nwant\n%s", got, want)
		}
	})
}

func joinRequests(reqs []request) string {
	var s []string
	for _, r := range reqs {
		s = append(s, r.String())
	}
	return strings.Join(s, "; ")
}

// While the runtime posts a form, the form and the button that submitted
// it are marked busy (aria-busy, data-pending), its submit buttons are
// disabled and the button says its data-pending-label; when the answer
// has come the marks go. The action waits at a gate, so that the test sees
// the page while it runs. (Without JavaScript the browser shows its own
// loading state.)
func TestPendingSubmitButton(t *testing.T) {
	t.Parallel()
	s, ctx := openSite(t, "/posts/new", jsOn)
	pendingState := `(() => {
		const form = document.getElementById("new-post"), button = document.getElementById("create");
		return [form.getAttribute("aria-busy"), form.hasAttribute("data-pending"),
			button.getAttribute("aria-busy"), button.hasAttribute("data-pending"), button.disabled, button.textContent].map(String).join(" ");
	})()`
	const busy, idle = "true true true true true Creating...", "null false null false false Create post"

	chrome.TypeInto(t, ctx, "#content", "Some words.")
	s.whileHeld(t, ctx, "createPost", chrome.Press("#create"), func() {
		if got := chrome.Eval[string](t, ctx, pendingState); got != busy {
			t.Errorf("while the action runs: form busy, pending; button busy, pending, disabled, label = %s, want %s", got, busy)
		}
	})
	if got := chrome.Eval[string](t, ctx, pendingState); got != idle {
		t.Errorf("after the answer (invalid): %s, want %s", got, idle)
	}

	chrome.TypeInto(t, ctx, "#title", "Pending")
	gate := s.hold("createPost")
	chrome.Do(t, ctx, chrome.Press("#create"))
	gate.WaitArrived(t)
	if got := chrome.Eval[string](t, ctx, pendingState); got != busy {
		t.Errorf("while the action runs again: %s, want %s", got, busy)
	}
	page := chrome.Follow(t, ctx, chromedp.Func(func(context.Context, *chromedp.Target) error { gate.Open(); return nil }))
	if page.URL != s.url("/posts/1") {
		t.Errorf("after the action the browser shows %s, want /posts/1", page.URL)
	}
}

// A deploy changed createPost's id under the open page: the post names an
// id the server no longer knows (409, Action-Stale). Without JavaScript the
// server renders the page again with what the user typed; with it the
// runtime saves what was typed, reloads the page (which names the new id)
// and puts it back, saying to submit again. Either way nothing typed is
// lost, and sending again works.
func TestStalePageAfterDeploy(t *testing.T) {
	bothModes(t, "/posts/new", func(t *testing.T, s *site, ctx context.Context, js scripts) {
		old := s.live.Load().CreatePost.ID()
		s.deploy()
		current := s.live.Load().CreatePost.ID()
		if old == current {
			t.Fatal("the deploy kept createPost's id")
		}
		chrome.TypeInto(t, ctx, "#title", "Written before the deploy")
		chrome.TypeInto(t, ctx, "#content", "Kept through it.")

		start := s.mark()
		page := chrome.Follow(t, ctx, chrome.Press("#create"))
		chrome.CheckScripts(t, ctx, bool(js))
		reqs := joinRequests(s.requests(start))
		if js == jsOff {
			if want := "POST /posts/new → 409"; reqs != want || page.Status != http.StatusConflict {
				t.Errorf("requests %s, want %s", reqs, want)
			}
			chrome.Expect(t, ctx, "the page rendered again", map[string]string{
				"#form-message": "This page was out of date, so your form was not sent. Please check it and send it again.",
			})
		} else {
			if want := "POST /posts/new → 409 (runtime); GET /posts/new → 200"; reqs != want {
				t.Errorf("requests %s, want %s", reqs, want)
			}
			if got, want := status(t, ctx), "This page was updated. Please check your entries and submit again."; got != want {
				t.Errorf("the status region says %q, want %q", got, want)
			}
		}
		chrome.Expect(t, ctx, "after the stale post", map[string]string{"#title": "Written before the deploy", "#content": "Kept through it."})
		if !chrome.Eval[bool](t, ctx, `!!document.querySelector('#new-post input[type=hidden][name="$ACTION_ID_`+current+`"]')`) {
			t.Fatalf("the form does not name the deployed action %s", current)
		}

		page = chrome.Follow(t, ctx, chrome.Press("#create"))
		if page.URL != s.url("/posts/1") {
			t.Fatalf("sending again: the browser shows %s, want /posts/1", page.URL)
		}
		chrome.Expect(t, ctx, "the post", map[string]string{"#post-title": "Written before the deploy"})
	})
}

// A user quicker than the network submits before the runtime has loaded
// (its script is held back): the browser posts the form itself, and the
// server answers as without JavaScript, 303 to the new post. Nothing is
// lost.
func TestSubmitBeforeTheRuntimeLoads(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := newTab(t, jsOn)
	gate := s.hold("runtime")
	// Navigate without waiting for the load, which waits for the runtime.
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: s.url("/posts/new")}); err != nil {
		t.Fatal(err)
	}
	gate.WaitArrived(t)
	chrome.WaitFor(t, ctx, "the form", `document.getElementById("create")`)
	if chrome.Eval[string](t, ctx, `document.documentElement.dataset.js`) != "on" || chrome.Eval[bool](t, ctx, `window[Symbol.for("goactions.runtime")] === true`) {
		t.Fatal("want the page's scripts running and the runtime not loaded yet")
	}
	chrome.TypeInto(t, ctx, "#title", "Early")
	chrome.TypeInto(t, ctx, "#content", "Before the runtime.")
	start := s.mark()
	if res := chrome.Follow(t, ctx, chrome.Press("#create")); res.URL != s.url("/posts/1") {
		t.Errorf("the browser shows %s, want /posts/1", res.URL)
	}
	if got, want := joinRequests(s.requests(start)), "POST /posts/new → 303 Location: /posts/1; GET /posts/1 → 200"; got != want {
		t.Errorf("requests %s, want %s", got, want)
	}
	chrome.Expect(t, ctx, "the new post", map[string]string{"#post-title": "Early", "#post-content": "Before the runtime."})
}
