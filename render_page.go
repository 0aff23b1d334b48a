package actions

import (
	"bytes"
	"net/http"

	"github.com/goactions/actions/cache"
)

// renderPage renders the page the action was called from, as a GET, for
// the runtime to morph in: the one-round-trip refresh. It returns nil when
// the page does not answer 200 with HTML, and the cache tags the render
// read. fresh keeps a page cache from answering for the page.
func (h *routeHandler) renderPage(r *http.Request, fresh bool) ([]byte, *cache.Reads) {
	ctx := cache.WithPage(r.Context(), r.URL.Path)
	if fresh {
		ctx = cache.WithoutPages(r.Context(), r.URL.Path)
	}
	ctx, reads := cache.Track(ctx)
	get := r.Clone(ctx)
	get.Method = http.MethodGet
	get.Body = http.NoBody
	get.ContentLength = 0
	for _, k := range []string{"Content-Type", "Content-Length", HeaderActionID, HeaderClient} {
		get.Header.Del(k)
	}
	get.Header.Set("Accept", "text/html")
	rec := &pageRecorder{header: http.Header{}}
	h.next.ServeHTTP(rec, get)
	if rec.status != 0 && rec.status != http.StatusOK {
		return nil, reads
	}
	return rec.body.Bytes(), reads
}

// pageRecorder keeps what a page handler writes.
type pageRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (p *pageRecorder) Header() http.Header { return p.header }

func (p *pageRecorder) WriteHeader(code int) {
	if p.status == 0 {
		p.status = code
	}
}

func (p *pageRecorder) Write(b []byte) (int, error) {
	if p.status == 0 {
		p.status = http.StatusOK
	}
	return p.body.Write(b)
}
