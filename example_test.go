package actions_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/goactions/actions"
)

func greet(ctx context.Context, name string) (string, error) {
	if name == "" {
		return "", actions.Invalid("", map[string][]string{"name": {"Tell us your name."}})
	}
	return "Hello, " + name + "!", nil
}

// A JSON client (curl, a mobile app) calls an action with a JSON array of
// arguments and gets plain JSON back.
func Example() {
	registry := actions.NewRegistry()
	Greet := registry.Register(greet)
	srv, _ := actions.New(actions.Options{Registry: registry, Logger: slog.New(slog.DiscardHandler)})
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "the page") })
	ts := httptest.NewServer(srv.Middleware(page))
	defer ts.Close()

	for _, args := range []string{`["Ada"]`, `[""]`} {
		req, _ := http.NewRequest("POST", ts.URL, strings.NewReader(args))
		req.Header.Set("Action-Id", Greet.ID())
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		body, _ := io.ReadAll(res.Body)
		fmt.Print(res.StatusCode, " ", string(body))
	}
	// Output:
	// 200 "Hello, Ada!"
	// 422 {"error":{"code":"invalid_argument","message":"Please correct the highlighted fields.","fields":{"name":["Tell us your name."]}}}
}
