package browsertest_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// With JavaScript on, the page's own module script calls the action with
// fetch when the user clicks, and writes the answer into the page.
func TestScriptCallsAnAction(t *testing.T) {
	t.Parallel()
	app, ctx := openApp(t, "/shop", jsOn)

	for _, tc := range []struct {
		name, button, shows, want string
	}{
		{"a JSON call's result reaches the page", "#find-a1", "#result", "Widget: 3 in stock"},
		{"an expected error's message reaches the page", "#find-zz", "#error", "No product has the SKU ZZ."},
		{"a call answered with Flight rows reaches the page", "#rows-a1", "#result", "Widget: 3 in stock"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Both outputs are empty before the click, so the first to
			// show text holds this click's answer.
			err := chromedp.Do(ctx,
				chromedp.Evaluate[chromedp.Void](`for (const id of ["result", "error"]) document.getElementById(id).textContent = ""`),
				chromedp.Click(chromedp.CSS(tc.button)),
				chromedp.WaitVisible(chromedp.CSS("#result:not(:empty), #error:not(:empty)")),
			)
			if err != nil {
				t.Fatalf("clicking %s: %v; page: %s", tc.button, err, chrome.BodyText(ctx))
			}
			for _, out := range []string{"#result", "#error"} {
				want := ""
				if out == tc.shows {
					want = tc.want
				}
				if got := text(t, ctx, out); got != want {
					t.Errorf("%s says %q, want %q", out, got, want)
				}
			}
		})
	}
	if got, want := location(t, ctx), app.url("/shop"); got != want {
		t.Errorf("the browser left the page for %s", got)
	}
}
