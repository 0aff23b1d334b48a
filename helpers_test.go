package actions_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/goactions/actions"
	"github.com/goactions/actions/flight"
)

// testApp is a server with its own registry in front of a page that
// prints what a page sees after a submission.
type testApp struct {
	tb       testing.TB
	registry *actions.Registry
	server   *actions.Server
	handler  http.Handler
	log      *syncBuffer
}

func newTestApp(tb testing.TB, opts actions.Options) *testApp {
	tb.Helper()
	app := &testApp{tb: tb, registry: actions.NewRegistry(), log: &syncBuffer{}}
	opts.Registry = app.registry
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(app.log, nil))
	}
	srv, err := actions.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	app.server = srv
	app.handler = srv.Middleware(http.HandlerFunc(renderPage))
	return app
}

// renderPage is the page the actions are posted to: it shows the
// submission, if any, so tests can read what a template would.
func renderPage(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "page got a plain POST: "+string(body))
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	s := actions.SubmissionFrom(r.Context())
	if s == nil {
		io.WriteString(w, "page "+r.Method)
		return
	}
	values := []string{}
	for _, e := range s.Values.Entries {
		values = append(values, e.Name+"="+e.Value)
	}
	name := "none"
	if s.Action != nil {
		name = s.Action.Name()
	}
	fields, _ := json.Marshal(s.FieldErrors())
	io.WriteString(w, "page "+r.Method+" after "+name+
		"; result="+jsonText(s.Result)+
		"; message="+s.Message()+
		"; fields="+string(fields)+
		"; values="+strings.Join(values, "&"))
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// callJS calls the action as React's client does: the arguments encoded
// with encodeReply's format, the answer read as Flight rows.
func (app *testApp) callJS(id string, args ...any) (*http.Response, any, error) {
	app.tb.Helper()
	return app.do(jsRequest(app.tb, id, args...))
}

// jsRequest is the request React's client sends to call action id.
func jsRequest(tb testing.TB, id string, args ...any) *http.Request {
	tb.Helper()
	if args == nil {
		args = []any{}
	}
	reply, err := flight.EncodeReply(args)
	if err != nil {
		tb.Fatal(err)
	}
	var body bytes.Buffer
	reply.WriteTo(&body)
	req := httptest.NewRequest(http.MethodPost, "/page", &body)
	req.Header.Set("Content-Type", reply.ContentType())
	req.Header.Set(actions.HeaderActionID, id)
	req.Header.Set("Accept", actions.ContentTypeRows)
	return req
}

// serve serves req as it is.
func serve(app *testApp, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	app.handler.ServeHTTP(rec, req)
	return rec
}

// do serves req and decodes the Flight answer.
func (app *testApp) do(req *http.Request) (*http.Response, any, error) {
	app.tb.Helper()
	rec := httptest.NewRecorder()
	app.handler.ServeHTTP(rec, req)
	res := rec.Result()
	if ct := res.Header.Get("Content-Type"); ct != actions.ContentTypeRows {
		app.tb.Fatalf("Content-Type %q, want %q; body: %s", ct, actions.ContentTypeRows, rec.Body)
	}
	v, err := flight.DecodeRows(bytes.NewReader(rec.Body.Bytes()), flight.Limits{})
	return res, v, err
}

// digest reads the wire error a rejected root carries.
func digest(tb testing.TB, err error) map[string]any {
	tb.Helper()
	fe, ok := err.(*flight.Error)
	if !ok {
		tb.Fatalf("want a rejected root (*flight.Error), got %v (%T)", err, err)
	}
	var d map[string]any
	if jerr := json.Unmarshal([]byte(fe.Digest), &d); jerr != nil {
		tb.Fatalf("digest %q is not JSON: %v", fe.Digest, jerr)
	}
	return d
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func writeFile(name, content string) error { return os.WriteFile(name, []byte(content), 0o644) }
