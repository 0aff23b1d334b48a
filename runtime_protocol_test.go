package actions_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/goactions/actions"
)

func likeAndRefresh(ctx context.Context, n int) (int, error) {
	actions.Refresh(ctx)
	return n + 1, nil
}

// TestRuntimeProtocol checks the answers the browser runtime relies on:
// it posts the same forms with the Action-Client header and must never be
// sent a 303 (fetch would follow it).
func TestRuntimeProtocol(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	sign := app.registry.Register(signUp)
	refresh := app.registry.Register(likeAndRefresh)
	idField := "$ACTION_ID_" + sign.ID()
	post := func(body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/page", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(actions.HeaderClient, "1")
		return serve(app, req)
	}
	t.Run("a redirect is a header with status 200", func(t *testing.T) {
		rec := post(urlencoded(idField, "", "email", "a@b.example", "password", "longenough", "next", "/dashboard"))
		if rec.Code != 200 || rec.Header().Get(actions.HeaderRedirect) != "/dashboard" || rec.Header().Get("Location") != "" {
			t.Errorf("%d %v", rec.Code, rec.Header())
		}
	})
	t.Run("success re-renders the page with outcome ok", func(t *testing.T) {
		rec := post(urlencoded(idField, "", "email", "a@b.example", "password", "longenough"))
		if rec.Code != 200 || rec.Header().Get(actions.HeaderOutcome) != "ok" || !strings.Contains(rec.Body.String(), "welcome") {
			t.Errorf("%d %v %s", rec.Code, rec.Header(), rec.Body)
		}
	})
	t.Run("an error re-renders the page with the error's code", func(t *testing.T) {
		rec := post(urlencoded(idField, "", "email", "x", "password", "x"))
		if rec.Code != 422 || rec.Header().Get(actions.HeaderOutcome) != "invalid_argument" {
			t.Errorf("%d %v", rec.Code, rec.Header())
		}
	})
	t.Run("a stale id says so", func(t *testing.T) {
		rec := post(urlencoded("$ACTION_ID_"+strings.Repeat("1", 24), "", "email", "x"))
		if rec.Code != 409 || rec.Header().Get(actions.HeaderOutcome) != "stale_action" || rec.Header().Get(actions.HeaderStale) != "1" {
			t.Errorf("%d %v", rec.Code, rec.Header())
		}
	})
	t.Run("Refresh sends the page again as row 7fffffff of a script call", func(t *testing.T) {
		req := jsRequest(t, refresh.ID(), 1)
		req.Header.Set(actions.HeaderClient, "1")
		rec := serve(app, req)
		want := "0:2\n7fffffff:T8,page GET"
		if rec.Header().Get(actions.HeaderRefresh) != "1" || rec.Body.String() != want {
			t.Errorf("%v %q, want %q", rec.Header(), rec.Body, want)
		}
	})
	t.Run("the stock React client never gets the refresh row", func(t *testing.T) {
		_, v, err := app.callJS(refresh.ID(), 1)
		if err != nil || v != 2.0 && v != 2 {
			t.Errorf("%v %v", v, err)
		}
	})
}
