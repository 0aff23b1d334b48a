package actions_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/goactions/actions"
)

func TestJSONCalls(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	add := app.registry.Register(addToCart)
	likeIt := app.registry.Register(like)
	home := app.registry.Register(goHome)
	call := func(id, contentType, body string) (*http.Response, string) {
		req := httptest.NewRequest("POST", "/page", strings.NewReader(body))
		req.Header.Set(actions.HeaderActionID, id)
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Accept", "application/json")
		rec := httptest.NewRecorder()
		app.handler.ServeHTTP(rec, req)
		res := rec.Result()
		if ct := res.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q, want application/json", ct)
		}
		return res, strings.TrimSpace(rec.Body.String())
	}
	for _, tc := range []struct {
		name, id, contentType, body string
		status                      int
		want                        string
	}{
		{"a JSON array of arguments gets the result as plain JSON", add.ID(), "application/json", `[{"sku":"B2","qty":3},"x"]`, 200, `{"note":"x","qty":3,"sku":"B2"}`},
		{"strings are taken literally, not as React's $ codes", add.ID(), "application/json", `[{"sku":"$D2020","qty":1},"$$"]`, 200, `{"note":"$$","qty":1,"sku":"$D2020"}`},
		{"an expected error is a JSON error with its status", likeIt.ID(), "application/json", `[0]`, 404, `{"error":{"code":"not_found","message":"No such post."}}`},
		{"a redirect is a JSON error with code redirect and the location", home.ID(), "application/json", `[]`, 200, `{"error":{"code":"redirect","message":"Redirecting to /home?from=action","location":"/home?from=action"}}`},
		{"a body that is not an array is a 400", likeIt.ID(), "application/json", `{"postID":1}`, 400, ""},
		{"a wrong type is a 400 naming the argument", likeIt.ID(), "application/json", `["seven"]`, 400, `{"error":{"code":"bad_request","message":"invalid arguments: argument 1: want integer, got \"seven\""}}`},
		{"a React reply works too", likeIt.ID(), "text/plain;charset=UTF-8", `[4]`, 200, `40`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := call(tc.id, tc.contentType, tc.body)
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d; body %s", res.StatusCode, tc.status, body)
			}
			if tc.want != "" && body != tc.want {
				t.Errorf("body\n %s\nwant\n %s", body, tc.want)
			}
			if tc.want == "" && !json.Valid([]byte(body)) {
				t.Errorf("body is not JSON: %s", body)
			}
		})
	}
}

func subscribe(ctx context.Context, form *actions.FormData) (string, error) {
	return "subscribed " + form.Get("email"), nil
}

func TestCurlPostsAFormToAnAction(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	sub := app.registry.Register(subscribe)
	req := httptest.NewRequest("POST", "/page", strings.NewReader("email=a%40b.example"))
	req.Header.Set(actions.HeaderActionID, sub.ID())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	rec := httptest.NewRecorder()
	app.handler.ServeHTTP(rec, req)
	if got := strings.TrimSpace(rec.Body.String()); rec.Code != 200 || got != `"subscribed a@b.example"` {
		t.Errorf("%d %s", rec.Code, got)
	}
}

func TestOversizedBodiesAre413ForEveryClient(t *testing.T) {
	app := newTestApp(t, actions.Options{MaxBodyBytes: 64})
	likeIt := app.registry.Register(like)
	big := `["` + strings.Repeat("x", 200) + `"]`
	for _, tc := range []struct{ name, contentType, accept string }{
		{"a JSON client", "application/json", "application/json"},
		{"a React client", "text/plain;charset=UTF-8", actions.ContentTypeRows},
		{"a curl form", "application/x-www-form-urlencoded", "application/json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/page", strings.NewReader(big))
			req.Header.Set(actions.HeaderActionID, likeIt.ID())
			req.Header.Set("Content-Type", tc.contentType)
			req.Header.Set("Accept", tc.accept)
			rec := serve(app, req)
			if rec.Code != 413 || !strings.Contains(rec.Body.String(), "64 bytes") {
				t.Errorf("%d %s", rec.Code, rec.Body)
			}
		})
	}
}
