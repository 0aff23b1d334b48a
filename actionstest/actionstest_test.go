package actionstest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/goactions/actions"
	"github.com/goactions/actions/actionstest"
)

var registry = actions.NewRegistry()

func signIn(ctx context.Context, form *actions.FormData) (string, error) {
	if form.Get("password") != "correct horse" {
		return "", actions.Invalid("", map[string][]string{"password": {"Wrong password."}})
	}
	actions.SetCookie(ctx, &http.Cookie{Name: "session", Value: "s-" + form.Get("user"), Path: "/"})
	return "", actions.Redirect("/dashboard")
}

func whoAmI(ctx context.Context) (string, error) {
	c, err := actions.Cookie(ctx, "session")
	if err != nil {
		return "", actions.Unauthenticated("")
	}
	return c.Value, nil
}

func setName(ctx context.Context, userID int, name string) (string, error) {
	return fmt.Sprintf("user %d is %s", userID, name), nil
}

var (
	SignIn  = registry.Register(signIn)
	WhoAmI  = registry.Register(whoAmI)
	SetName = registry.Register(setName, actions.Bound(1))
)

func TestClient(t *testing.T) {
	c := actionstest.NewClient(t, actions.Options{Registry: registry})
	if res := c.Call(WhoAmI); res.Err == nil || res.Err.Code != actions.CodeUnauthenticated || res.Status != 401 {
		t.Errorf("signed out: %+v", res)
	}
	if res := c.Submit(SignIn, url.Values{"user": {"ada"}, "password": {"nope"}}); res.FieldError("password") != "Wrong password." || res.Status != 422 {
		t.Errorf("wrong password: %+v", res)
	}
	res := c.Submit(SignIn, url.Values{"user": {"ada"}, "password": {"correct horse"}})
	if res.Redirect != "/dashboard" || len(res.Cookies) != 1 {
		t.Errorf("sign in: %+v", res)
	}
	var who string
	if res := c.Call(WhoAmI); res.Decode(&who) != nil || who != "s-ada" {
		t.Errorf("the session cookie must be kept: %+v", res)
	}
	if res := c.Call(SetName.Bind(7), "Ada"); res.Value != "user 7 is Ada" {
		t.Errorf("bound: %+v", res)
	}
}

func publish(ctx context.Context, form *actions.FormData) error {
	actions.RevalidatePath(ctx, "/posts/"+form.Get("id"))
	actions.RevalidateTag(ctx, "posts")
	return nil
}

var Publish = registry.Register(publish)

func TestResultReportsRevalidations(t *testing.T) {
	c := actionstest.NewClient(t, actions.Options{Registry: registry})
	want := []string{"path:/posts/7", "posts"}
	if res := c.Submit(Publish, url.Values{"id": {"7"}}); !slices.Equal(res.Revalidated, want) {
		t.Errorf("submitted: Revalidated %q, want %q", res.Revalidated, want)
	}
	if res := c.Call(WhoAmI); res.Revalidated != nil {
		t.Errorf("an action that revalidates nothing: %q", res.Revalidated)
	}
}
