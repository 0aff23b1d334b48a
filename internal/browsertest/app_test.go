package browsertest_test

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/goactions/actions"
	"github.com/goactions/actions/flight"
)

// app is the application the browser uses: an actions server in front of
// html/template pages, served on 127.0.0.1 by httptest. Its actions are
// methods, so that each test has its own state.
type app struct {
	t      *testing.T
	server *httptest.Server

	signUp, rename, lookup, vote *actions.Action

	mu    sync.Mutex
	users map[int]string // user id → name, what rename changes
	votes int            // what vote counts
	last  post           // the last POST the app received
}

// post is what the browser said about where a POST came from.
type post struct {
	Origin, SecFetchSite string
}

// A fixed key, so a test run does not log the random-key warning.
const testKeys = "6ZkLJ0pP7uD1aYx4Q2mB9wVt3nHcR8sKfE5gT0jU1oA"

// staleID is well formed but names no action: what a page rendered by an
// older version of the app posts.
const staleID = "0123456789abcdef01234567"

func newApp(t *testing.T) *app {
	t.Helper()
	a := &app{t: t, users: map[int]string{7: "Ada"}}
	reg := actions.NewRegistry()
	if err := reg.SetKeys(testKeys); err != nil {
		t.Fatal(err)
	}
	a.signUp = reg.Register(a.signUpAction)
	a.rename = reg.Register(a.renameAction, actions.Bound(1))
	a.lookup = reg.Register(a.lookupAction)
	a.vote = reg.Register(a.voteAction)

	srv, err := actions.New(actions.Options{
		Registry: reg,
		Logger:   slog.New(slog.NewTextHandler(t.Output(), nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/signup", srv.Middleware(a.page("signup", func(r *http.Request) any {
		return formPage{ActionField: "$ACTION_ID_" + a.signUp.ID()}
	})))
	mux.Handle("/signup-old", srv.Middleware(a.page("signup", func(r *http.Request) any {
		return formPage{ActionField: "$ACTION_ID_" + staleID}
	})))
	mux.HandleFunc("GET /dashboard", func(w http.ResponseWriter, r *http.Request) {
		session, err := r.Cookie("session")
		if err != nil {
			http.Redirect(w, r, "/signup", http.StatusSeeOther)
			return
		}
		a.render(w, r, "dashboard", session.Value)
	})
	mux.Handle("/users/{id}", srv.Middleware(a.page("user", a.userPage)))
	mux.Handle("/shop", srv.Middleware(a.page("shop", func(r *http.Request) any {
		return shopPage{LookupID: a.lookup.ID()}
	})))
	mux.Handle("/poll", srv.Middleware(a.page("poll", func(r *http.Request) any {
		return a.pollPage("")
	})))
	a.server = httptest.NewServer(a.recordPosts(mux)) // 127.0.0.1, a free port
	t.Cleanup(a.server.Close)
	return a
}

// openApp starts an app, opens a tab and shows the app's page at path.
func openApp(t *testing.T, path string, js scripts) (*app, context.Context) {
	t.Helper()
	a := newApp(t)
	ctx := newTab(t, js)
	open(t, ctx, a.url(path), js)
	return a, ctx
}

// url is the address of path on the app.
func (a *app) url(path string) string { return a.server.URL + path }

// recordPosts notes each POST's origin headers before serving it, so that
// once the browser shows the answer the note is there.
func (a *app) recordPosts(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			a.mu.Lock()
			a.last = post{r.Header.Get("Origin"), r.Header.Get("Sec-Fetch-Site")}
			a.mu.Unlock()
		}
		next.ServeHTTP(w, r)
	})
}

// lastPost returns the last POST the app received.
func (a *app) lastPost() post {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.last
}

// page serves a template with the data data returns, and the submission
// the page is rendered after, if any.
func (a *app) page(name string, data func(*http.Request) any) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		a.render(w, r, name, data(r))
	})
}

func (a *app) render(w http.ResponseWriter, r *http.Request, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	err := pages.ExecuteTemplate(w, name, struct {
		Sub  *actions.Submission
		Data any
	}{actions.SubmissionFrom(r.Context()), data})
	if err != nil {
		a.t.Errorf("rendering %s: %v", name, err)
	}
}

// Sign-up: a form decoded into a struct, field errors, a cookie and a
// redirect.

type signUpForm struct {
	Email    string `form:"email"`
	Password string `form:"password"`
}

func (a *app) signUpAction(ctx context.Context, in signUpForm) error {
	fields := map[string][]string{}
	if !strings.Contains(in.Email, "@") {
		fields["email"] = []string{"Enter an email address, like ann@example.com."}
	}
	if len(in.Password) < 8 {
		fields["password"] = []string{"Use at least 8 characters."}
	}
	if len(fields) > 0 {
		return actions.Invalid("", fields)
	}
	actions.SetCookie(ctx, &http.Cookie{Name: "session", Value: in.Email, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return actions.Redirect("/dashboard")
}

type formPage struct {
	ActionField string // the hidden field naming the action
}

// Rename: a bound action, the user's id sealed into the page.

type renameForm struct {
	Name string `form:"name"`
}

func (a *app) renameAction(ctx context.Context, userID int, in renameForm) (string, error) {
	if strings.TrimSpace(in.Name) == "" {
		return "", actions.Invalid("", map[string][]string{"name": {"Enter a name."}})
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.users[userID]; !ok {
		return "", actions.NotFound("")
	}
	a.users[userID] = in.Name
	return "Saved.", nil
}

func (a *app) user(id int) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.users[id]
}

type userPage struct {
	ID     int
	Name   string
	Form   []flight.FormField // the real form's hidden fields
	Forged []flight.FormField // the same with the seal tampered with
}

func (a *app) userPage(r *http.Request) any {
	id, _ := strconv.Atoi(r.PathValue("id"))
	ref := a.rename.Bind(id)
	token, err := ref.Seal()
	if err != nil {
		a.t.Errorf("sealing: %v", err)
	}
	form, err := flight.EncodeFormAction(ref.Action().ID(), []any{token}, "1")
	if err != nil {
		a.t.Errorf("encoding the form: %v", err)
	}
	forged, err := flight.EncodeFormAction(ref.Action().ID(), []any{tamper(token)}, "2")
	if err != nil {
		a.t.Errorf("encoding the forged form: %v", err)
	}
	return userPage{ID: id, Name: a.user(id), Form: form, Forged: forged}
}

// tamper changes one character in the middle of a sealed token, as a user
// editing the page's hidden field would.
func tamper(token string) string {
	b := []byte(token)
	i := len(b) / 2
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

// Lookup: an action a script calls with fetch.

type product struct {
	Name  string `json:"name"`
	Stock int    `json:"stock"`
}

func (a *app) lookupAction(ctx context.Context, sku string) (product, error) {
	if sku == "A1" {
		return product{Name: "Widget", Stock: 3}, nil
	}
	return product{}, actions.NotFound("No product has the SKU " + sku + ".")
}

type shopPage struct {
	LookupID string
}

// Vote: a counter, to see that a refused call did not run.

func (a *app) voteAction(ctx context.Context, form *actions.FormData) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.votes++
	return nil
}

func (a *app) voteCount() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.votes
}

type pollPage struct {
	Target      string // where the form posts; "" for the page itself
	ActionField string
	Votes       int
}

func (a *app) pollPage(target string) pollPage {
	return pollPage{Target: target, ActionField: "$ACTION_ID_" + a.vote.ID(), Votes: a.voteCount()}
}

// Every page has <p id=js>, which a script turns from "JavaScript is off"
// to "JavaScript is on", so each test proves which of the two it ran with.
var pages = template.Must(template.New("").Parse(`
{{define "head"}}<!doctype html>
<html lang=en><head><meta charset=utf-8><title>{{.}}</title></head><body>
<p id=js>JavaScript is off</p>
<script>document.getElementById("js").textContent = "JavaScript is on"</script>
{{end}}

{{define "signup"}}{{template "head" "Sign up"}}
<h1>Sign up</h1>
{{with .Sub.Message}}<p id=message role=alert>{{.}}</p>{{end}}
<form method=post novalidate>
  <input type=hidden name="{{.Data.ActionField}}">
  <label>Email <input id=email name=email type=email value="{{.Sub.Value "email"}}"></label>
  <span id=email-error>{{.Sub.FieldError "email"}}</span>
  <label>Password <input id=password name=password type=password value="{{.Sub.Value "password"}}"></label>
  <span id=password-error>{{.Sub.FieldError "password"}}</span>
  <button id=submit>Sign up</button>
</form>
</body></html>{{end}}

{{define "dashboard"}}{{template "head" "Dashboard"}}
<h1>Dashboard</h1>
<p id=welcome>Signed in as {{.Data}}</p>
</body></html>{{end}}

{{define "user"}}{{template "head" "User"}}
<h1 id=user>User {{.Data.ID}} is {{.Data.Name}}</h1>
{{with .Sub.Message}}<p id=message role=alert>{{.}}</p>{{end}}
{{with .Sub}}{{with .Result}}<p id=result>{{.}}</p>{{end}}{{end}}
<form method=post enctype=multipart/form-data>
  {{range .Data.Form}}<input type=hidden name="{{.Name}}" value="{{.Value}}">{{end}}
  <label>Name <input id=name-1 name=name></label>
  <button id=save-1>Save</button>
</form>
<form method=post enctype=multipart/form-data>
  {{range .Data.Forged}}<input type=hidden name="{{.Name}}" value="{{.Value}}">{{end}}
  <label>Name <input id=name-2 name=name></label>
  <button id=save-2>Save (tampered)</button>
</form>
</body></html>{{end}}

{{define "shop"}}{{template "head" "Shop"}}
<h1>Shop</h1>
<button id=find-a1 data-sku=A1>Find A1</button>
<button id=find-zz data-sku=ZZ>Find ZZ</button>
<button id=rows-a1>Find A1 as Flight rows</button>
<p id=result></p>
<p id=error role=alert></p>
<script type=module>
const actionID = {{.Data.LookupID}};
const result = document.getElementById("result");
const error = document.getElementById("error");

// post calls the action with the arguments as JSON, the body of both kinds
// of call below.
function post(accept, contentType, args) {
  return fetch(location.pathname, {
    method: "POST",
    headers: {"Action-Id": actionID, "Accept": accept, "Content-Type": contentType},
    body: JSON.stringify(args),
  });
}

// callJSON calls the action as curl or a mobile app does: a JSON array of
// arguments in, plain JSON out, errors as {"error": {code, message}}.
async function callJSON(...args) {
  const res = await post("application/json", "application/json", args);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error.message);
  return body;
}

// callRows calls it as React's client does for plain values: the reply is
// JSON.stringify(args) as text/plain, the answer Flight rows whose row 0 is
// the result.
async function callRows(...args) {
  const res = await post("text/x-component", "text/plain;charset=UTF-8", args);
  const rows = await res.text();
  if (!res.ok || !rows.startsWith("0:")) throw new Error("unexpected answer " + res.status + ": " + rows);
  return JSON.parse(rows.slice(2, rows.indexOf("\n")));
}

function show(call) {
  return async (event) => {
    result.textContent = "";
    error.textContent = "";
    try {
      const p = await call(event.target.dataset.sku || "A1");
      result.textContent = p.name + ": " + p.stock + " in stock";
    } catch (e) {
      error.textContent = e.message;
    }
  };
}
document.getElementById("find-a1").addEventListener("click", show(callJSON));
document.getElementById("find-zz").addEventListener("click", show(callJSON));
document.getElementById("rows-a1").addEventListener("click", show(callRows));
</script>
</body></html>{{end}}

{{define "poll"}}{{template "head" "Poll"}}
<h1>Poll</h1>
<p id=votes>Votes: {{.Data.Votes}}</p>
<form method="post"{{with .Data.Target}} action="{{.}}"{{end}}>
  <input type=hidden name="{{.Data.ActionField}}">
  <button id=vote>Vote</button>
</form>
</body></html>{{end}}
`))
