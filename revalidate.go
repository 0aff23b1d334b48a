package actions

import (
	"context"
	"net/http"
	"slices"

	"github.com/goactions/actions/cache"
)

// RevalidatePath drops the cached page at path (every query of it) and,
// for that page, the values it read with [cache.Load] (Next.js's
// revalidatePath). Like every revalidation it is recorded in the action's
// context and applied when the action returns, whatever it returns, before
// the answer is written: in this process at once, then in the shared
// store and through the bus in the other instances. The page the action
// was called from is sent again with the answer (to the browser runtime)
// only when it is affected. Outside an action it does nothing; use the
// cache's own methods ([cache.Cache.InvalidatePath]).
func RevalidatePath(ctx context.Context, path string) {
	revalidate(ctx, cache.PathTag(path))
}

// RevalidateLayout drops every page at or below prefix, as [RevalidatePath]
// does for one (Next.js's revalidatePath(prefix, "layout")):
// RevalidateLayout(ctx, "/posts") reaches /posts and /posts/7, and
// RevalidateLayout(ctx, "/") every page.
func RevalidateLayout(ctx context.Context, prefix string) {
	revalidate(ctx, cache.LayoutTag(prefix))
}

// RevalidateTag drops every value and page cached with one of tags, as
// [RevalidatePath] says when and where (Next.js's revalidateTag).
func RevalidateTag(ctx context.Context, tags ...string) {
	revalidate(ctx, tags...)
}

// Revalidated returns the tags the action running under ctx has
// revalidated so far, in order: [cache.PathTag] for a path,
// [cache.LayoutTag] for a layout. Middleware reads them after calling
// next, to log or test them.
func Revalidated(ctx context.Context) []string {
	if s := scopeOf(ctx); s != nil {
		return slices.Clone(s.revalidated)
	}
	return nil
}

func revalidate(ctx context.Context, tags ...string) {
	s := scopeOf(ctx)
	if s == nil {
		return
	}
	for _, t := range tags {
		if !slices.Contains(s.revalidated, t) {
			s.revalidated = append(s.revalidated, t)
		}
	}
}

// applyRevalidations invalidates what the action revalidated. It runs
// once the action has returned and before anything is written, so that a
// page rendered into the answer shows the new data. It does not stop at
// the action's deadline or the client's departure: the change they
// revalidate for has been made.
func (s *Server) applyRevalidations(ctx context.Context, sc *scope) {
	if len(sc.revalidated) == 0 {
		return
	}
	// This process is invalidated whatever the error says; a shared store
	// or bus that failed reports its own outage (the Redis adapter logs it
	// once), so the call does not log it again.
	_ = s.cache.InvalidateTag(context.WithoutCancel(ctx), sc.revalidated...)
}

// refreshedPage is the page the call came from, rendered again for the
// browser runtime, or nil when the call did not change what it shows:
// it called [Refresh], or revalidated the page's path or a layout above
// it, or a tag the page reads. The last needs a render to know (what a
// page reads depends on the request), which a page cache hit makes cheap;
// a render that turns out unaffected is not sent.
func (h *routeHandler) refreshedPage(r *http.Request, s *scope) []byte {
	switch {
	case s.refresh:
		page, _ := h.renderPage(r, true)
		return page
	case len(s.revalidated) == 0:
		return nil
	}
	page, reads := h.renderPage(r, false)
	for _, t := range cache.PageTags(r.URL.Path) {
		if slices.Contains(s.revalidated, t) {
			return page
		}
	}
	if reads.Any(s.revalidated...) {
		return page
	}
	return nil
}
