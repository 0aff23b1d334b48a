package browsertest_test

import (
	"context"
	"net/http"
	"testing"
)

// React's journal example: Ctrl+Enter in the textarea calls
// form.requestSubmit() from the page's script, which the runtime posts
// like any submission; without JavaScript the user presses the form's
// button. The entry is added, the page shows it, and the form is empty
// again (the runtime resets it after a success, as React does; without
// JavaScript the server renders it fresh).
func TestJournalCtrlEnter(t *testing.T) {
	bothModes(t, "/journal", func(t *testing.T, s *site, ctx context.Context, js scripts) {
		typeInto(t, ctx, "#entry", "Went for a walk.")
		trigger := press("#add")
		if js == jsOn {
			trigger = ctrlEnter // typeInto left the caret in the textarea
		}
		if res := s.submit(t, ctx, js, trigger); res.Status != http.StatusOK {
			t.Errorf("the post was answered %v", res)
		}
		expect(t, ctx, "after adding an entry", map[string]string{"#entries": "Went for a walk.", "#entry": "", "#entry-error": ""})

		// An empty entry is refused; a second one is added after the first.
		if res := s.submit(t, ctx, js, press("#add")); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("the empty entry was answered %v, want 422", res)
		}
		expect(t, ctx, "after an empty entry", map[string]string{"#entry-error": "Write something first."})
		typeInto(t, ctx, "#entry", "Read a book.")
		s.submit(t, ctx, js, press("#add"))
		expect(t, ctx, "after a second entry", map[string]string{"#entry-0": "Went for a walk.", "#entry-1": "Read a book.", "#entry": "", "#entry-error": ""})
	})
}

// While an entry is being added, the user types in the search box; the
// answer is morphed into the page around them: the search box keeps the
// focus, the caret and the text, and the user types on. The window is the
// same one (a variable set on it survives): the page was not reloaded.
func TestMorphKeepsWhatTheUserIsTyping(t *testing.T) {
	t.Parallel()
	s, ctx := openSite(t, "/journal", jsOn)
	eval[bool](t, ctx, `window.notReloaded = true`)
	typeInto(t, ctx, "#entry", "A long day.")
	s.whileHeld(t, ctx, "addEntry", press("#add"), func() { typeInto(t, ctx, "#search", "lon") })

	expect(t, ctx, "after the answer", map[string]string{"#entries": "A long day.", "#entry": "", "#search": "lon"})
	if got := eval[string](t, ctx, `document.activeElement.id + " " + document.activeElement.selectionStart`); got != "search 3" {
		t.Errorf("focus and caret: %s, want search 3", got)
	}
	typeInto(t, ctx, "#search", "g")
	expect(t, ctx, "typing on", map[string]string{"#search": "long"})
	if !eval[bool](t, ctx, `window.notReloaded === true`) {
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
		typeInto(t, ctx, "#mood-input", "calm")
		typeInto(t, ctx, "#entry", "Not sent.")
		s.submit(t, ctx, js, press("#save-mood"))
		kept := "calm"
		if js == jsOff {
			kept = ""
		}
		expect(t, ctx, "after saving the mood", map[string]string{"#mood": "Mood: calm", "#mood-input": kept})
		if js == jsOn {
			// The other form was not submitted: what is typed in it stays.
			expect(t, ctx, "the journal form", map[string]string{"#entry": "Not sent."})
		}
	})
}
