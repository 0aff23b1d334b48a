package actions

import (
	"net/http"

	"github.com/goactions/actions/cache"
)

// Cache returns the cache the server's revalidations apply to:
// [Options.Cache], or the in-memory one the server made. Pages read
// through it ([cache.Load], [cache.Cache.Pages]) so that what actions
// revalidate is what they show.
func (s *Server) Cache() *cache.Cache { return s.cache }

// pageRequest is a page view passed through the middleware, with a context
// naming its page: the values it loads with [cache.Load] are then stale
// for it once an action revalidates its path or a layout above it, even
// when another page cached them.
func pageRequest(r *http.Request) *http.Request {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return r
	}
	return r.WithContext(cache.WithPage(r.Context(), r.URL.Path))
}
