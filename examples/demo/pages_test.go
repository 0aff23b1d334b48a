package main

import (
	"context"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/goactions/actions/internal/browsertest/chrome"
)

// The posts page: a title of spaces passes the browser's required check
// but not the server's, which answers with the field's error next to it
// and the content typed kept; a valid post redirects to the post, and the
// list counts it.
func TestCreatePost(t *testing.T) {
	bothModes(t, "/posts", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		chrome.Expect(t, ctx, "the empty page", map[string]string{"h1": "Posts (0)", "#posts": "No posts yet: write the first one."})
		chrome.TypeInto(t, ctx, "#title", "   ")
		chrome.TypeInto(t, ctx, "#content", "Hello, world.")
		submit(t, ctx, js, chrome.Press("#create"))
		chrome.Expect(t, ctx, "after the invalid post", map[string]string{
			"#form-message":  "Please correct the highlighted fields.",
			"#title-error":   "Give your post a title.",
			"#content-error": "",
			"#content":       "Hello, world.",
		})
		if got := chrome.Eval[string](t, ctx, `document.getElementById("title").getAttribute("aria-invalid")`); got != "true" {
			t.Errorf("the title's aria-invalid is %q, want true", got)
		}

		chrome.ReplaceText(t, ctx, "#title", "First post")
		res := chrome.Follow(t, ctx, chrome.Press("#create"))
		if res.URL != d.url("/posts/1") || res.Status != http.StatusOK {
			t.Fatalf("after a valid post the browser shows %s (%d), want /posts/1", res.URL, res.Status)
		}
		chrome.Expect(t, ctx, "the new post", map[string]string{"#post-title": "First post", "#post-content": "Hello, world."})

		visit(t, ctx, d.url("/posts"), js)
		chrome.Expect(t, ctx, "the list", map[string]string{"h1": "Posts (1)", "#posts": "First post Hello, world."})
	})
}

// While a post is on its way, the form says so: the button reads
// "Creating..." and is disabled, the form is marked busy, and what the
// user typed stays in place; then the browser shows the new post. (Without
// JavaScript the browser shows its own loading state.)
func TestCreatingWhileThePostIsSent(t *testing.T) {
	t.Parallel()
	d, ctx := openDemo(t, sqliteDialect, "/posts", jsOn)
	chrome.TypeInto(t, ctx, "#title", "In flight")
	chrome.TypeInto(t, ctx, "#content", "Sent slowly.")
	gate := d.hold("POST /posts")
	chrome.Do(t, ctx, chrome.Press("#create"))
	gate.WaitArrived(t)
	chrome.Expect(t, ctx, "while the post is sent", map[string]string{"#create": "Creating...", "#title": "In flight", "#content": "Sent slowly."})
	busy := `[document.getElementById("create").disabled, document.getElementById("create").getAttribute("aria-busy"), document.getElementById("new-post").getAttribute("aria-busy")].join(" ")`
	if got := chrome.Eval[string](t, ctx, busy); got != "true true true" {
		t.Errorf("while the post is sent: button disabled, button busy, form busy = %s, want true true true", got)
	}
	res := chrome.Follow(t, ctx, chromedp.Func(func(context.Context, *chromedp.Target) error { gate.Open(); return nil }))
	if res.URL != d.url("/posts/1") {
		t.Fatalf("after the post the browser shows %s, want /posts/1", res.URL)
	}
	chrome.Expect(t, ctx, "the new post", map[string]string{"#post-title": "In flight"})
}

// The like button calls incrementLike from the page's script and shows the
// count it returns; the count is kept. Without JavaScript the button is
// hidden and the page says why.
func TestLikeButton(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		t.Run("JavaScript on", func(t *testing.T) {
			t.Parallel()
			d, ctx := openDemo(t, db, "/posts", jsOn)
			for _, want := range []string{"1", "2"} {
				chrome.Do(t, ctx, chrome.Press("#like"))
				chrome.WaitFor(t, ctx, "the count "+want, `document.getElementById("likes").textContent === "`+want+`" && !document.getElementById("like").disabled`)
			}
			visit(t, ctx, d.url("/posts"), jsOn)
			chrome.Expect(t, ctx, "after a reload", map[string]string{"#likes": "2"})
		})
		t.Run("JavaScript off", func(t *testing.T) {
			t.Parallel()
			_, ctx := openDemo(t, db, "/posts", jsOff)
			if chrome.Eval[bool](t, ctx, `document.getElementById("like").checkVisibility()`) {
				t.Error("the like button shows, but cannot work without JavaScript")
			}
			chrome.Expect(t, ctx, "the page", map[string]string{".no-js": "0 likes. Liking calls an action from a script: turn JavaScript on to like."})
		})
	})
}

// The contact form: an address the browser's type=email accepts
// (ada@localhost) is refused by the server, which keeps what was typed;
// a good one sends the message.
func TestContact(t *testing.T) {
	bothModes(t, "/contact", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		chrome.TypeInto(t, ctx, "#name", "Ada")
		chrome.TypeInto(t, ctx, "#email", "ada@localhost")
		chrome.TypeInto(t, ctx, "#message", "Hello.")
		submit(t, ctx, js, chrome.Press("#send"))
		chrome.Expect(t, ctx, "after a bad address", map[string]string{
			"#email-error": "Enter an email address like name@example.com.",
			"#name":        "Ada",
			"#message":     "Hello.",
		})
		chrome.ReplaceText(t, ctx, "#email", "ada@example.com")
		submit(t, ctx, js, chrome.Press("#send"))
		chrome.Expect(t, ctx, "after sending", map[string]string{
			"#form-result": "Thank you, Ada. We will write back to ada@example.com.",
			"#email-error": "",
			"#name":        "",
		})
	})
}

// Messages: a message sent shows in the thread; an empty one is refused
// and nothing is added (the optimistic item is taken back).
func TestMessages(t *testing.T) {
	bothModes(t, "/messages", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		chrome.TypeInto(t, ctx, "#text", "Hello")
		submit(t, ctx, js, chrome.Press("#send"))
		chrome.Expect(t, ctx, "after sending", map[string]string{"#messages": "Hello", "#text": "", "#text-error": ""})
		submit(t, ctx, js, chrome.Press("#send"))
		chrome.Expect(t, ctx, "after sending nothing", map[string]string{"#messages": "Hello", "#text-error": "An empty message cannot be sent."})
		if n := chrome.Eval[int](t, ctx, `document.querySelectorAll("#messages > li").length`); n != 1 {
			t.Errorf("the thread has %d messages, want 1", n)
		}
	})
}

// Profile: the user's id is bound and sealed; updating the name shows it.
func TestProfile(t *testing.T) {
	bothModes(t, "/profile", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		chrome.Expect(t, ctx, "the page", map[string]string{"#current-name": "Ada Lovelace", "#name": "Ada Lovelace"})
		chrome.ReplaceText(t, ctx, "#name", "Grace Hopper")
		submit(t, ctx, js, chrome.Press("#save"))
		chrome.Expect(t, ctx, "after saving", map[string]string{"#current-name": "Grace Hopper", "#form-result": "Saved. Hello, Grace Hopper."})
	})
}

// Editor: Save draft and Publish from one form; Publish refuses when the
// document changed since the page was rendered, and works from the page
// rendered with the refusal.
func TestEditor(t *testing.T) {
	bothModes(t, "/editor", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		chrome.ReplaceText(t, ctx, "#doc-title", "Second draft")
		submit(t, ctx, js, chrome.Press("#save-draft"))
		chrome.Expect(t, ctx, "after saving", map[string]string{"#form-result": "Draft saved.", "#doc-status": "Version 2. Draft: Second draft. Published: nothing yet."})

		// Someone else saves meanwhile.
		if _, err := d.app.db.Exec(`UPDATE documents SET draft = 'Theirs', version = version + 1 WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		chrome.ReplaceText(t, ctx, "#doc-title", "Final")
		submit(t, ctx, js, chrome.Press("#publish"))
		chrome.Expect(t, ctx, "after publishing an old version", map[string]string{
			"#form-message": "The version has changed since pressing publish.",
			"#doc-title":    "Final",
			"#doc-status":   "Version 3. Draft: Theirs. Published: nothing yet.",
		})
		submit(t, ctx, js, chrome.Press("#publish"))
		chrome.Expect(t, ctx, "after publishing", map[string]string{"#form-result": "Published.", "#doc-status": "Version 4. Draft: Final. Published: Final."})
	})
}

// Sign up: every field checked on the server at once, the messages shown
// next to the fields, the password never sent back; then the dashboard.
func TestSignUp(t *testing.T) {
	bothModes(t, "/signup", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		chrome.TypeInto(t, ctx, "#username", "Ad")
		chrome.TypeInto(t, ctx, "#email", "ada")
		chrome.TypeInto(t, ctx, "#password", "short")
		submit(t, ctx, js, chrome.Press("#signup-button"))
		chrome.Expect(t, ctx, "after an invalid form", map[string]string{
			"#form-message":   "Please fix the errors below.",
			"#username-error": "Be at least 3 characters long. Use lower-case letters, digits and _ only.",
			"#email-error":    "Please enter a valid email.",
			"#password-error": "Be at least 8 characters long. Contain at least one number.",
			"#username":       "Ad",
		})
		// The server never sends the password back; with JavaScript on, the
		// runtime's morph keeps what the user typed in the page.
		if js == jsOff {
			chrome.Expect(t, ctx, "after an invalid form", map[string]string{"#password": ""})
		}
		chrome.ReplaceText(t, ctx, "#username", "ada")
		chrome.ReplaceText(t, ctx, "#email", "ada@example.com")
		chrome.ReplaceText(t, ctx, "#password", "analytical1")
		res := chrome.Follow(t, ctx, chrome.Press("#signup-button"))
		if res.URL != d.url("/dashboard") {
			t.Fatalf("after signing up the browser shows %s, want /dashboard", res.URL)
		}
		chrome.Expect(t, ctx, "the dashboard", map[string]string{"#welcome": "Welcome, ada."})
	})
}
