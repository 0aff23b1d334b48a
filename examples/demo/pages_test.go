package main

import (
	"context"
	"net/http"
	"testing"
)

// The posts page: a title of spaces passes the browser's required check
// but not the server's, which answers with the field's error next to it
// and the content typed kept; a valid post redirects to the post, and the
// list counts it.
func TestCreatePost(t *testing.T) {
	bothModes(t, "/posts", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		expect(t, ctx, "the empty page", map[string]string{"h1": "Posts (0)", "#posts": "No posts yet: write the first one."})
		typeInto(t, ctx, "#title", "   ")
		typeInto(t, ctx, "#content", "Hello, world.")
		submit(t, ctx, js, press("#create"))
		expect(t, ctx, "after the invalid post", map[string]string{
			"#form-message":  "Please correct the highlighted fields.",
			"#title-error":   "Give your post a title.",
			"#content-error": "",
			"#content":       "Hello, world.",
		})
		if got := eval[string](t, ctx, `document.getElementById("title").getAttribute("aria-invalid")`); got != "true" {
			t.Errorf("the title's aria-invalid is %q, want true", got)
		}

		replaceText(t, ctx, "#title", "First post")
		res := follow(t, ctx, press("#create"))
		if res.URL != d.url("/posts/1") || res.Status != http.StatusOK {
			t.Fatalf("after a valid post the browser shows %s (%d), want /posts/1", res.URL, res.Status)
		}
		expect(t, ctx, "the new post", map[string]string{"#post-title": "First post", "#post-content": "Hello, world."})

		visit(t, ctx, d.url("/posts"), js)
		expect(t, ctx, "the list", map[string]string{"h1": "Posts (1)", "#posts": "First post Hello, world."})
	})
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
				do(t, ctx, press("#like"))
				waitFor(t, ctx, "the count "+want, `document.getElementById("likes").textContent === "`+want+`" && !document.getElementById("like").disabled`)
			}
			visit(t, ctx, d.url("/posts"), jsOn)
			expect(t, ctx, "after a reload", map[string]string{"#likes": "2"})
		})
		t.Run("JavaScript off", func(t *testing.T) {
			t.Parallel()
			_, ctx := openDemo(t, db, "/posts", jsOff)
			if eval[bool](t, ctx, `document.getElementById("like").checkVisibility()`) {
				t.Error("the like button shows, but cannot work without JavaScript")
			}
			expect(t, ctx, "the page", map[string]string{".no-js": "0 likes. Liking calls an action from a script: turn JavaScript on to like."})
		})
	})
}

// The contact form: an address the browser's type=email accepts
// (ada@localhost) is refused by the server, which keeps what was typed;
// a good one sends the message.
func TestContact(t *testing.T) {
	bothModes(t, "/contact", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		typeInto(t, ctx, "#name", "Ada")
		typeInto(t, ctx, "#email", "ada@localhost")
		typeInto(t, ctx, "#message", "Hello.")
		submit(t, ctx, js, press("#send"))
		expect(t, ctx, "after a bad address", map[string]string{
			"#email-error": "Enter an email address like name@example.com.",
			"#name":        "Ada",
			"#message":     "Hello.",
		})
		replaceText(t, ctx, "#email", "ada@example.com")
		submit(t, ctx, js, press("#send"))
		expect(t, ctx, "after sending", map[string]string{
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
		typeInto(t, ctx, "#text", "Hello")
		submit(t, ctx, js, press("#send"))
		expect(t, ctx, "after sending", map[string]string{"#messages": "Hello", "#text": "", "#text-error": ""})
		submit(t, ctx, js, press("#send"))
		expect(t, ctx, "after sending nothing", map[string]string{"#messages": "Hello", "#text-error": "An empty message cannot be sent."})
		if n := eval[int](t, ctx, `document.querySelectorAll("#messages > li").length`); n != 1 {
			t.Errorf("the thread has %d messages, want 1", n)
		}
	})
}

// Profile: the user's id is bound and sealed; updating the name shows it.
func TestProfile(t *testing.T) {
	bothModes(t, "/profile", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		expect(t, ctx, "the page", map[string]string{"#current-name": "Ada Lovelace", "#name": "Ada Lovelace"})
		replaceText(t, ctx, "#name", "Grace Hopper")
		submit(t, ctx, js, press("#save"))
		expect(t, ctx, "after saving", map[string]string{"#current-name": "Grace Hopper", "#form-result": "Saved. Hello, Grace Hopper."})
	})
}

// Editor: Save draft and Publish from one form; Publish refuses when the
// document changed since the page was rendered, and works from the page
// rendered with the refusal.
func TestEditor(t *testing.T) {
	bothModes(t, "/editor", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		replaceText(t, ctx, "#doc-title", "Second draft")
		submit(t, ctx, js, press("#save-draft"))
		expect(t, ctx, "after saving", map[string]string{"#form-result": "Draft saved.", "#doc-status": "Version 2. Draft: Second draft. Published: nothing yet."})

		// Someone else saves meanwhile.
		if _, err := d.app.db.Exec(`UPDATE documents SET draft = 'Theirs', version = version + 1 WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		replaceText(t, ctx, "#doc-title", "Final")
		submit(t, ctx, js, press("#publish"))
		expect(t, ctx, "after publishing an old version", map[string]string{
			"#form-message": "The version has changed since pressing publish.",
			"#doc-title":    "Final",
			"#doc-status":   "Version 3. Draft: Theirs. Published: nothing yet.",
		})
		submit(t, ctx, js, press("#publish"))
		expect(t, ctx, "after publishing", map[string]string{"#form-result": "Published.", "#doc-status": "Version 4. Draft: Final. Published: Final."})
	})
}

// Sign up: every field checked on the server at once, the messages shown
// next to the fields, the password never sent back; then the dashboard.
func TestSignUp(t *testing.T) {
	bothModes(t, "/signup", func(t *testing.T, d *demo, ctx context.Context, js scripts) {
		typeInto(t, ctx, "#username", "Ad")
		typeInto(t, ctx, "#email", "ada")
		typeInto(t, ctx, "#password", "short")
		submit(t, ctx, js, press("#signup-button"))
		expect(t, ctx, "after an invalid form", map[string]string{
			"#form-message":   "Please fix the errors below.",
			"#username-error": "Be at least 3 characters long. Use lower-case letters, digits and _ only.",
			"#email-error":    "Please enter a valid email.",
			"#password-error": "Be at least 8 characters long. Contain at least one number.",
			"#username":       "Ad",
		})
		// The server never sends the password back; with JavaScript on, the
		// runtime's morph keeps what the user typed in the page.
		if js == jsOff {
			expect(t, ctx, "after an invalid form", map[string]string{"#password": ""})
		}
		replaceText(t, ctx, "#username", "ada")
		replaceText(t, ctx, "#email", "ada@example.com")
		replaceText(t, ctx, "#password", "analytical1")
		res := follow(t, ctx, press("#signup-button"))
		if res.URL != d.url("/dashboard") {
			t.Fatalf("after signing up the browser shows %s, want /dashboard", res.URL)
		}
		expect(t, ctx, "the dashboard", map[string]string{"#welcome": "Welcome, ada."})
	})
}
