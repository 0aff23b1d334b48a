package cache

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"
)

// DefaultMaxPageBytes is the largest body [Cache.Pages] stores unless
// [PageOptions.MaxBytes] says otherwise: 1 MiB.
const DefaultMaxPageBytes = 1 << 20

// pagePrefix keeps pages apart from values, which share the tiers.
const pagePrefix = "page:"

// PageOptions say which responses [Cache.Pages] stores, under what key,
// and for how long. The zero value stores the GET responses of anonymous
// requests (no cookies, no Authorization) per host, path and query, until
// invalidated.
type PageOptions struct {
	// TTL is how long a page is fresh; 0 means until invalidated (or
	// evicted).
	TTL time.Duration
	// Stale is how long after TTL a page may still be served while one
	// request renders it again in the background. Only with a TTL.
	Stale time.Duration
	// Tags are added to every page's: what the pages show besides what
	// they read with [Load].
	Tags []string

	// Key returns the key a request's page is stored under, or false to
	// neither serve nor store it (it goes to the handler). It must contain
	// every request attribute the page depends on: with a session cookie,
	// the user it names (key pages per user, or refuse). Setting it turns
	// off the default refusals of requests with cookies or Authorization,
	// and of responses with a Vary header: the key is then the judge.
	//
	// The default keys by host, path and query, and refuses requests that
	// carry an Authorization header or a cookie other than IgnoreCookies,
	// since those may be rendered for one user.
	Key func(r *http.Request) (key string, ok bool)
	// IgnoreCookies names cookies that do not change what the default key
	// keys (analytics, consent): a request carrying only those is still
	// cached.
	IgnoreCookies []string

	// MaxBytes is the largest body stored (default
	// [DefaultMaxPageBytes]); a larger one streams to the client as it is
	// written, uncached.
	MaxBytes int64
}

// Pages returns middleware that caches the pages of next: a GET (or HEAD)
// answered from the cache when it holds the page, and otherwise rendered by
// next, sent, and stored. It stores only complete 200 responses that set
// no cookie (a cookie replayed to others leaks a session), and whose
// Cache-Control has neither no-store nor private. A HEAD is answered from
// a stored GET, never stored itself. Other methods, and requests the key
// refuses, go to next untouched.
//
// A stored page carries the tags of its path ([PageTags]), those of every
// value it read with [Load] and those of [PageOptions.Tags], so that
// [Cache.InvalidatePath], [Cache.InvalidateLayout] and
// [Cache.InvalidateTag] drop it. Concurrent requests for a page that is
// not stored wait for one render. Pages are buffered while they render (up
// to [PageOptions.MaxBytes]), so a handler cannot stream through it.
//
// Answers carry Cache-Status (RFC 9211): "goactions; hit",
// "goactions; fwd=miss; stored", "goactions; fwd=miss" (not storable) or
// "goactions; fwd=bypass" (the key refused the request); a hit carries Age.
// Under a context from [WithoutPages] (the actions middleware's render of
// a submitted form) requests go to next untouched.
func (c *Cache) Pages(opts PageOptions) func(http.Handler) http.Handler {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxPageBytes
	}
	return func(next http.Handler) http.Handler {
		return &pageHandler{c: c, opts: opts, next: next}
	}
}

type pageHandler struct {
	c    *Cache
	opts PageOptions
	next http.Handler
}

func (h *pageHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	pg := pageOf(r.Context())
	if r.Method != http.MethodGet && r.Method != http.MethodHead || pg != nil && pg.noPage || h.c == nil {
		h.next.ServeHTTP(w, r)
		return
	}
	if pg == nil || pg.path != r.URL.Path {
		r = r.WithContext(WithPage(r.Context(), r.URL.Path))
	}
	key, ok := h.key(r)
	if !ok || tooDeep(r.URL.Path) {
		w.Header().Set("Cache-Status", "goactions; fwd=bypass")
		h.next.ServeHTTP(w, r)
		return
	}
	key = pagePrefix + key
	ctx := r.Context()
	if env, found, _ := h.c.lookup(ctx, key, nil); found {
		if p, err := decodePage(env.payload); err == nil {
			recordEntry(ctx, &env)
			if env.stale(now()) {
				h.revalidate(r, key)
			}
			p.write(w, r, "goactions; hit", env.stored)
			return
		}
	}
	if r.Method == http.MethodHead {
		h.next.ServeHTTP(w, r)
		return
	}
	fl, leader := h.c.flights.join(key)
	if leader {
		h.render(w, r, key, fl)
		return
	}
	if fl.wait(ctx) != nil {
		return // the client left
	}
	if fl.page == nil {
		// Not storable (a cookie, a failure …): render for this request.
		h.next.ServeHTTP(w, r)
		return
	}
	record(ctx, fl.tags)
	fl.page.write(w, r, "goactions; hit", 0)
}

// render renders the page as the leader of fl, sends it to w (when not
// nil), stores it when it may, and lands fl.
func (h *pageHandler) render(w http.ResponseWriter, r *http.Request, key string, fl *flight) {
	defer func() {
		if p := recover(); p != nil {
			h.c.flights.crash(key, fl, p)
			panic(p)
		}
	}()
	ctx := r.Context()
	// Read again: a render may have landed since our lookup; this also
	// takes the stamps to store with before rendering.
	env, found, st := h.c.lookup(ctx, key, nil)
	if found {
		if p, err := decodePage(env.payload); err == nil && !env.stale(now()) {
			fl.page, fl.tags = p, env.tags()
			h.c.flights.land(key, fl)
			record(ctx, fl.tags)
			if w != nil {
				p.write(w, r, "goactions; hit", env.stored)
			}
			return
		}
	}
	tctx, reads := Track(ctx)
	rec := newPageRecorder(w, h.opts.MaxBytes)
	h.next.ServeHTTP(rec, r.WithContext(tctx))
	p, complete := rec.page()
	if complete && h.storable(p) {
		tags := append(PageTags(r.URL.Path), h.opts.Tags...)
		for _, t := range reads.Tags() {
			if !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
		record(ctx, tags)
		env := newEnvelope(p.encode(), tags, h.opts.TTL, h.opts.Stale)
		h.c.store(ctx, key, env, tags, st)
		fl.page, fl.tags = p, tags
	}
	h.c.flights.land(key, fl)
	if w == nil || !complete {
		return
	}
	status := "goactions; fwd=miss"
	if fl.page != nil {
		status += "; stored"
	}
	copyHeader(w.Header(), p.header)
	w.Header().Set("Cache-Status", status)
	w.WriteHeader(p.status)
	_, _ = w.Write(p.body)
}

// revalidate renders a stale page again in the background, unless a
// render of it is under way.
func (h *pageHandler) revalidate(r *http.Request, key string) {
	fl, leader := h.c.flights.join(key)
	if !leader {
		return
	}
	bg := r.Clone(context.WithoutCancel(r.Context()))
	bg.Method = http.MethodGet // a HEAD found it stale; the page is a GET's
	go func() {
		defer func() { _ = recover() }() // render crashed fl; nobody to tell
		h.render(nil, bg, key, fl)
	}()
}

// key is the request's key, or false when its page must not be shared.
func (h *pageHandler) key(r *http.Request) (string, bool) {
	if h.opts.Key != nil {
		return h.opts.Key(r)
	}
	if r.Header.Get("Authorization") != "" {
		return "", false
	}
	if len(r.Header["Cookie"]) > 0 {
		for _, ck := range r.Cookies() {
			if !slices.Contains(h.opts.IgnoreCookies, ck.Name) {
				return "", false
			}
		}
	}
	return r.Host + r.URL.Path + "?" + r.URL.RawQuery, true
}

// storable reports whether a rendered page may be stored and served to
// others.
func (h *pageHandler) storable(p *storedPage) bool {
	if p.status != http.StatusOK || len(p.header["Set-Cookie"]) > 0 {
		return false
	}
	if h.opts.Key == nil && len(p.header["Vary"]) > 0 {
		return false // the default key does not vary by anything
	}
	for _, cc := range p.header["Cache-Control"] {
		for d := range strings.SplitSeq(strings.ToLower(cc), ",") {
			d = strings.TrimSpace(d)
			if d == "no-store" || d == "private" || strings.HasPrefix(d, "private=") {
				return false
			}
		}
	}
	return true
}
