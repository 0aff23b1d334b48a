package main

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goactions/actions"
	"github.com/goactions/actions/flight"
)

// Text with a NUL character, which PostgreSQL refuses and SQLite would
// store, is refused on both databases alike: a form posted without
// JavaScript comes back with the field's message and what was typed, and
// nothing is saved.
func TestTextWithNULIsRefusedInAForm(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		d := newDemo(t, db)
		res, page := submitForm(t, d, "/posts", d.app.CreatePost, "title", "A title", "content", "Kept\x00as typed.")
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("status %d, want 422", res.StatusCode)
		}
		for _, want := range []string{
			`<span id="content-error" class="field-error">Remove the NUL character: it cannot be saved.</span>`,
			`aria-describedby="content-error" aria-invalid="true">Kept` + "\x00" + `as typed.</textarea>`,
			`value="A title"`,
			`<h1>Posts (0)</h1>`,
		} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("the page does not show %q:\n%s", want, page)
			}
		}
	})
}

// A script calling an action with a NUL character in its text gets the
// action's error, with the field's message, on both databases, and
// nothing is saved.
func TestTextWithNULIsRefusedToAScript(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		d, ctx := openDemo(t, db, "/messages", jsOn)
		call := `(async () => {
			const { sendMessage } = await import("` + d.app.srv.ModuleURL() + `");
			const form = new FormData();
			form.set("text", "Null\u0000text");
			try {
				await sendMessage(form);
				return "sent";
			} catch (err) {
				return err.code + ": " + err.message + " " + err.fields.text;
			}
		})()`
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](call, chromedp.EvalAwaitPromise))
		if want := "invalid_argument: Please correct the highlighted fields. Remove the NUL character: it cannot be saved."; err != nil || got != want {
			t.Errorf("calling sendMessage: %q, %v; want %q", got, err, want)
		}
		var n int
		if err := d.app.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM messages`).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d messages saved (%v), want 0", n, err)
		}
	})
}

// The middleware names each field holding a NUL as the form posts it,
// whatever the action takes: a form struct (nested, with tags or without),
// a form's data, a list, a string of its own.
func TestRefuseNULNamesTheFields(t *testing.T) {
	type address struct {
		City string `json:"city"`
		Zip  string `form:"-"`
	}
	type signup struct {
		Name    string `form:"name,omitempty"`
		Home    address
		Tags    []string `form:"tags"`
		Comment *string
	}
	nul := "a\x00b"
	tests := []struct {
		name    string
		args    []any
		message string
		fields  map[string][]string
	}{
		{"nothing to refuse", []any{7, signup{Name: "Ada", Comment: new(string)}, "text"}, "", nil},
		{"a form struct", []any{7, signup{Name: nul, Home: address{City: nul, Zip: nul}, Tags: []string{"x", nul}, Comment: &nul}}, "Please correct the highlighted fields.",
			map[string][]string{"name": {nulMessage}, "Home.city": {nulMessage}, "tags": {nulMessage}, "Comment": {nulMessage}}},
		{"a form's data", []any{&actions.FormData{Entries: []flight.FormEntry{{Name: "ok", Value: "fine"}, {Name: "note", Value: nul}}}}, "Please correct the highlighted fields.",
			map[string][]string{"note": {nulMessage}}},
		{"a string of its own", []any{nul}, nulMessage, map[string][]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ran := false
			handler := refuseNUL(func(context.Context, *actions.Call) (any, error) { ran = true; return nil, nil })
			_, err := handler(t.Context(), &actions.Call{Args: tt.args})
			if tt.fields == nil {
				if err != nil || !ran {
					t.Errorf("refused: %v", err)
				}
				return
			}
			var e *actions.Error
			if !errors.As(err, &e) || ran || e.Code != actions.CodeInvalidArgument || e.Message != tt.message || !maps.EqualFunc(e.Fields, tt.fields, slices.Equal) {
				t.Errorf("ran %v, error %#v; want %q with the fields %v", ran, err, tt.message, tt.fields)
			}
		})
	}
}
