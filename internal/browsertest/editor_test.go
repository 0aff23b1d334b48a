package browsertest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// One form, two buttons with actions of their own (actionButton): Save
// draft, and Publish, bound to the document and to the version the page
// was rendered with (actionButtonFields seals them into the page). When
// someone else changed the document meanwhile, publish refuses (409) and
// the title typed is kept; the page rendered with that answer binds the
// current version, so pressing Publish again publishes. A comment form
// bound to the document (actionFields of a bound action) adds comments.
func TestSaveDraftAndPublish(t *testing.T) {
	bothModes(t, "/docs/1", func(t *testing.T, s *site, ctx context.Context, js scripts) {
		chrome.Expect(t, ctx, "the page", map[string]string{"#doc-status": "Version 1. Draft: First draft. Published: nothing yet.", "#doc-title": "First draft"})
		if html := chrome.Eval[string](t, ctx, `document.getElementById("editor").outerHTML`); strings.Contains(html, `[1,1]`) {
			t.Errorf("the bound arguments (document 1, version 1) are in the page in clear: %s", html)
		}

		for _, step := range []struct {
			name          string
			meanwhile     func() // what another user does first
			title, button string
			status        int
			shows         map[string]string
		}{{
			name: "Save draft saves the draft", title: "Second draft", button: "#save-draft", status: http.StatusOK,
			shows: map[string]string{
				"#doc-result": "Draft saved.",
				"#doc-status": "Version 2. Draft: Second draft. Published: nothing yet.",
				"#doc-title":  "Second draft",
			},
		}, {
			name:      "Publish refuses when the version changed since the page was rendered",
			meanwhile: func() { s.editDoc("Someone else's draft") }, // version 3
			title:     "Final", button: "#publish", status: http.StatusConflict,
			shows: map[string]string{
				"#doc-message": "The version has changed since pressing publish.",
				"#doc-status":  "Version 3. Draft: Someone else's draft. Published: nothing yet.",
				"#doc-title":   "Final", // what the user typed
			},
		}, {
			name: "Publish from the page rendered with the refusal publishes", title: "Final", button: "#publish", status: http.StatusOK,
			shows: map[string]string{
				"#doc-result": "Published.",
				"#doc-status": "Version 4. Draft: Final. Published: Final.",
				"#doc-title":  "Final",
			},
		}} {
			if step.meanwhile != nil {
				step.meanwhile()
			}
			if chrome.Eval[string](t, ctx, `document.getElementById("doc-title").value`) != step.title {
				chrome.ReplaceText(t, ctx, "#doc-title", step.title)
			}
			if res := s.submit(t, ctx, js, chrome.Press(step.button)); res.Status != step.status {
				t.Errorf("%s: answered %v, want %d", step.name, res, step.status)
			}
			chrome.Expect(t, ctx, step.name, step.shows)
		}
		if chrome.Eval[bool](t, ctx, `!!document.getElementById("doc-message")`) {
			t.Error("the conflict message is still shown")
		}

		chrome.TypeInto(t, ctx, "#comment", "Nice.")
		s.submit(t, ctx, js, chrome.Press("#add-comment"))
		chrome.Expect(t, ctx, "after a comment", map[string]string{"#comments": "Nice.", "#comment": ""})
	})
}
