package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// Subscribe: the action defined next to its page.
func TestSubscribe(t *testing.T) {
	bothModes(t, "/subscribe", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		chrome.TypeInto(t, ctx, "#email", "ada@localhost") // type=email lets it through; the server does not
		submit(t, ctx, js, chrome.Press("#subscribe-button"))
		chrome.Expect(t, ctx, "after a bad address", map[string]string{"#email-error": "Enter an email address like name@example.com.", "#email": "ada@localhost"})
		chrome.ReplaceText(t, ctx, "#email", "ada@example.com")
		submit(t, ctx, js, chrome.Press("#subscribe-button"))
		chrome.Expect(t, ctx, "after subscribing", map[string]string{"#form-result": "Subscribed ada@example.com. Watch your inbox.", "#subscribers": "1 subscribed so far."})
	})
}

// Shop: with JavaScript, the page's submit handler calls addToCart and
// shows the count it returns, in place; without, the browser posts the
// form and the page comes back with the count.
func TestAddToCart(t *testing.T) {
	bothModes(t, "/shop", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		for i, sku := range []string{"#add-mug", "#add-shirt", "#add-mug"} {
			want := string(rune('1' + i))
			if js == jsOn {
				chrome.Eval[bool](t, ctx, `window.testSamePage = true`)
				chrome.Do(t, ctx, chrome.Press(sku))
				chrome.WaitFor(t, ctx, "the count "+want, `document.getElementById("cart-count").textContent === "`+want+`"`)
				if !chrome.Eval[bool](t, ctx, `window.testSamePage === true`) {
					t.Fatal("the page was reloaded")
				}
			} else {
				chrome.Follow(t, ctx, chrome.Press(sku))
				chrome.Expect(t, ctx, "after adding", map[string]string{"#cart-count": want})
			}
		}
		chrome.Expect(t, ctx, "the page", map[string]string{"#shop-error": ""})
	})
}

// The view counter: the page's script calls the action on load.
func TestViewCounter(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		t.Run("JavaScript on", func(t *testing.T) {
			t.Parallel()
			d, ctx := openDemo(t, db, "/views", jsOn)
			chrome.WaitFor(t, ctx, "the first view counted", `document.getElementById("views").textContent === "1"`)
			visit(t, ctx, d.url("/views"), jsOn)
			chrome.WaitFor(t, ctx, "the second view counted", `document.getElementById("views").textContent === "2"`)
		})
		t.Run("JavaScript off", func(t *testing.T) {
			t.Parallel()
			d, ctx := openDemo(t, db, "/views", jsOff)
			visit(t, ctx, d.url("/views"), jsOff)
			chrome.Expect(t, ctx, "without a script", map[string]string{
				"#views": "0",
				// The note says why, spaced from "views".
				"p:has(> #views)": "0 views (counted by a script: with JavaScript off, this visit is not counted).",
			})
		})
	})
}

// Journal: Ctrl+Enter in the textarea submits (JavaScript on); the button
// does with it off.
func TestJournal(t *testing.T) {
	bothModes(t, "/journal", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		chrome.TypeInto(t, ctx, "#entry", "Dear diary")
		if js == jsOn {
			chrome.Do(t, ctx, chromedp.Focus(chromedp.CSS("#entry")))
			chrome.SubmitInPlace(t, ctx, chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		} else {
			chrome.Follow(t, ctx, chrome.Press("#add-entry"))
		}
		chrome.Expect(t, ctx, "after adding", map[string]string{"#entries": "Dear diary", "#entry": "", "#entry-error": ""})
		submit(t, ctx, js, chrome.Press("#add-entry"))
		chrome.Expect(t, ctx, "after adding nothing", map[string]string{"#entries": "Dear diary", "#entry-error": "Write something first."})
	})
}

// Tags: the list comes from the cache until useTag revalidates the tag.
func TestRevalidateTag(t *testing.T) {
	bothModes(t, "/tags", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		first := chrome.Eval[string](t, ctx, `document.getElementById("computed").dateTime`)
		visit(t, ctx, d.url("/tags"), js)
		if again := chrome.Eval[string](t, ctx, `document.getElementById("computed").dateTime`); again != first {
			t.Errorf("the list was computed again (%s, then %s) with nothing revalidated", first, again)
		}
		// Changed behind the cache's back: not shown until revalidated.
		if _, err := d.app.db.Exec(`UPDATE tags SET uses = 10 WHERE name = 'html'`); err != nil {
			t.Fatal(err)
		}
		visit(t, ctx, d.url("/tags"), js)
		chrome.Expect(t, ctx, "the cached list", map[string]string{"#tags": "go (3)html (2)forms (1)"})
		chrome.TypeInto(t, ctx, "#tag", "forms")
		submit(t, ctx, js, chrome.Press("#use"))
		chrome.Expect(t, ctx, "after using a tag", map[string]string{"#tags": "html (10)go (3)forms (2)", "#tag": ""})
	})
}
