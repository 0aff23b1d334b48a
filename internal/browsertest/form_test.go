package browsertest_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// The tests in this file run with JavaScript off: the browser posts the
// forms itself, as for a user without script or before it loads.

// The sign-up form is a plain HTML form: the browser posts it itself
// whether JavaScript is off or on.
func TestSignUpForm(t *testing.T) {
	t.Parallel()
	for _, js := range []scripts{jsOff, jsOn} {
		t.Run(js.String(), func(t *testing.T) {
			t.Parallel()
			testSignUp(t, js)
		})
	}
}

func testSignUp(t *testing.T, js scripts) {
	app, ctx := openApp(t, "/signup", js)

	chrome.TypeInto(t, ctx, "#email", "ann.example.com")
	chrome.TypeInto(t, ctx, "#password", "short")
	res := click(t, ctx, "#submit")
	checkScripts(t, ctx, js)
	if res.Status != http.StatusUnprocessableEntity {
		t.Errorf("invalid input: status %d, want 422", res.Status)
	}
	if got, want := location(t, ctx), app.url("/signup"); got != want {
		t.Errorf("invalid input: the browser shows %s, want %s", got, want)
	}
	for sel, want := range map[string]string{
		"#message":        "Please correct the highlighted fields.",
		"#email-error":    "Enter an email address, like ann@example.com.",
		"#password-error": "Use at least 8 characters.",
	} {
		if got := text(t, ctx, sel); got != want {
			t.Errorf("invalid input: %s says %q, want %q", sel, got, want)
		}
	}
	checkTypedValues(t, ctx, "ann.example.com")

	// The user corrects the form and sends it again.
	if err := chromedp.Do(ctx, chromedp.Clear(chromedp.CSS("#email"))); err != nil {
		t.Fatal(err)
	}
	chrome.TypeInto(t, ctx, "#email", "ann@example.com")
	chrome.TypeInto(t, ctx, "#password", "correct horse")
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	res = click(t, ctx, "#submit")
	checkScripts(t, ctx, js)
	if got, want := location(t, ctx), app.url("/dashboard"); got != want || res.Status != http.StatusOK {
		t.Fatalf("valid input: the browser shows %s (%d), want %s (200); page: %s", got, res.Status, want, chrome.BodyText(ctx))
	}
	if got, want := text(t, ctx, "#welcome"), "Signed in as ann@example.com"; got != want {
		t.Errorf("the dashboard says %q, want %q", got, want)
	}
	// The browser came to the dashboard through a 303 answering the POST.
	for ev, err := range requests {
		if err != nil {
			t.Fatalf("no redirect to the dashboard was seen: %v", err)
		}
		if ev.Request.URL == app.url("/dashboard") && ev.RedirectResponse != nil {
			if ev.RedirectResponse.Status != http.StatusSeeOther || ev.Request.Method != http.MethodGet {
				t.Errorf("the POST was answered %d and followed with %s, want 303 and GET", ev.RedirectResponse.Status, ev.Request.Method)
			}
			break
		}
	}
	cookies, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{app.url("/")}})
	if err != nil {
		t.Fatal(err)
	}
	var session *network.Cookie
	for _, c := range cookies.Cookies {
		if c.Name == "session" {
			session = c
		}
	}
	if session == nil || session.Value != "ann@example.com" || !session.HTTPOnly {
		t.Errorf("the browser's session cookie is %+v, want ann@example.com, HttpOnly", session)
	}
}

func TestStalePageWithoutJavaScript(t *testing.T) {
	t.Parallel()
	// /signup-old renders the sign-up form as an older version of the app
	// did: its hidden field names an action id this server does not know.
	_, ctx := openApp(t, "/signup-old", jsOff)
	chrome.TypeInto(t, ctx, "#email", "kept@example.com")
	chrome.TypeInto(t, ctx, "#password", "correct horse")
	res := click(t, ctx, "#submit")
	checkScripts(t, ctx, jsOff)
	if res.Status != http.StatusConflict || res.Headers["Action-Stale"] != "1" {
		t.Errorf("status %d, Action-Stale %v; want 409 and 1", res.Status, res.Headers["Action-Stale"])
	}
	if got := text(t, ctx, "#message"); !strings.Contains(got, "out of date") {
		t.Errorf("the page says %q, want it to say it was out of date", got)
	}
	checkTypedValues(t, ctx, "kept@example.com")
}

// checkTypedValues fails the test unless the sign-up form shown again
// holds the email the user typed and no password.
func checkTypedValues(t *testing.T, ctx context.Context, email string) {
	t.Helper()
	if got := value(t, ctx, "#email"); got != email {
		t.Errorf("the email input holds %q, want what the user typed, %q", got, email)
	}
	if got := value(t, ctx, "#password"); got != "" {
		t.Errorf("the password input holds %q: a password came back into the page", got)
	}
}

func TestBoundActionWithoutJavaScript(t *testing.T) {
	t.Parallel()
	app, ctx := openApp(t, "/users/7", jsOff)
	if got := text(t, ctx, "#user"); got != "User 7 is Ada" {
		t.Fatalf("the page says %q", got)
	}

	t.Run("the sealed form renames the user it was rendered for", func(t *testing.T) {
		chrome.TypeInto(t, ctx, "#name-1", "Grâce Hopper")
		res := click(t, ctx, "#save-1")
		checkScripts(t, ctx, jsOff)
		if res.Status != http.StatusOK {
			t.Errorf("status %d; page: %s", res.Status, chrome.BodyText(ctx))
		}
		if got := app.user(7); got != "Grâce Hopper" {
			t.Errorf("user 7 is %q, want Grâce Hopper", got)
		}
		if got := text(t, ctx, "#user"); got != "User 7 is Grâce Hopper" {
			t.Errorf("the page says %q", got)
		}
		if got := text(t, ctx, "#result"); got != "Saved." {
			t.Errorf("the result says %q", got)
		}
	})
	t.Run("a tampered seal is a 400 and changes nothing", func(t *testing.T) {
		before := app.user(7)
		chrome.TypeInto(t, ctx, "#name-2", "Mallory")
		res := click(t, ctx, "#save-2")
		checkScripts(t, ctx, jsOff)
		if res.Status != http.StatusBadRequest {
			t.Errorf("status %d, want 400; page: %s", res.Status, chrome.BodyText(ctx))
		}
		if got := app.user(7); got != before {
			t.Errorf("user 7 is %q, want %q still", got, before)
		}
		if got := text(t, ctx, "#message"); !strings.Contains(got, "reload") {
			t.Errorf("the page says %q, want it to ask for a reload", got)
		}
	})
}

// A page on another origin (another port, so another origin though the
// same site) posts the same form to the app: the browser's submission is
// refused and the action does not run. Browsers send Sec-Fetch-Site only to
// trustworthy origins (HTTPS, localhost, loopback addresses), so over
// plain HTTP to a named host the check has only Origin to go by; the
// browser resolves *.test to 127.0.0.1 (see browser), so both cases stay on
// loopback.
func TestCrossOriginFormIsRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name               string
		appHost, otherHost string
		secFetchSite       string // what the browser sends with the cross-origin post
	}{
		{"on loopback addresses, the browser sends Sec-Fetch-Site", "127.0.0.1", "127.0.0.1", "same-site"},
		{"over plain HTTP to named hosts, the browser sends only Origin", "app.test", "other.test", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := newApp(t)
			appURL := withHost(t, app.server.URL, tc.appHost)
			ctx := newTab(t, jsOff)

			// The page's own form works: the counter counts.
			open(t, ctx, appURL+"/poll", jsOff)
			if res := click(t, ctx, "#vote"); res.Status != http.StatusOK || app.voteCount() != 1 {
				t.Fatalf("a vote from the page itself: status %d, %d votes; page: %s", res.Status, app.voteCount(), chrome.BodyText(ctx))
			}
			if got := text(t, ctx, "#votes"); got != "Votes: 1" {
				t.Errorf("the page says %q", got)
			}

			other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				app.render(w, r, "poll", app.pollPage(appURL+"/poll"))
			}))
			t.Cleanup(other.Close)
			otherURL := withHost(t, other.URL, tc.otherHost)
			open(t, ctx, otherURL+"/", jsOff)
			res := click(t, ctx, "#vote")
			if p := app.lastPost(); p.Origin != otherURL || p.SecFetchSite != tc.secFetchSite {
				t.Errorf("the browser sent Origin %q and Sec-Fetch-Site %q, want %q and %q", p.Origin, p.SecFetchSite, otherURL, tc.secFetchSite)
			}
			if res.Status != http.StatusForbidden {
				t.Errorf("status %d, want 403; page: %s", res.Status, chrome.BodyText(ctx))
			}
			if got := app.voteCount(); got != 1 {
				t.Errorf("%d votes after the cross-origin post: the action ran", got)
			}
			if page := chrome.BodyText(ctx); !strings.Contains(page, otherURL) {
				t.Errorf("the refusal does not name the origin %s: %s", otherURL, page)
			}
		})
	}
}

// withHost returns the server URL u with its host replaced, keeping its
// port.
func withHost(t *testing.T, u, host string) string {
	t.Helper()
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	parsed.Host = net.JoinHostPort(host, parsed.Port())
	return parsed.String()
}
