package main

import (
	"net/http"

	"github.com/a-h/templ"
	"github.com/goactions/actions"
)

// The page machinery: a page is a loader, which reads what the page shows,
// and a templ component, which shows it inside the layout (layout.templ).

// view is what every page's component gets beside its data.
type view struct {
	Title string
	Path  string              // for the navigation's aria-current
	Sub   *actions.Submission // the form submission the page renders after, if any
	App   *App                // the actions, for the forms' fields
}

// errNotFound makes a page answer 404.
var errNotFound = actions.NotFound("")

// page serves the page whose data load reads and body renders.
func page[T any](a *App, title string, load func(*http.Request) (T, error), body func(view, T) templ.Component) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		data, err := load(r)
		if err == errNotFound {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			a.logger.Error("demo: loading a page", "path", r.URL.Path, "err", err)
			http.Error(w, "Something went wrong.", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		v := view{Title: title, Path: r.URL.Path, Sub: actions.SubmissionFrom(r.Context()), App: a}
		if err := body(v, data).Render(r.Context(), w); err != nil {
			a.logger.Error("demo: rendering", "path", r.URL.Path, "err", err)
		}
	}
}

// static serves a page that reads nothing.
func static(a *App, title string, body func(view) templ.Component) http.HandlerFunc {
	return page(a, title, func(*http.Request) (struct{}, error) { return struct{}{}, nil },
		func(v view, _ struct{}) templ.Component { return body(v) })
}

type navLink struct{ Path, Label string }

// nav is the navigation of every page.
var nav = []navLink{
	{"/posts", "Posts"}, {"/contact", "Contact"}, {"/messages", "Messages"},
	{"/profile", "Profile"}, {"/editor", "Editor"}, {"/signup", "Sign up"},
	{"/subscribe", "Subscribe"}, {"/shop", "Shop"}, {"/views", "Views"}, {"/journal", "Journal"}, {"/tags", "Tags"},
}
