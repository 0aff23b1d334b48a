package actions_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions"
	"github.com/goactions/actions/flight"
)

func renameUser(ctx context.Context, userID int, form *actions.FormData) (string, error) {
	return "user " + strconv.Itoa(userID) + " is now " + form.Get("name"), nil
}

func publish(ctx context.Context, version int) (string, error) {
	return "published version " + strconv.Itoa(version), nil
}

// boundForm is what a page renders for <form action={ref}>, as urlencoded
// fields, followed by the user's own.
func boundForm(tb testing.TB, id, token string, user ...string) string {
	tb.Helper()
	fields, err := flight.EncodeFormAction(id, []any{token}, "1")
	if err != nil {
		tb.Fatal(err)
	}
	var pairs []string
	for _, f := range fields {
		pairs = append(pairs, f.Name, f.Value)
	}
	return urlencoded(append(pairs, user...)...)
}

func TestBoundArguments(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	if err := app.registry.SetKeys("6ZkLJ0pP7uD1aYx4Q2mB9wVt3nHcR8sKfE5gT0jU1oA"); err != nil {
		t.Fatal(err)
	}
	rename := app.registry.Register(renameUser, actions.Bound(1))
	pub := app.registry.Register(publish, actions.Bound(1), actions.SealExpiry(time.Millisecond))
	const form = "application/x-www-form-urlencoded"
	token, err := rename.Bind(7).Seal()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("a form posted without JS gets the bound value the page sealed", func(t *testing.T) {
		rec := app.postForm(form, boundForm(t, rename.ID(), token, "name", "Grace"))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `result="user 7 is now Grace"`) {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	})
	t.Run("a script call gets it as the first argument", func(t *testing.T) {
		f := &flight.FormData{}
		f.Append("name", "Linus")
		_, v, err := app.callJS(rename.ID(), token, f)
		if err != nil || v != "user 7 is now Linus" {
			t.Errorf("%v %v", v, err)
		}
	})
	refused := func(t *testing.T, token string) {
		t.Helper()
		rec := app.postForm(form, boundForm(t, rename.ID(), token, "name", "Mallory"))
		if rec.Code != 400 || strings.Contains(rec.Body.String(), "Mallory is") {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	}
	t.Run("a tampered seal is a 400", func(t *testing.T) {
		b := []byte(token)
		b[len(b)/2] ^= 1
		if b[len(b)/2] == '_'^1 || b[len(b)/2] == '-'^1 {
			b[len(b)/2] = 'A'
		}
		refused(t, string(b))
	})
	t.Run("a value the client wrote itself in place of the seal is a 400", func(t *testing.T) {
		refused(t, "1")
	})
	t.Run("a seal made for another action is a 400", func(t *testing.T) {
		other, err := pub.Bind(7).Seal()
		if err != nil {
			t.Fatal(err)
		}
		refused(t, other)
	})
	t.Run("a script calling without the seal is a 400", func(t *testing.T) {
		f := &flight.FormData{}
		res, _, err := app.callJS(rename.ID(), f)
		if res.StatusCode != 400 || err == nil {
			t.Errorf("%d %v", res.StatusCode, err)
		}
	})
	t.Run("an expired seal is a 400 asking to reload", func(t *testing.T) {
		old, err := pub.Bind(3).Seal()
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
		res, _, err := app.callJS(pub.ID(), old)
		if res.StatusCode != 400 || !strings.Contains(digest(t, err)["message"].(string), "expired") {
			t.Errorf("%d %v", res.StatusCode, err)
		}
	})
	t.Run("binding the wrong number or type of values fails when sealing", func(t *testing.T) {
		if _, err := rename.Bind(1, 2).Seal(); err == nil || !strings.Contains(err.Error(), "Bound(1)") {
			t.Errorf("%v", err)
		}
		if _, err := rename.Bind("7").Seal(); err == nil || !strings.Contains(err.Error(), "want int") {
			t.Errorf("%v", err)
		}
	})
	t.Run("sending an action with bound parameters unbound fails", func(t *testing.T) {
		if _, err := flight.EncodeReply([]any{rename}); err == nil || !strings.Contains(err.Error(), "Bind") {
			t.Errorf("%v", err)
		}
	})
}

func TestKeysFromTheEnvironment(t *testing.T) {
	t.Setenv("ACTIONS_KEYS", "not a key")
	reg := actions.NewRegistry()
	a := reg.Register(publish, actions.Bound(1))
	if _, err := a.Bind(1).Seal(); err == nil || !strings.Contains(err.Error(), "seal") {
		t.Errorf("a malformed ACTIONS_KEYS must fail sealing with the parser's message, got %v", err)
	}
	if _, err := actions.New(actions.Options{Registry: reg}); err == nil {
		t.Errorf("New must refuse a malformed ACTIONS_KEYS at start")
	}
}

func TestKeyRotation(t *testing.T) {
	const oldKey, newKey = "6ZkLJ0pP7uD1aYx4Q2mB9wVt3nHcR8sKfE5gT0jU1oA", "p2JqzN4Wm8vX1cL6bR0tY3hG7kD9sF5aE2uI8oP4nQw"
	app := newTestApp(t, actions.Options{})
	pub := app.registry.Register(publish, actions.Bound(1))
	if err := app.registry.SetKeys(oldKey); err != nil {
		t.Fatal(err)
	}
	token, err := pub.Bind(4).Seal()
	if err != nil {
		t.Fatal(err)
	}
	// Deploy 2: a new key seals, the old one still opens pages rendered before.
	if err := app.registry.SetKeys(newKey + "," + oldKey); err != nil {
		t.Fatal(err)
	}
	if _, v, err := app.callJS(pub.ID(), token); err != nil || v != "published version 4" {
		t.Errorf("a page sealed with the previous key must still work: %v %v", v, err)
	}
	// Deploy 3: the old key is gone.
	if err := app.registry.SetKeys(newKey); err != nil {
		t.Fatal(err)
	}
	if res, _, _ := app.callJS(pub.ID(), token); res.StatusCode != 400 {
		t.Errorf("a seal under a dropped key must be refused, got %d", res.StatusCode)
	}
}
