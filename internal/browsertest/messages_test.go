package browsertest_test

import (
	"testing"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// Optimistic UI (useOptimistic), with JavaScript on only: the page's
// <template data-optimistic> is filled with what the user typed and shown
// at once, marked data-optimistic, while the action runs (it waits at a
// gate); the server's page then replaces it with the real item. When the
// action fails (an empty message), the item goes again and the error shows
// next to the input.
func TestOptimisticMessage(t *testing.T) {
	t.Parallel()
	s, ctx := openSite(t, "/messages", jsOn)
	// The items in the list: [text, title, optimistic, id].
	items := `[...document.querySelectorAll("#messages > li")].map((li) => [li.textContent, li.title, li.hasAttribute("data-optimistic"), li.id].join("|")).join(", ")`

	// send sends the form, checking the list while sendMessage runs and
	// after its answer.
	send := func(what, during, after string) {
		t.Helper()
		s.whileHeld(t, ctx, "sendMessage", chrome.Press("#send-message"), func() {
			if got := chrome.Eval[string](t, ctx, items); got != during {
				t.Errorf("while %s is sent, the list has %s, want %s", what, got, during)
			}
		})
		if got := chrome.Eval[string](t, ctx, items); got != after {
			t.Errorf("after %s was sent, the list has %s, want %s", what, got, after)
		}
	}

	chrome.TypeInto(t, ctx, "#text", "Hello <b>you</b>")
	// At once, the template filled with the text (as text, in the element
	// and its title) and marked optimistic; then the server's item alone.
	send("a message", "Hello <b>you</b>|Hello <b>you</b>|true|", "Hello <b>you</b>||false|message-0")
	chrome.Expect(t, ctx, "after sending", map[string]string{"#text": "", "#text-error": ""})
	// The refusal rolls the optimistic item back.
	send("an empty message", "Hello <b>you</b>||false|message-0, ||true|", "Hello <b>you</b>||false|message-0")
	chrome.Expect(t, ctx, "after the refusal", map[string]string{"#text-error": "Write something first."})
	if got := chrome.Eval[string](t, ctx, `String(document.getElementById("text").getAttribute("aria-invalid"))`); got != "true" {
		t.Errorf("the input's aria-invalid is %q, want true", got)
	}
}

// A chat: the user sends a message and types the next one while the first
// is on its way. The reset after the success clears what was sent, not
// what was typed since (React 19 would clear it too).
func TestTypingWhileSendingIsKept(t *testing.T) {
	t.Parallel()
	s, ctx := openSite(t, "/messages", jsOn)
	chrome.TypeInto(t, ctx, "#text", "First")
	s.whileHeld(t, ctx, "sendMessage", chrome.Press("#send-message"), func() { chrome.ReplaceText(t, ctx, "#text", "Second") })
	chrome.Expect(t, ctx, "after the first was sent", map[string]string{"#messages": "First", "#text": "Second"})
	s.submit(t, ctx, jsOn, chrome.Press("#send-message"))
	chrome.Expect(t, ctx, "after the second was sent", map[string]string{"#messages": "FirstSecond", "#text": ""})
}
