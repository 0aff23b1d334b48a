package actions_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions"
)

func deletePost(ctx context.Context, id int) (string, error) {
	actions.Header(ctx).Set("X-Deleted", "yes")
	return "deleted", nil
}

func createThing(ctx context.Context, name string) (string, error) {
	actions.SetStatus(ctx, http.StatusCreated)
	return "created " + name, nil
}

func requireAdmin(next actions.Handler) actions.Handler {
	return func(ctx context.Context, c *actions.Call) (any, error) {
		if c.Request.Header.Get("X-Role") != "admin" {
			return nil, actions.Forbidden("Admins only.")
		}
		return next(ctx, c)
	}
}

func TestMiddlewareAndResponseControl(t *testing.T) {
	var order []string
	trace := func(name string) actions.Middleware {
		return func(next actions.Handler) actions.Handler {
			return func(ctx context.Context, c *actions.Call) (any, error) {
				order = append(order, name+" "+c.Action.Name())
				return next(ctx, c)
			}
		}
	}
	app := newTestApp(t, actions.Options{Use: []actions.Middleware{trace("server")}})
	del := app.registry.Register(deletePost, actions.Use(trace("action"), requireAdmin))
	create := app.registry.Register(createThing)

	t.Run("middleware runs outermost first and can refuse", func(t *testing.T) {
		res, _, err := app.callJS(del.ID(), 1)
		if res.StatusCode != 403 || digest(t, err)["message"] != "Admins only." {
			t.Errorf("%d %v", res.StatusCode, err)
		}
		if got := strings.Join(order, ", "); got != "server "+del.Name()+", action "+del.Name() {
			t.Errorf("order: %s", got)
		}
	})
	t.Run("an action sets response headers through its context", func(t *testing.T) {
		req := jsRequest(t, del.ID(), 1)
		req.Header.Set("X-Role", "admin")
		res, v, err := app.do(req)
		if err != nil || v != "deleted" || res.Header.Get("X-Deleted") != "yes" {
			t.Errorf("%v %v header %q", v, err, res.Header.Get("X-Deleted"))
		}
	})
	t.Run("an action sets the status", func(t *testing.T) {
		res, v, _ := app.callJS(create.ID(), "x")
		if res.StatusCode != http.StatusCreated || v != "created x" {
			t.Errorf("%d %v", res.StatusCode, v)
		}
	})
	t.Run("every call logs one line with action, transport, status, outcome and duration", func(t *testing.T) {
		line := ""
		for _, l := range strings.Split(app.log.String(), "\n") {
			if strings.Contains(l, "action="+create.Name()) {
				line = l
			}
		}
		for _, want := range []string{"msg=action", "transport=js", "status=201", "outcome=ok", "duration="} {
			if !strings.Contains(line, want) {
				t.Errorf("log line %q lacks %q", line, want)
			}
		}
	})
}

func TestDevModeShowsUnexpectedErrors(t *testing.T) {
	app := newTestApp(t, actions.Options{Dev: true})
	fail := app.registry.Register(failUnexpectedly)
	_, _, err := app.callJS(fail.ID())
	if msg := digest(t, err)["message"]; !strings.Contains(msg.(string), "hunter2") {
		t.Errorf("dev mode must show the detail, got %v", msg)
	}
}

func TestRedirectHosts(t *testing.T) {
	app := newTestApp(t, actions.Options{RedirectHosts: []string{"evil.example"}})
	away := app.registry.Register(leaveSite)
	res, _, _ := app.callJS(away.ID())
	if res.Header.Get(actions.HeaderRedirect) != "https://evil.example/" {
		t.Errorf("an allowed host must redirect, got %d %q", res.StatusCode, res.Header.Get(actions.HeaderRedirect))
	}
}

func TestRegisterRefusesBadSignatures(t *testing.T) {
	reg := actions.NewRegistry()
	for _, tc := range []struct {
		name string
		fn   any
		want string
	}{
		{"not a function", 42, "must be a function"},
		{"no context", func(s string) error { return nil }, "first parameter must be context.Context"},
		{"no error result", func(ctx context.Context) string { return "" }, "must return an error"},
		{"a channel parameter", func(ctx context.Context, c chan int) error { return nil }, "cannot send a chan"},
		{"variadic", func(ctx context.Context, s ...string) error { return nil }, "variadic"},
		{"a function literal without a name", func(ctx context.Context) error { return nil }, "function literal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				p := recover()
				err, _ := p.(error)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("panic %v, want it to say %q", p, tc.want)
				}
			}()
			if strings.Contains(tc.want, "literal") {
				reg.Register(tc.fn)
			}
			reg.Register(tc.fn, actions.Name(tc.name))
		})
	}
	t.Run("a function literal with a name is fine", func(t *testing.T) {
		a := reg.Register(func(ctx context.Context) error { return nil }, actions.Name("inline"))
		if a.Name() != "inline" {
			t.Errorf("%s", a.Name())
		}
	})
	t.Run("the same name twice is refused", func(t *testing.T) {
		defer func() {
			if err, _ := recover().(error); err == nil || !strings.Contains(err.Error(), "already registered") {
				t.Errorf("%v", err)
			}
		}()
		reg.Register(like)
		reg.Register(like)
	})
	t.Run("Bound beyond the parameters is refused", func(t *testing.T) {
		defer func() {
			if err, _ := recover().(error); err == nil || !strings.Contains(err.Error(), "Bound(3)") {
				t.Errorf("%v", err)
			}
		}()
		reg.Register(publish, actions.Bound(3))
	})
}

func signOut(ctx context.Context) error {
	actions.DeleteCookie(ctx, "session", "/")
	return nil
}

func TestDeleteCookie(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	out := app.registry.Register(signOut)
	res, _, _ := app.callJS(out.ID())
	c := res.Cookies()
	if len(c) != 1 || c[0].Name != "session" || c[0].MaxAge >= 0 {
		t.Errorf("want an expired session cookie, got %v", res.Header["Set-Cookie"])
	}
}

func TestRouteMaxDurationIsInheritedUnlessTheActionSetsItsOwn(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	inherits := app.registry.Register(slowAction)
	own := app.registry.Register(waitShort, actions.MaxDuration(time.Hour))
	h := app.server.Route(actions.MaxDuration(20 * time.Millisecond))(http.NotFoundHandler())
	for _, tc := range []struct {
		name   string
		id     string
		status int
	}{
		{"an action without its own limit gets the route's", inherits.ID(), http.StatusGatewayTimeout},
		{"an action's own limit wins over the route's", own.ID(), http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, jsRequest(t, tc.id))
			if rec.Code != tc.status {
				t.Errorf("status %d, want %d", rec.Code, tc.status)
			}
		})
	}
}

func waitShort(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(60 * time.Millisecond):
		return nil
	}
}
