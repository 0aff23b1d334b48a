package browsertest_test

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goactions/actions"
	"github.com/goactions/actions/internal/browsertest/chrome"
)

// site is the application of the full-stack tests, built as an application
// is: the actions middleware in front of html/template pages written with
// the package's template functions (actionForm, actionFields, actionButton,
// actionButtonFields, actionsScript, actionsStatus, actionsModule), and the
// runtime and the actions module served by srv.Assets() at /_actions/. Its
// pages are in testdata/site/pages.html. Its actions are methods, so each
// test has its own state; a test can hold an action at a gate to see the
// page while the action runs, and deploy a new release of the site under a
// page the browser has open.
type site struct {
	tb     testing.TB
	server *httptest.Server
	live   atomic.Pointer[release] // the release answering requests

	mu       sync.Mutex
	posts    []*blogPost // post n is posts[n-1]
	entries  []string
	mood     string
	messages []string
	doc      document
	comments []string
	failing  bool          // the database is down: createPost fails unexpectedly
	gates    *chrome.Gates // by action: where its next call waits
	log      []request     // every request, as answered
}

// release is one build of the site: its actions (by their Go names, for
// the templates), the server running them and the templates using its
// template functions.
type release struct {
	server  *actions.Server
	pages   *template.Template
	handler http.Handler

	CreatePost, IncrementLike, FlagPost, AddEntry, SetMood, SendMessage, SaveDraft *actions.Action
	Publish, AddComment                                                            *actions.Action // bound
}

type blogPost struct {
	ID             int
	Title, Content string
	Likes          int
}

type document struct {
	ID               int
	Version          int
	Draft, Published string
}

// newSite serves the first release of the site on 127.0.0.1.
func newSite(tb testing.TB) *site {
	tb.Helper()
	s := &site{tb: tb, gates: chrome.NewGates(tb), doc: document{ID: 1, Version: 1, Draft: "First draft"}}
	s.live.Store(s.build(false))
	s.server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.server.Close)
	return s
}

// deploy replaces the running release with a new build, under pages the
// browser already shows: the next release moved createPost and
// incrementLike to a package posts, so their ids change, as a deploy that
// changes an action's name or signature does. Every other action keeps its
// id.
func (s *site) deploy() {
	s.live.Store(s.build(true))
}

// build makes a release of the site: the first, or with moved the next
// (see deploy).
func (s *site) build(moved bool) *release {
	var createPost, incrementLike []actions.Option
	if moved {
		createPost = append(createPost, actions.Name("example.com/blog/posts.createPost"))
		incrementLike = append(incrementLike, actions.Name("example.com/blog/posts.incrementLike"))
	}
	tb := s.tb
	reg := actions.NewRegistry()
	if err := reg.SetKeys(testKeys); err != nil { // the same keys in every release, as ACTIONS_KEYS
		tb.Fatal(err)
	}
	r := &release{
		CreatePost:    reg.Register(s.createPost, createPost...),
		IncrementLike: reg.Register(s.incrementLike, incrementLike...),
		FlagPost:      reg.Register(s.flagPost),
		AddEntry:      reg.Register(s.addEntry),
		SetMood:       reg.Register(s.setMood),
		SendMessage:   reg.Register(s.sendMessage),
		SaveDraft:     reg.Register(s.saveDraft),
		Publish:       reg.Register(s.publish, actions.Bound(2)),
		AddComment:    reg.Register(s.addComment, actions.Bound(1)),
	}
	logs := tb.Output()
	if _, bench := tb.(*testing.B); bench {
		logs = io.Discard // a line per call would bury the figures
	}
	var err error
	r.server, err = actions.New(actions.Options{Registry: reg, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		tb.Fatal(err)
	}
	r.pages, err = template.New("").Funcs(r.server.FuncMap()).ParseGlob("testdata/site/*.html")
	if err != nil {
		tb.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/_actions/", r.server.Assets())
	page := func(name string, data func(*http.Request) (any, bool)) http.Handler {
		return r.server.Middleware(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if req.Method != http.MethodGet {
				http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
				return
			}
			d, ok := data(req)
			if !ok {
				http.NotFound(w, req)
				return
			}
			s.render(w, req, r, name, d)
		}))
	}
	mux.Handle("/posts/new", page("new-post", func(*http.Request) (any, bool) { return nil, true }))
	mux.Handle("/posts/{id}", page("post", s.postPage))
	mux.Handle("/journal", page("journal", s.journalPage))
	mux.Handle("/messages", page("messages", s.messagesPage))
	mux.Handle("/docs/{id}", page("doc", func(req *http.Request) (any, bool) { return s.docPage(r, req) }))
	r.handler = mux
	return r
}

// view is what every page template gets.
type view struct {
	Sub  *actions.Submission // the submission the page is rendered after, if any
	A    *release            // the actions, for the template functions
	Data any                 // the page's own
}

func (s *site) render(w http.ResponseWriter, r *http.Request, rel *release, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := rel.pages.ExecuteTemplate(w, name, view{actions.SubmissionFrom(r.Context()), rel, data}); err != nil {
		s.tb.Errorf("rendering %s: %v", name, err)
	}
}

// url is the address of path on the site.
func (s *site) url(path string) string { return s.server.URL + path }

// stop stops the server, as a network failure would: the browser's next
// request finds nothing listening.
func (s *site) stop() { s.server.Close() }

// Requests as the server answered them.

// request is one request and what answered it.
type request struct {
	Method, Path string
	Status       int
	Runtime      bool   // sent by the runtime (Action-Client)
	Redirect     string // Action-Redirect: where the runtime is sent
	Location     string // Location: where the browser is sent
	Refresh      bool   // Action-Refresh: the answer carries the page
}

func (r request) String() string {
	s := fmt.Sprintf("%s %s → %d", r.Method, r.Path, r.Status)
	if r.Runtime {
		s += " (runtime)"
	}
	for k, v := range map[string]string{"Action-Redirect": r.Redirect, "Location": r.Location} {
		if v != "" {
			s += " " + k + ": " + v
		}
	}
	if r.Refresh {
		s += " Action-Refresh"
	}
	return s
}

// serve lets the live release answer, noting each request as its status
// is written, so the note is there before the browser has the answer.
func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_actions/runtime.") {
		if err := s.pass(r.Context(), "runtime"); err != nil { // a test can hold the runtime back
			return
		}
	}
	rw := &noting{ResponseWriter: w, site: s, req: request{Method: r.Method, Path: r.URL.Path, Runtime: r.Header.Get(actions.HeaderClient) != ""}}
	s.live.Load().handler.ServeHTTP(rw, r)
}

type noting struct {
	http.ResponseWriter
	site  *site
	req   request
	wrote bool
}

func (n *noting) WriteHeader(code int) {
	if n.wrote {
		return
	}
	n.wrote = true
	h := n.Header()
	n.req.Status, n.req.Redirect, n.req.Location = code, h.Get(actions.HeaderRedirect), h.Get("Location")
	n.req.Refresh = h.Get(actions.HeaderRefresh) == "1"
	n.site.mu.Lock()
	n.site.log = append(n.site.log, n.req)
	n.site.mu.Unlock()
	n.ResponseWriter.WriteHeader(code)
}

func (n *noting) Write(b []byte) (int, error) {
	n.WriteHeader(http.StatusOK)
	return n.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (n *noting) Unwrap() http.ResponseWriter { return n.ResponseWriter }

// requests returns the requests answered since a mark, pages and posts
// only: not the scripts under /_actions/, nor a browser's own request for
// /favicon.ico (the pages say they have none, but it may come all the same).
func (s *site) requests(since int) []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []request
	for _, r := range s.log[since:] {
		if !strings.HasPrefix(r.Path, "/_actions/") && r.Path != "/favicon.ico" {
			out = append(out, r)
		}
	}
	return out
}

// mark is the position of the next request in the log.
func (s *site) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

// Gates: a test holds an action's next call while it looks at the page.

// hold makes the next call of the named action (its Go name) wait at a
// gate, once it has arrived, until the gate is opened.
func (s *site) hold(name string) *chrome.Gate { return s.gates.Hold(name) }

// whileHeld submits a form with trigger, its action held at a gate: runs
// during once the action has the call, then lets it go on and waits for
// the runtime to settle the answer in the page (JavaScript on only).
func (s *site) whileHeld(t testing.TB, ctx context.Context, action string, trigger chromedp.Action[chromedp.Void], during func()) {
	t.Helper()
	g := s.hold(action)
	chrome.BeginInPlace(t, ctx, trigger)
	g.WaitArrived(t)
	during()
	g.Open()
	chrome.AwaitSettled(t, ctx)
}

// pass is what an action does first: wait at its gate, if it has one.
func (s *site) pass(ctx context.Context, name string) error { return s.gates.Pass(ctx, name) }

// Posts: a form with server validation that redirects; calls from script.

type postForm struct {
	Title   string `form:"title"`
	Content string `form:"content"`
}

func (s *site) createPost(ctx context.Context, in postForm) error {
	if err := s.pass(ctx, "createPost"); err != nil {
		return err
	}
	fields := map[string][]string{}
	if strings.TrimSpace(in.Title) == "" {
		fields["title"] = []string{"Give your post a title."}
	}
	if strings.TrimSpace(in.Content) == "" {
		fields["content"] = []string{"Write something first."}
	}
	if len(fields) > 0 {
		return actions.Invalid("", fields)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failing {
		return errors.New("posts: insert: the database is unavailable")
	}
	p := &blogPost{ID: len(s.posts) + 1, Title: in.Title, Content: in.Content}
	s.posts = append(s.posts, p)
	return actions.Redirect("/posts/" + strconv.Itoa(p.ID))
}

// incrementLike is the LikeButton's action: it counts, and asks for the
// page to be rendered again into its answer, where another part of the
// page shows the count.
func (s *site) incrementLike(ctx context.Context, postID int) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if postID < 1 || postID > len(s.posts) {
		return 0, actions.NotFound("This post has been deleted.")
	}
	p := s.posts[postID-1]
	p.Likes++
	actions.Refresh(ctx)
	return p.Likes, nil
}

// flagPost fails as a program does when something it needs is down.
func (s *site) flagPost(ctx context.Context, postID int) error {
	return errors.New("moderation: the review queue is unavailable")
}

// addPost adds a post directly, for tests that start from one.
func (s *site) addPost(title, content string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.posts = append(s.posts, &blogPost{ID: len(s.posts) + 1, Title: title, Content: content})
	return len(s.posts)
}

func (s *site) post(id int) (blogPost, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id < 1 || id > len(s.posts) {
		return blogPost{}, false
	}
	return *s.posts[id-1], true
}

func (s *site) postPage(r *http.Request) (any, bool) {
	id, _ := strconv.Atoi(r.PathValue("id"))
	return s.post(id)
}

// setFailing makes createPost fail unexpectedly, as with the database down.
func (s *site) setFailing(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failing = down
}

// Journal: the textarea submitted with Ctrl+Enter, a form that resets after
// success and one that does not.

type entryForm struct {
	Entry string `form:"entry"`
}

func (s *site) addEntry(ctx context.Context, in entryForm) error {
	return s.appendText(ctx, "addEntry", &s.entries, "entry", in.Entry)
}

// appendText is what addEntry and sendMessage do: wait at the action's
// gate, refuse an empty text (field errors for the field), else add it to
// the list.
func (s *site) appendText(ctx context.Context, action string, list *[]string, field, text string) error {
	if err := s.pass(ctx, action); err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" {
		return actions.Invalid("", map[string][]string{field: {"Write something first."}})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	*list = append(*list, text)
	return nil
}

type moodForm struct {
	Mood string `form:"mood"`
}

func (s *site) setMood(ctx context.Context, in moodForm) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mood = in.Mood
	return "Mood saved.", nil
}

type journalView struct {
	Entries []string
	Mood    string
}

func (s *site) journalPage(*http.Request) (any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return journalView{append([]string(nil), s.entries...), s.mood}, true
}

// Messages: optimistic items.

type messageForm struct {
	Text string `form:"text"`
}

func (s *site) sendMessage(ctx context.Context, in messageForm) error {
	return s.appendText(ctx, "sendMessage", &s.messages, "text", in.Text)
}

func (s *site) messagesPage(*http.Request) (any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.messages...), true
}

// Documents: one form, two buttons with their own actions (Save draft,
// Publish), Publish bound to the version the page was rendered with; a
// comment form bound to the document.

type docForm struct {
	Title string `form:"title"`
}

func (s *site) saveDraft(ctx context.Context, in docForm) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.doc.Draft = in.Title
	s.doc.Version++
	return "Draft saved.", nil
}

// publish gets the document's id and the version the page showed when it
// was rendered, sealed into the page (React's publish.bind(null, version)).
func (s *site) publish(ctx context.Context, docID, version int, in docForm) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if docID != s.doc.ID {
		return "", actions.NotFound("")
	}
	if version != s.doc.Version {
		return "", actions.Conflict("The version has changed since pressing publish.")
	}
	s.doc.Draft, s.doc.Published = in.Title, in.Title
	s.doc.Version++
	return "Published.", nil
}

// editDoc changes the document as another user would, meanwhile.
func (s *site) editDoc(draft string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.doc.Draft = draft
	s.doc.Version++
}

func (s *site) document() document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc
}

type commentForm struct {
	Comment string `form:"comment"`
}

func (s *site) addComment(ctx context.Context, docID int, in commentForm) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if docID != s.doc.ID {
		return actions.NotFound("")
	}
	s.comments = append(s.comments, in.Comment)
	return nil
}

type docView struct {
	Doc        document
	Comments   []string
	Publish    *actions.Ref // the version it was rendered with, sealed
	AddComment *actions.Ref
}

func (s *site) docPage(rel *release, r *http.Request) (any, bool) {
	id, _ := strconv.Atoi(r.PathValue("id"))
	s.mu.Lock()
	defer s.mu.Unlock()
	if id != s.doc.ID {
		return nil, false
	}
	return docView{
		Doc:        s.doc,
		Comments:   append([]string(nil), s.comments...),
		Publish:    rel.Publish.Bind(s.doc.ID, s.doc.Version),
		AddComment: rel.AddComment.Bind(s.doc.ID),
	}, true
}
