package browsertest_test

import (
	"context"
	"net/http"
	"regexp"
	"testing"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// An action failing unexpectedly (the database is down): the page rendered
// again shows the generic message with a reference id, never the error's
// detail, and keeps what the user typed. With JavaScript on, the runtime
// also announces the failure in the status region and fires actions:error.
func TestUnexpectedErrorInAForm(t *testing.T) {
	bothModes(t, "/posts/new", func(t *testing.T, s *site, ctx context.Context, js scripts) {
		s.setFailing(true)
		chrome.TypeInto(t, ctx, "#title", "Lost?")
		chrome.TypeInto(t, ctx, "#content", "Not this time.")
		if js == jsOn {
			recordErrors(t, ctx)
		}
		if res := s.submit(t, ctx, js, chrome.Press("#create")); res.Status != http.StatusInternalServerError {
			t.Errorf("the post was answered %v, want 500", res)
		}
		msg := chrome.Eval[string](t, ctx, `document.getElementById("form-message")?.textContent ?? ""`)
		if !regexp.MustCompile(`^Something went wrong on our side\. \(reference [0-9a-f]{16}\)$`).MatchString(msg) {
			t.Errorf("the page says %q, want the generic message and a reference", msg)
		}
		chrome.Expect(t, ctx, "after the failure", map[string]string{"#title": "Lost?", "#content": "Not this time."})
		if js == jsOn {
			if got, want := status(t, ctx), "Something went wrong on the server. Your entries are kept; try again."; got != want {
				t.Errorf("the status region says %q, want %q", got, want)
			}
			if got := errorEvents(t, ctx); len(got) != 1 || got[0].Code != "internal" || got[0].Status != 500 {
				t.Errorf("actions:error events %+v, want one, internal, 500", got)
			}
		}
	})
}

// The server is gone when the user submits (a network failure): the
// runtime keeps what the user typed, says so in the status region and
// fires actions:error with code "network". (Without JavaScript the browser
// shows its own error page instead of the site's.)
func TestNetworkFailureKeepsTheForm(t *testing.T) {
	t.Parallel()
	s, ctx := openSite(t, "/posts/new", jsOn)
	chrome.TypeInto(t, ctx, "#title", "Offline")
	chrome.TypeInto(t, ctx, "#content", "Typed while the server was down.")
	recordErrors(t, ctx)
	s.stop()
	chrome.SubmitInPlace(t, ctx, chrome.Press("#create"))
	if got, want := status(t, ctx), "Could not reach the server. Your entries are kept; try again."; got != want {
		t.Errorf("the status region says %q, want %q", got, want)
	}
	if got := errorEvents(t, ctx); len(got) != 1 || got[0].Code != "network" {
		t.Errorf("actions:error events %+v, want one, network", got)
	}
	chrome.Expect(t, ctx, "after the failure", map[string]string{"#title": "Offline", "#content": "Typed while the server was down."})
	if got := chrome.Eval[string](t, ctx, `String(document.getElementById("new-post").getAttribute("aria-busy")) + " " + document.getElementById("create").disabled`); got != "null false" {
		t.Errorf("form busy, button disabled: %s, want null false", got)
	}
}
