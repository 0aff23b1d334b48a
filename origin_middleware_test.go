package actions_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goactions/actions"
)

var transfers atomic.Int64

func transfer(ctx context.Context, form *actions.FormData) (string, error) {
	transfers.Add(1)
	return "sent " + form.Get("amount"), nil
}

// TestCrossOriginRequestsAreRefused posts every kind of body a page on
// another site can make a browser send, and checks that none runs the
// action.
func TestCrossOriginRequestsAreRefused(t *testing.T) {
	app := newTestApp(t, actions.Options{AllowedOrigins: []string{"*.partner.example"}})
	send := app.registry.Register(transfer)
	idField := "$ACTION_ID_" + send.ID()
	multipartBody, multipartType := multipartForm(t, idField, "", "amount", "100")
	bodies := []struct {
		name, contentType, body string
		script                  bool
	}{
		{"a no-JS urlencoded form", "application/x-www-form-urlencoded", urlencoded(idField, "", "amount", "100"), false},
		{"a no-JS multipart form", multipartType, multipartBody, false},
		{"a script's text/plain reply", "text/plain;charset=UTF-8", `[]`, true},
		{"a script's urlencoded form", "application/x-www-form-urlencoded", "amount=100", true},
		{"a JSON call", "application/json", `[]`, true},
	}
	for _, origin := range []struct {
		name, site, origin string
		allowed            bool
	}{
		{"from another site", "cross-site", "https://evil.example", false},
		{"from a sibling subdomain", "same-site", "https://blog.app.example", false},
		{"from an old browser on another site (Origin only)", "", "https://evil.example", false},
		{"from an allowed partner subdomain", "cross-site", "https://shop.partner.example", true},
		{"from the page itself", "same-origin", "https://app.example", true},
	} {
		for _, b := range bodies {
			t.Run(b.name+" "+origin.name, func(t *testing.T) {
				req := httptest.NewRequest("POST", "https://app.example/page", strings.NewReader(b.body))
				req.Header.Set("Content-Type", b.contentType)
				if b.script {
					req.Header.Set(actions.HeaderActionID, send.ID())
				}
				if origin.site != "" {
					req.Header.Set("Sec-Fetch-Site", origin.site)
				}
				req.Header.Set("Origin", origin.origin)
				before := transfers.Load()
				rec := serve(app, req)
				ran := transfers.Load() != before
				if origin.allowed != ran {
					t.Errorf("ran %v, want %v; %d %s", ran, origin.allowed, rec.Code, rec.Body)
				}
				if !origin.allowed && (rec.Code != 403 || !strings.Contains(rec.Body.String(), origin.origin)) {
					t.Errorf("refusal %d must be 403 naming the origin: %s", rec.Code, rec.Body)
				}
			})
		}
	}
}
