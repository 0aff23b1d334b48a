package actions_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/goactions/actions"
)

type account struct {
	Name         string                 `json:"name"`
	PasswordHash actions.Secret[string] `json:"passwordHash"`
}

func loadAccount(ctx context.Context) (account, error) {
	return account{Name: "ada", PasswordHash: actions.Secret[string]{Value: "$2a$10$abc", Reason: "password hashes stay on the server"}}, nil
}

func leakToken(ctx context.Context) (string, error) {
	return "your token is sk_live_0123456789", nil
}

func TestTaintedValuesNeverLeave(t *testing.T) {
	actions.TaintValue("sk_live_0123456789", "the payment key is server-only")
	app := newTestApp(t, actions.Options{})
	load := app.registry.Register(loadAccount)
	leak := app.registry.Register(leakToken)
	for _, tc := range []struct {
		name, id, reason string
	}{
		{"a Secret field refuses to be encoded", load.ID(), "password hashes stay on the server"},
		{"a tainted value inside a longer string is caught", leak.ID(), "the payment key is server-only"},
	} {
		t.Run(tc.name+" as Flight rows", func(t *testing.T) {
			res, v, err := app.callJS(tc.id)
			if res.StatusCode != 500 || v != nil || digest(t, err)["code"] != "internal" {
				t.Errorf("%d %v %v", res.StatusCode, v, err)
			}
			if !strings.Contains(app.log.String(), tc.reason) {
				t.Errorf("the log must name the reason %q:\n%s", tc.reason, app.log)
			}
		})
		t.Run(tc.name+" as JSON", func(t *testing.T) {
			req := jsRequest(t, tc.id)
			req.Header.Set("Accept", "application/json")
			rec := serve(app, req)
			if rec.Code != 500 || strings.Contains(rec.Body.String(), "$2a$10$abc") || strings.Contains(rec.Body.String(), "sk_live") {
				t.Errorf("%d %s", rec.Code, rec.Body)
			}
		})
	}
	t.Run("fmt and slog print a Secret redacted", func(t *testing.T) {
		a, _ := loadAccount(context.Background())
		if s := fmt.Sprintf("%v %+v %#v", a, a, a.PasswordHash); strings.Contains(s, "$2a$10$abc") {
			t.Errorf("printed: %s", s)
		}
	})
}
