package browsertest_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// React's journal example: Ctrl+Enter in the textarea calls
// form.requestSubmit() from the page's script, which the runtime posts
// like any submission; without JavaScript the user presses the form's
// button. The entry is added, the page shows it, and the form is empty
// again (the runtime resets it after a success, as React does; without
// JavaScript the server renders it fresh).
func TestJournalCtrlEnter(t *testing.T) {
	bothModes(t, "/journal", func(t *testing.T, s *site, ctx context.Context, js scripts) {
		chrome.TypeInto(t, ctx, "#entry", "Went for a walk.")
		trigger := chrome.Press("#add")
		if js == jsOn {
			trigger = ctrlEnter // typeInto left the caret in the textarea
		}
		if res := s.submit(t, ctx, js, trigger); res.Status != http.StatusOK {
			t.Errorf("the post was answered %v", res)
		}
		chrome.Expect(t, ctx, "after adding an entry", map[string]string{"#entries": "Went for a walk.", "#entry": "", "#entry-error": ""})

		// An empty entry is refused; a second one is added after the first.
		if res := s.submit(t, ctx, js, chrome.Press("#add")); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("the empty entry was answered %v, want 422", res)
		}
		chrome.Expect(t, ctx, "after an empty entry", map[string]string{"#entry-error": "Write something first."})
		chrome.TypeInto(t, ctx, "#entry", "Read a book.")
		s.submit(t, ctx, js, chrome.Press("#add"))
		chrome.Expect(t, ctx, "after a second entry", map[string]string{"#entry-0": "Went for a walk.", "#entry-1": "Read a book.", "#entry": "", "#entry-error": ""})
	})
}

// While an entry is being added, the user types in the search box; the
// answer is morphed into the page around them: the search box keeps the
// focus, the caret and the text, and the user types on. The window is the
// same one (a variable set on it survives): the page was not reloaded.
func TestMorphKeepsWhatTheUserIsTyping(t *testing.T) {
	t.Parallel()
	s, ctx := openSite(t, "/journal", jsOn)
	chrome.Eval[bool](t, ctx, `window.notReloaded = true`)
	chrome.TypeInto(t, ctx, "#entry", "A long day.")
	s.whileHeld(t, ctx, "addEntry", chrome.Press("#add"), func() { chrome.TypeInto(t, ctx, "#search", "lon") })

	chrome.Expect(t, ctx, "after the answer", map[string]string{"#entries": "A long day.", "#entry": "", "#search": "lon"})
	if got := chrome.Eval[string](t, ctx, `document.activeElement.id + " " + document.activeElement.selectionStart`); got != "search 3" {
		t.Errorf("focus and caret: %s, want search 3", got)
	}
	chrome.TypeInto(t, ctx, "#search", "g")
	chrome.Expect(t, ctx, "typing on", map[string]string{"#search": "long"})
	if !chrome.Eval[bool](t, ctx, `window.notReloaded === true`) {
		t.Error("the page was reloaded")
	}
}

// A form marked data-reset="false" keeps what the user typed after a
// success (React always resets: react#29034); the journal's other form
// is reset as usual. Without JavaScript there is no runtime to ask: the
// server renders the form again, empty, so a page that wants the values
// kept without JavaScript renders them itself (from the submission's
// result, say).
func TestFormKeepsValuesWithDataResetFalse(t *testing.T) {
	bothModes(t, "/journal", func(t *testing.T, s *site, ctx context.Context, js scripts) {
		chrome.TypeInto(t, ctx, "#mood-input", "calm")
		chrome.TypeInto(t, ctx, "#entry", "Not sent.")
		s.submit(t, ctx, js, chrome.Press("#save-mood"))
		kept := "calm"
		if js == jsOff {
			kept = ""
		}
		chrome.Expect(t, ctx, "after saving the mood", map[string]string{"#mood": "Mood: calm", "#mood-input": kept})
		if js == jsOn {
			// The other form was not submitted: what is typed in it stays.
			chrome.Expect(t, ctx, "the journal form", map[string]string{"#entry": "Not sent."})
		}
	})
}
