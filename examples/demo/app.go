package main

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/goactions/actions"
)

//go:embed static
var staticFiles embed.FS

// App is the demo: its database, its actions and the pages calling them.
// Its actions are methods registered in a registry of its own, so that
// tests can run several apps, each with its own database.
type App struct {
	db     *database // for writes (on SQLite, the one writer connection)
	rdb    *database // for the pages' reads (on SQLite, read-only connections; on PostgreSQL, db)
	dbName string    // where the database is, for the log: see describeSource
	likes  *likeCounter
	posts  *postWriter
	srv    *actions.Server
	logger *slog.Logger
	mux    *http.ServeMux

	// The actions, by their Go names, for the pages.
	CreatePost, IncrementLike, SendContact, SendMessage, SaveDraft, SignUp *actions.Action
	Subscribe, AddToCart, IncrementViews, AddEntry, UseTag                 *actions.Action
	UpdateName, Publish                                                    *actions.Action // bound
}

// newApp opens the database dbSource names (see openDB: a PostgreSQL URL
// or a SQLite file's path) and sets up the pages, which read through the
// cluster's cache and count likes where it says (see newCluster).
func newApp(ctx context.Context, dbSource string, cl cluster, logger *slog.Logger) (*App, error) {
	db, rdb, err := openDB(ctx, dbSource)
	if err != nil {
		return nil, err
	}
	likes, err := newLikeCounter(ctx, db, cl.redis, likesKey, logger)
	if err != nil {
		return nil, errors.Join(err, rdb.Close(), db.Close())
	}
	a := &App{db: db, rdb: rdb, dbName: describeSource(dbSource), likes: likes, posts: newPostWriter(db), logger: logger}
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

	a.srv, err = actions.New(actions.Options{Registry: reg, Logger: logger, Cache: cl.cache, Use: []actions.Middleware{refuseNUL}})
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
	assets, _ := fs.Sub(staticFiles, "static")
	m := http.NewServeMux()
	m.Handle("/_actions/", a.srv.Assets())
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(assets)))
	m.HandleFunc("GET /{$}", static(a, "Server Actions for Go", homePage))
	m.Handle("/posts", a.action(page(a, "Posts", a.loadPosts, postsPage)))
	m.HandleFunc("GET /posts/{id}", page(a, "Post", a.loadPost, postPage))
	m.Handle("/contact", a.action(static(a, "Contact", contactPage)))
	m.Handle("/messages", a.action(page(a, "Messages", a.loadMessages, messagesPage)))
	m.Handle("/profile", a.action(page(a, "Profile", a.loadProfile, profilePage)))
	m.Handle("/editor", a.action(page(a, "Editor", a.loadEditor, editorPage)))
	m.Handle("/signup", a.action(static(a, "Sign up", signupPage)))
	m.Handle("/subscribe", a.action(page(a, "Subscribe", a.loadSubscribers, subscribePage)))
	m.Handle("/shop", a.action(page(a, "Shop", a.loadShop, shopPage)))
	m.Handle("/views", a.action(page(a, "View counter", a.loadViews, viewsPage)))
	m.Handle("/journal", a.action(page(a, "Journal", a.loadJournal, journalPage)))
	m.Handle("/tags", a.action(page(a, "Tags", a.loadTags, tagsPage)))
	m.HandleFunc("GET /dashboard", page(a, "Dashboard", a.loadDashboard, dashboardPage))
	a.mux = m
}

// action puts the actions middleware in front of a page: a POST to the
// page runs the action it names, then the page renders (or redirects).
func (a *App) action(h http.HandlerFunc) http.Handler {
	return a.srv.Middleware(h)
}
