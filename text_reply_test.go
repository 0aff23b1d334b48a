package actions_test

import (
	"context"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions"
)

type savedPost struct {
	Title     string    `json:"title"`
	Likes     int       `json:"likes"`
	CreatedAt time.Time `json:"createdAt"`
}

// saveAll stands for a bulk action: it takes a list of objects.
func saveAll(ctx context.Context, posts []savedPost) (string, error) {
	likes := 0
	for _, p := range posts {
		likes += p.Likes
	}
	return strings.Join([]string{posts[0].Title, posts[len(posts)-1].CreatedAt.Format(time.RFC3339), strconv.Itoa(likes)}, " "), nil
}

// A call from script whose arguments are plain values comes as a text
// reply, read straight into the parameters; these are what a client sees.
func TestTextRepliesAreReadIntoTheParameters(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	save := app.registry.Register(saveAll)
	const list = `[[{"title":"first","likes":2,"createdAt":"$D2025-01-01T00:00:00.000Z"},{"title":"second","likes":5,"createdAt":"$D2025-01-02T03:04:05.000Z"}]]`
	for _, tc := range []struct {
		name, body string
		status     int
		want       string
	}{
		{"a list of objects with dates", list, 200, `"first 2025-01-02T03:04:05Z 7"`},
		{"a wrong type names the argument and path", `[[{"title":"t","likes":"many"}]]`, 400,
			`{"error":{"code":"bad_request","message":"invalid arguments: argument 1 ([0].likes): want integer, got \"many\""}}`},
		{"more arguments than the action takes, one of them wrong", `[[{"likes":"many"}],"extra"]`, 400,
			`{"error":{"code":"bad_request","message":"github.com/goactions/actions_test.saveAll takes 1 argument, got 2"}}`},
		{"a root that is not an array", `{"title":"t"}`, 400,
			`{"error":{"code":"bad_request","message":"malformed request: the reply's root is an object, not an array of arguments"}}`},
		{"broken JSON", `[[{"title":`, 400, ""},
		{"a reference to a part a text reply cannot have", `["$Q1"]`, 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/page", strings.NewReader(tc.body))
			req.Header.Set(actions.HeaderActionID, save.ID())
			req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
			req.Header.Set("Accept", "application/json")
			rec := serve(app, req)
			got := strings.TrimSpace(rec.Body.String())
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, got)
			}
			if tc.want != "" && got != tc.want {
				t.Fatalf("body\n %s\nwant\n %s", got, tc.want)
			}
			if tc.want == "" && !strings.Contains(got, `"message":"malformed request: `) {
				t.Fatalf("body %s, want a malformed request message", got)
			}
		})
	}
}

type withChannel struct {
	C chan int `json:"c"`
}

func takesChannel(ctx context.Context, in withChannel) (string, error) { return "never", nil }

// A parameter type that no value can be stored in is the program's
// mistake: a 500, as for any other call, not the client's 400.
func TestAParameterNoValueFitsIsTheProgramsMistake(t *testing.T) {
	app := newTestApp(t, actions.Options{})
	act := app.registry.Register(takesChannel)
	req := httptest.NewRequest("POST", "/page", strings.NewReader(`[{"c":1}]`))
	req.Header.Set(actions.HeaderActionID, act.ID())
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	req.Header.Set("Accept", "application/json")
	rec := serve(app, req)
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "chan") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}
