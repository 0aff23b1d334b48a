package main

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/goactions/actions"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// App is the demo: its database, its actions and the pages calling them.
// Its actions are methods registered in a registry of its own, so that
// tests can run several apps, each with its own database.
type App struct {
	db     *sql.DB // the one writer connection
	rdb    *sql.DB // read-only connections, for the pages
	dbPath string
	likes  *likeCounter
	srv    *actions.Server
	pages  *template.Template
	logger *slog.Logger
	mux    *http.ServeMux

	// The actions, by their Go names, for the templates.
	CreatePost, IncrementLike, SendContact, SendMessage, SaveDraft, SignUp *actions.Action
	Subscribe, AddToCart, IncrementViews, AddEntry, UseTag                 *actions.Action
	UpdateName, Publish                                                    *actions.Action // bound
}

// newApp opens the database at dbPath and sets up the pages, which read
// through the cluster's cache and count likes where it says (see
// newCluster).
func newApp(ctx context.Context, dbPath string, cl cluster, logger *slog.Logger) (*App, error) {
	db, rdb, err := openDB(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	likes, err := newLikeCounter(ctx, db, cl.redis, likesKey, logger)
	if err != nil {
		return nil, errors.Join(err, rdb.Close(), db.Close())
	}
	a := &App{db: db, rdb: rdb, dbPath: dbPath, likes: likes, logger: logger}
	reg := actions.NewRegistry()
	a.CreatePost = reg.Register(a.createPost)
	a.IncrementLike = reg.Register(a.incrementLike)
	a.SendContact = reg.Register(a.sendContact)
	a.SendMessage = reg.Register(a.sendMessage)
	a.SaveDraft = reg.Register(a.saveDraft)
	a.SignUp = reg.Register(a.signUp)
	a.Subscribe = reg.Register(a.subscribe)
	a.AddToCart = reg.Register(a.addToCart)
	a.IncrementViews = reg.Register(a.incrementViews, actions.Parallel())
	a.AddEntry = reg.Register(a.addEntry)
	a.UseTag = reg.Register(a.useTag)
	a.UpdateName = reg.Register(a.updateName, actions.Bound(1))
	a.Publish = reg.Register(a.publish, actions.Bound(2))

	a.srv, err = actions.New(actions.Options{Registry: reg, Logger: logger, Cache: cl.cache})
	if err != nil {
		a.Close()
		return nil, err
	}
	a.pages, err = template.New("").Funcs(a.srv.FuncMap()).Funcs(pageFuncs).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		a.Close()
		return nil, err
	}
	a.routes()
	return a, nil
}

// Close writes the like count to the database and closes it.
func (a *App) Close() error { return errors.Join(a.likes.Close(), a.rdb.Close(), a.db.Close()) }

func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

func (a *App) routes() {
	static, _ := fs.Sub(staticFiles, "static")
	m := http.NewServeMux()
	m.Handle("/_actions/", a.srv.Assets())
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /{$}", a.page("home", func(*http.Request) (any, error) { return nil, nil }))
	m.Handle("/posts", a.action(a.page("posts", a.postsPage)))
	m.HandleFunc("GET /posts/{id}", a.page("post", a.postPage))
	m.Handle("/contact", a.action(a.page("contact", func(*http.Request) (any, error) { return nil, nil })))
	m.Handle("/messages", a.action(a.page("messages", a.messagesPage)))
	m.Handle("/profile", a.action(a.page("profile", a.profilePage)))
	m.Handle("/editor", a.action(a.page("editor", a.editorPage)))
	m.Handle("/signup", a.action(a.page("signup", func(*http.Request) (any, error) { return nil, nil })))
	m.Handle("/subscribe", a.action(a.page("subscribe", a.subscribePage)))
	m.Handle("/shop", a.action(a.page("shop", a.shopPage)))
	m.Handle("/views", a.action(a.page("views", a.viewsPage)))
	m.Handle("/journal", a.action(a.page("journal", a.journalPage)))
	m.Handle("/tags", a.action(a.page("tags", a.tagsPage)))
	m.HandleFunc("GET /dashboard", a.page("dashboard", a.dashboardPage))
	a.mux = m
}

// action puts the actions middleware in front of a page: a POST to the
// page runs the action it names, then the page renders (or redirects).
func (a *App) action(page http.HandlerFunc) http.Handler {
	return a.srv.Middleware(page)
}

// view is what every page template gets.
type view struct {
	Title string
	Path  string              // for the navigation's aria-current
	Sub   *actions.Submission // the form submission the page renders after, if any
	App   *App                // the actions, for the template functions
	Data  any                 // the page's own
}

// titles are the pages' titles, by template name.
var titles = map[string]string{
	"home": "Server Actions for Go", "posts": "Posts", "post": "Post", "contact": "Contact",
	"messages": "Messages", "profile": "Profile", "editor": "Editor", "signup": "Sign up",
	"dashboard": "Dashboard", "subscribe": "Subscribe", "shop": "Shop", "views": "View counter",
	"journal": "Journal", "tags": "Tags",
}

// pageFuncs are the templates' own functions, beside the actions'.
var pageFuncs = template.FuncMap{
	"navLinks": func() []navLink { return nav },
	// field is the argument of the "errors" template.
	"field": func(sub *actions.Submission, name string) fieldRef { return fieldRef{sub, name} },
}

type navLink struct{ Path, Label string }

var nav = []navLink{
	{"/posts", "Posts"}, {"/contact", "Contact"}, {"/messages", "Messages"},
	{"/profile", "Profile"}, {"/editor", "Editor"}, {"/signup", "Sign up"},
	{"/subscribe", "Subscribe"}, {"/shop", "Shop"}, {"/views", "Views"}, {"/journal", "Journal"}, {"/tags", "Tags"},
}

type fieldRef struct {
	Sub   *actions.Submission
	Field string
}

// errNotFound makes a page answer 404.
var errNotFound = actions.NotFound("")

// page renders the template name with the data load returns.
func (a *App) page(name string, load func(*http.Request) (any, error)) http.HandlerFunc {
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
		v := view{Title: titles[name], Path: r.URL.Path, Sub: actions.SubmissionFrom(r.Context()), App: a, Data: data}
		if err := a.pages.ExecuteTemplate(w, name, v); err != nil {
			a.logger.Error("demo: rendering", "page", name, "err", err)
		}
	}
}
