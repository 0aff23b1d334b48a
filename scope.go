package actions

import (
	"context"
	"net/http"
	"time"
)

// scope is what an action reaches through its context: the request it runs
// for and the response it may shape (Next.js's cookies() and headers()).
type scope struct {
	r      *http.Request
	header http.Header // the response's headers, written with the answer
	status int         // set by SetStatus; 0 keeps the outcome's own
	// refresh asks for the page to be rendered again into the answer.
	refresh bool
	// revalidated are the cache tags the action revalidated, applied
	// when it returns (revalidate.go).
	revalidated []string
}

type scopeKey struct{}

func withScope(ctx context.Context, s *scope) context.Context {
	return context.WithValue(ctx, scopeKey{}, s)
}

func scopeOf(ctx context.Context) *scope {
	s, _ := ctx.Value(scopeKey{}).(*scope)
	return s
}

// Request returns the HTTP request an action is running for, or nil outside
// an action. Its body has already been read.
func Request(ctx context.Context) *http.Request {
	if s := scopeOf(ctx); s != nil {
		return s.r
	}
	return nil
}

// Cookie returns the named cookie of the request an action is running for.
func Cookie(ctx context.Context, name string) (*http.Cookie, error) {
	s := scopeOf(ctx)
	if s == nil {
		return nil, http.ErrNoCookie
	}
	return s.r.Cookie(name)
}

// SetCookie adds a Set-Cookie header to the action's response, whatever
// the outcome and however the action was called. Invalid cookies are
// dropped silently, as [http.SetCookie] does. Outside an action it does
// nothing.
func SetCookie(ctx context.Context, c *http.Cookie) {
	if s := scopeOf(ctx); s != nil {
		if v := c.String(); v != "" {
			s.header.Add("Set-Cookie", v)
		}
	}
}

// DeleteCookie tells the browser to drop the named cookie. path must be the
// cookie's path ("/" when set for the whole site).
func DeleteCookie(ctx context.Context, name, path string) {
	SetCookie(ctx, &http.Cookie{Name: name, Path: path, MaxAge: -1, Expires: time.Unix(1, 0)})
}

// Header returns the headers of the action's response, to set or add to.
// Outside an action it returns an empty header that goes nowhere.
func Header(ctx context.Context) http.Header {
	if s := scopeOf(ctx); s != nil {
		return s.header
	}
	return http.Header{}
}

// SetStatus chooses the HTTP status of the action's response in place of the
// one its outcome would give (200 for a result, the error code's status for
// an error). A redirect keeps its own status.
func SetStatus(ctx context.Context, code int) {
	if s := scopeOf(ctx); s != nil {
		s.status = code
	}
}

// Refresh asks for the current page to be rendered again and sent with the
// action's answer, so the browser runtime updates the page in the same
// round trip (Next.js's router.refresh from a server action). A form posted
// without JavaScript always gets the page again anyway.
func Refresh(ctx context.Context) {
	if s := scopeOf(ctx); s != nil {
		s.refresh = true
	}
}
