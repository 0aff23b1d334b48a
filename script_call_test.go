package actions_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions"
)

type cartItem struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

func addToCart(ctx context.Context, item cartItem, note string) (map[string]any, error) {
	return map[string]any{"sku": item.SKU, "qty": item.Qty, "note": note}, nil
}

func like(ctx context.Context, postID int) (int, error) {
	if postID <= 0 {
		return 0, actions.NotFound("No such post.")
	}
	return postID * 10, nil
}

func failUnexpectedly(ctx context.Context) error {
	return errors.New("database password is hunter2")
}

func panics(ctx context.Context) error { panic("boom") }

func goHome(ctx context.Context) error { return actions.Redirect("/home?from=action") }

func leaveSite(ctx context.Context) error { return actions.Redirect("https://evil.example/") }

func TestScriptCalls(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	add := app.registry.Register(addToCart)
	likeIt := app.registry.Register(like)
	fail := app.registry.Register(failUnexpectedly)
	boom := app.registry.Register(panics)
	home := app.registry.Register(goHome)
	away := app.registry.Register(leaveSite)

	t.Run("a call gets its result as Flight rows", func(t *testing.T) {
		res, v, err := app.callJS(add.ID(), map[string]any{"sku": "A1", "qty": 2}, "gift")
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("status %d, err %v", res.StatusCode, err)
		}
		got := fmt.Sprint(v)
		if want := "map[note:gift qty:2 sku:A1]"; got != want {
			t.Errorf("result %s, want %s", got, want)
		}
	})
	t.Run("an expected error reaches the client with its message and status", func(t *testing.T) {
		res, _, err := app.callJS(likeIt.ID(), 0)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("status %d, want 404", res.StatusCode)
		}
		d := digest(t, err)
		if d["code"] != "not_found" || d["message"] != "No such post." {
			t.Errorf("digest %v", d)
		}
	})
	t.Run("an unexpected error is generic, with a correlation id found in the log", func(t *testing.T) {
		res, _, err := app.callJS(fail.ID())
		if res.StatusCode != 500 {
			t.Errorf("status %d, want 500", res.StatusCode)
		}
		d := digest(t, err)
		if strings.Contains(fmt.Sprint(d), "hunter2") || d["code"] != "internal" {
			t.Errorf("digest leaks or lacks the code: %v", d)
		}
		id, _ := d["id"].(string)
		if id == "" || !strings.Contains(app.log.String(), "id="+id) || !strings.Contains(app.log.String(), "hunter2") {
			t.Errorf("log does not have the detail under id %q:\n%s", id, app.log)
		}
	})
	t.Run("a panic answers like an unexpected error and logs the stack", func(t *testing.T) {
		res, _, err := app.callJS(boom.ID())
		if res.StatusCode != 500 || digest(t, err)["code"] != "internal" {
			t.Fatalf("status %d err %v", res.StatusCode, err)
		}
		if !strings.Contains(app.log.String(), "boom") || !strings.Contains(app.log.String(), "goroutine") {
			t.Errorf("log lacks the panic and its stack:\n%s", app.log)
		}
	})
	t.Run("a redirect is a header and a rejected root, so it cannot pass for a result", func(t *testing.T) {
		res, _, err := app.callJS(home.ID())
		if res.StatusCode != 200 || res.Header.Get(actions.HeaderRedirect) != "/home?from=action" {
			t.Errorf("status %d, %s: %q", res.StatusCode, actions.HeaderRedirect, res.Header.Get(actions.HeaderRedirect))
		}
		if d := digest(t, err); d["code"] != "redirect" || d["location"] != "/home?from=action" {
			t.Errorf("digest %v", d)
		}
	})
	t.Run("a redirect off the site is refused as an internal error", func(t *testing.T) {
		res, _, err := app.callJS(away.ID())
		if res.StatusCode != 500 || res.Header.Get(actions.HeaderRedirect) != "" || digest(t, err)["code"] != "internal" {
			t.Errorf("status %d, header %q, err %v", res.StatusCode, res.Header.Get(actions.HeaderRedirect), err)
		}
		if !strings.Contains(app.log.String(), "RedirectHosts") {
			t.Errorf("log does not say how to allow it:\n%s", app.log)
		}
	})
	t.Run("arguments that do not fit are a 400 naming the argument and path", func(t *testing.T) {
		res, _, err := app.callJS(add.ID(), map[string]any{"sku": "A1", "qty": "two"})
		if res.StatusCode != 400 {
			t.Errorf("status %d, want 400", res.StatusCode)
		}
		msg, _ := digest(t, err)["message"].(string)
		if want := `argument 1 (.qty): want integer, got "two"`; !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	})
	t.Run("too many arguments are a 400", func(t *testing.T) {
		res, _, _ := app.callJS(likeIt.ID(), 1, 2)
		if res.StatusCode != 400 {
			t.Errorf("status %d, want 400", res.StatusCode)
		}
	})
	t.Run("missing arguments are zero values, as undefined in JS", func(t *testing.T) {
		_, v, err := app.callJS(add.ID())
		if err != nil || fmt.Sprint(v) != "map[note: qty:0 sku:]" {
			t.Errorf("result %v, err %v", v, err)
		}
	})
}

func TestScriptCallRefusals(t *testing.T) {
	app := newTestApp(t, actions.Options{MaxBodyBytes: 1024})
	likeIt := app.registry.Register(like)
	post := func(method, id, contentType, body string) *http.Response {
		req := httptest.NewRequest(method, "/page", strings.NewReader(body))
		req.Header.Set(actions.HeaderActionID, id)
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		app.handler.ServeHTTP(rec, req)
		return rec.Result()
	}
	for _, tc := range []struct {
		name, method, id, contentType, body string
		status                              int
		header, headerValue                 string
	}{
		{"a GET is refused with 405 and Allow: POST", "GET", likeIt.ID(), "", "", 405, "Allow", "POST"},
		{"a PUT is refused with 405", "PUT", likeIt.ID(), "text/plain", "[1]", 405, "Allow", "POST"},
		{"a malformed id is a 400", "POST", "../../etc/passwd", "text/plain", "[1]", 400, "", ""},
		{"an id in upper case is malformed", "POST", strings.ToUpper(likeIt.ID()), "text/plain", "[1]", 400, "", ""},
		{"an unknown id is stale: 409 and the stale header", "POST", strings.Repeat("ab", 12), "text/plain", "[1]", 409, actions.HeaderStale, "1"},
		{"a body over the limit is a 413", "POST", likeIt.ID(), "text/plain", "[" + strings.Repeat(" ", 2000) + "1]", 413, "", ""},
		{"malformed JSON is a 400", "POST", likeIt.ID(), "text/plain", "[1", 400, "", ""},
		{"a root that is not an array is a 400", "POST", likeIt.ID(), "text/plain", `{"a":1}`, 400, "", ""},
		{"an unsupported content type is a 400", "POST", likeIt.ID(), "application/xml", "<a/>", 400, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := post(tc.method, tc.id, tc.contentType, tc.body)
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d", res.StatusCode, tc.status)
			}
			if tc.header != "" && res.Header.Get(tc.header) != tc.headerValue {
				t.Errorf("%s: %q, want %q", tc.header, res.Header.Get(tc.header), tc.headerValue)
			}
			if res.Header.Get("Content-Type") != actions.ContentTypeRows {
				t.Errorf("Content-Type %q: a script's refusal must be rows it can read", res.Header.Get("Content-Type"))
			}
		})
	}
}

func slowAction(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(10 * time.Second):
		return nil
	}
}

func TestMaxDurationBecomesTheDeadline(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	slow := app.registry.Register(slowAction, actions.MaxDuration(20*time.Millisecond))
	res, _, err := app.callJS(slow.ID())
	if res.StatusCode != http.StatusGatewayTimeout || digest(t, err)["code"] != "timeout" {
		t.Errorf("status %d, err %v", res.StatusCode, err)
	}
}

var (
	started  = make(chan struct{}, 1)
	canceled = make(chan error, 1)
)

func waitForCancel(ctx context.Context) error {
	started <- struct{}{}
	<-ctx.Done()
	canceled <- ctx.Err()
	return ctx.Err()
}

func TestClientDisconnectCancelsTheAction(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	wait := app.registry.Register(waitForCancel)
	ts := httptest.NewServer(app.handler)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/page", strings.NewReader("[]"))
	req.Header.Set(actions.HeaderActionID, wait.ID())
	req.Header.Set("Content-Type", "text/plain")
	done := make(chan error, 1)
	go func() {
		_, err := http.DefaultClient.Do(req)
		done <- err
	}()
	// The client leaves only once the action runs, so the test does not
	// depend on how fast the server picks the request up.
	bounded := time.After(time.Minute)
	select {
	case <-started:
	case <-bounded:
		t.Fatal("the action never started")
	}
	cancel()
	select {
	case err := <-canceled:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the action's context ended with %v, want context.Canceled", err)
		}
	case <-bounded:
		t.Fatal("the client left but the action's context was never canceled")
	}
	if err := <-done; err == nil {
		t.Error("the request should have failed: the client canceled it")
	}
}
