package actions_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math/big"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/goactions/actions"
	"github.com/goactions/actions/flight"
)

func echoTypes(ctx context.Context, dates map[string]time.Time, n *big.Int, set []int) (map[string]any, error) {
	next := new(big.Int).Add(n, big.NewInt(1))
	sum := 0
	for _, v := range set {
		sum += v
	}
	return map[string]any{"dates": &flight.Map{Entries: []flight.MapEntry{{Key: "a", Value: dates["a"].AddDate(0, 0, 1)}}}, "next": next, "sum": sum}, nil
}

func upload(ctx context.Context, form *actions.FormData) (map[string]any, error) {
	f, ok := form.File("photo")
	if !ok {
		return nil, actions.Invalid("", map[string][]string{"photo": {"Choose a photo."}})
	}
	return map[string]any{"title": form.Get("title"), "name": f.Name, "type": f.Type, "size": f.Size()}, nil
}

// requireNode fails (never skips) when node or React's packages are
// missing: ./scripts/test.sh installs them.
func requireNode(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		tb.Fatal("node is not installed: run ./scripts/test.sh, which installs it")
	}
	if _, err := os.Stat("flight/testdata/react/node_modules/react-server-dom-webpack/package.json"); err != nil {
		tb.Fatal("React's packages are not installed in flight/testdata/react: run ./scripts/test.sh, which installs them")
	}
}

func runNodeScript(tb testing.TB, script string, input any) []byte {
	tb.Helper()
	requireNode(tb)
	in, _ := json.Marshal(input)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("testdata", "react", script))
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestStockReactClient calls Go actions from React's own browser client
// with the five-line callServer of testdata/react/call-server.mjs.
func TestStockReactClient(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	ids := map[string]string{
		"add":    app.registry.Register(addToCart).ID(),
		"types":  app.registry.Register(echoTypes).ID(),
		"upload": app.registry.Register(upload).ID(),
		"like":   app.registry.Register(like).ID(),
		"home":   app.registry.Register(goHome).ID(),
	}
	greet := app.registry.Register(greetBound, actions.Bound(1))
	ids["makeRef"] = app.registry.Register(func(ctx context.Context) (map[string]any, error) {
		return map[string]any{"action": greet.Bind("Ada")}, nil
	}, actions.Name("makeRef")).ID()
	ts := httptest.NewServer(app.handler)
	defer ts.Close()

	out := runNodeScript(t, "call-server.mjs", map[string]any{"url": ts.URL + "/page", "ids": ids})
	var got map[string]map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	digestOf := func(r any) map[string]any {
		d := map[string]any{}
		s, _ := r.(map[string]any)["error"].(map[string]any)["digest"].(string)
		json.Unmarshal([]byte(s), &d)
		return d
	}
	for _, build := range []string{"production", "development"} {
		r := got[build]
		if r == nil {
			t.Fatalf("no results for the %s build: %s", build, out)
		}
		check := func(name string, want any) {
			t.Helper()
			if !reflect.DeepEqual(r[name], want) {
				g, _ := json.Marshal(r[name])
				w, _ := json.Marshal(want)
				t.Errorf("%s build, %s:\n got %s\nwant %s", build, name, g, w)
			}
		}
		check("add", map[string]any{"value": map[string]any{"sku": "A1", "qty": 2.0, "note": "gift"}})
		check("types", map[string]any{"value": map[string]any{
			"dates": map[string]any{"Map": []any{[]any{"a", map[string]any{"Date": "2025-01-03T00:00:00.000Z"}}}},
			"next":  map[string]any{"bigint": "12345678901234567891"},
			"sum":   3.0,
		}})
		check("form", map[string]any{"value": map[string]any{"title": "Hello", "name": "p.png", "type": "image/png", "size": 4.0}})
		check("bound", map[string]any{"value": "Ada says hello from the client"})
		check("redirects", []any{"/home?from=action"})
		if d := digestOf(r["notFound"]); d["code"] != "not_found" || d["message"] != "No such post." {
			t.Errorf("%s build: an expected error must survive in the digest: %v", build, r["notFound"])
		}
		if d := digestOf(r["redirect"]); d["code"] != "redirect" || d["location"] != "/home?from=action" {
			t.Errorf("%s build: redirect: %v", build, r["redirect"])
		}
		if d := digestOf(r["stale"]); d["code"] != "stale_action" {
			t.Errorf("%s build: stale: %v", build, r["stale"])
		}
	}
}

func greetBound(ctx context.Context, name string, greeting string) (string, error) {
	return name + " says hello " + greeting, nil
}
