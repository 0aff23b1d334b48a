// Package actionstest calls server actions in unit tests the way clients
// do, in memory: the arguments are encoded as React's client encodes them,
// go through the real middleware (origin check, decoding, bound-argument
// seals, per-action middleware) and come back as Flight rows, decoded.
//
//	func TestCreatePost(t *testing.T) {
//		c := actionstest.NewClient(t, actions.Options{})
//		res := c.Call(posts.Create, map[string]any{"title": ""})
//		if res.FieldError("title") == "" {
//			t.Error("an empty title must be refused")
//		}
//	}
package actionstest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/goactions/actions"
	"github.com/goactions/actions/flight"
)

// A Client calls actions through a [actions.Server] in memory. Set Header
// and Cookies to act as a signed-in user; cookies the actions set are kept
// for later calls, as a browser keeps them.
type Client struct {
	tb          testing.TB
	mu          sync.Mutex
	last        *actions.Submission // what the stand-in page last saw
	revalidated []string            // what the last call revalidated
	handler     http.Handler
	// Header is added to every request.
	Header http.Header
	// Cookies are sent with every request.
	Cookies []*http.Cookie
}

// NewClient returns a client of a server with the given options; the
// registry is opts.Registry, or the default one.
func NewClient(tb testing.TB, opts actions.Options) *Client {
	tb.Helper()
	c := &Client{tb: tb, Header: http.Header{}}
	opts.Use = append(opts.Use[:len(opts.Use):len(opts.Use)], c.recordRevalidations)
	srv, err := actions.New(opts)
	if err != nil {
		tb.Fatalf("actionstest: %v", err)
	}
	c.handler = srv.Middleware(http.HandlerFunc(c.page))
	return c
}

// Result is what a call ended with, as the client saw it.
type Result struct {
	// Status is the HTTP status of the answer.
	Status int
	// Value is the action's result as a client decodes it (the types of
	// flight's value.go); nil when the call failed. See [Result.Decode].
	Value any
	// Err is the error the client received: an *actions.Error with the
	// code, message and field errors, nil on success.
	Err *actions.Error
	// Redirect is where the action redirected, "" when it did not.
	Redirect string
	// Cookies the answer set.
	Cookies []*http.Cookie
	// Header of the answer.
	Header http.Header
	// Submission is what the page saw when a form was submitted without
	// JavaScript ([Client.Submit]) and the action did not redirect.
	Submission *actions.Submission
	// Revalidated are the cache tags the action revalidated, as
	// [actions.Revalidated] lists them: "path:/posts/7" for
	// actions.RevalidatePath(ctx, "/posts/7"), "layout:/posts" for
	// actions.RevalidateLayout(ctx, "/posts"), the tag itself for
	// actions.RevalidateTag.
	Revalidated []string
}

// Decode stores the result in the Go value dst points to, as
// flight.Unmarshal does.
func (r *Result) Decode(dst any) error { return flight.Unmarshal(r.Value, dst) }

// FieldError returns the first message for field name, "" when none.
func (r *Result) FieldError(name string) string {
	if r.Err == nil || len(r.Err.Fields[name]) == 0 {
		return ""
	}
	return r.Err.Fields[name][0]
}

// Call calls action (an *actions.Action, or an *actions.Ref whose bound
// arguments are sealed as a page would) with args, as client script does.
// A request that cannot be built fails the test.
func (c *Client) Call(action any, args ...any) *Result {
	c.tb.Helper()
	id, args := c.target(action, args)
	if args == nil {
		args = []any{}
	}
	reply, err := flight.EncodeReply(args)
	if err != nil {
		c.tb.Fatalf("actionstest: encoding the arguments: %v", err)
	}
	var body bytes.Buffer
	reply.WriteTo(&body)
	req := c.request(&body, reply.ContentType())
	req.Header.Set(actions.HeaderActionID, id)
	rec := c.serve(req)
	res := c.result(rec)
	v, err := flight.DecodeRows(bytes.NewReader(rec.Body.Bytes()), flight.Limits{})
	if fe, ok := err.(*flight.Error); ok {
		res.Err = wireError(fe.Digest)
		if res.Err.Code == actions.CodeRedirect {
			res.Err = nil
		}
	} else if err != nil {
		c.tb.Fatalf("actionstest: the answer is not Flight rows: %v\n%s", err, rec.Body)
	} else {
		res.Value = v
	}
	res.Redirect = rec.Header().Get(actions.HeaderRedirect)
	return res
}

// Submit posts form to action (an *actions.Action or *actions.Ref) the way
// a browser with JavaScript off does, and reports the redirect or what the
// page was rendered with.
func (c *Client) Submit(action any, form url.Values) *Result {
	c.tb.Helper()
	id, bound := c.target(action, nil)
	var fields []flight.FormField
	var err error
	if bound == nil {
		fields, err = flight.EncodeFormAction(id, nil, "")
	} else {
		fields, err = flight.EncodeFormAction(id, bound, "1")
	}
	if err != nil {
		c.tb.Fatalf("actionstest: %v", err)
	}
	body := url.Values{}
	for _, f := range fields {
		body.Add(f.Name, f.Value)
	}
	for k, vs := range form {
		body[k] = append(body[k], vs...)
	}
	req := c.request(bytes.NewBufferString(body.Encode()), "application/x-www-form-urlencoded")
	rec := c.serve(req)
	res := c.result(rec)
	if rec.Code == http.StatusSeeOther {
		res.Redirect = rec.Header().Get("Location")
		return res
	}
	c.mu.Lock()
	sub := c.last
	c.last = nil
	c.mu.Unlock()
	if sub != nil {
		res.Submission = sub
		res.Value = sub.Result
		if e, ok := sub.Err.(*actions.Error); ok {
			res.Err = e
		}
	}
	return res
}

// target is the id and bound arguments (the seal) of what is called.
func (c *Client) target(action any, args []any) (string, []any) {
	switch a := action.(type) {
	case *actions.Action:
		return a.ID(), args
	case *actions.Ref:
		token, err := a.Seal()
		if err != nil {
			c.tb.Fatalf("actionstest: %v", err)
		}
		return a.Action().ID(), append([]any{token}, args...)
	}
	c.tb.Fatalf("actionstest: call an *actions.Action or *actions.Ref, not %T", action)
	return "", nil
}

func (c *Client) request(body *bytes.Buffer, contentType string) *http.Request {
	req := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "http://example.test/page", body)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for k, vs := range c.Header {
		req.Header[k] = append(req.Header[k], vs...)
	}
	for _, ck := range c.Cookies {
		req.AddCookie(ck)
	}
	return req
}

func (c *Client) serve(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	c.handler.ServeHTTP(rec, req)
	return rec
}

func (c *Client) result(rec *httptest.ResponseRecorder) *Result {
	c.mu.Lock()
	revalidated := c.revalidated
	c.revalidated = nil
	c.mu.Unlock()
	res := &Result{Status: rec.Code, Header: rec.Header(), Cookies: rec.Result().Cookies(), Revalidated: revalidated}
	for _, set := range res.Cookies {
		c.keep(set)
	}
	return res
}

// keep stores a cookie an answer set, as a browser does.
func (c *Client) keep(set *http.Cookie) {
	kept := c.Cookies[:0]
	for _, ck := range c.Cookies {
		if ck.Name != set.Name {
			kept = append(kept, ck)
		}
	}
	c.Cookies = kept
	if set.MaxAge >= 0 && set.Value != "" {
		c.Cookies = append(c.Cookies, &http.Cookie{Name: set.Name, Value: set.Value})
	}
}

func wireError(digest string) *actions.Error {
	var w struct {
		Code    actions.Code        `json:"code"`
		Message string              `json:"message"`
		Fields  map[string][]string `json:"fields"`
	}
	if json.Unmarshal([]byte(digest), &w) != nil {
		return &actions.Error{Code: actions.CodeInternal, Message: digest}
	}
	return &actions.Error{Code: w.Code, Message: w.Message, Fields: w.Fields}
}

// recordRevalidations is the innermost middleware of every call: it keeps
// what the action revalidated for the call's Result.
func (c *Client) recordRevalidations(next actions.Handler) actions.Handler {
	return func(ctx context.Context, call *actions.Call) (any, error) {
		res, err := next(ctx, call)
		c.mu.Lock()
		c.revalidated = actions.Revalidated(ctx)
		c.mu.Unlock()
		return res, err
	}
}
