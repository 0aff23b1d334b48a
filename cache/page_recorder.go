package cache

import (
	"bytes"
	"net/http"
)

// A pageRecorder keeps what a page handler writes, so that the page can be
// stored before it is sent. Past max bytes of body the page will not be
// stored: what was kept goes out and the rest streams straight through
// (or, with no client to send to, is dropped).
type pageRecorder struct {
	w       http.ResponseWriter // nil when nobody waits (a background render)
	header  http.Header
	status  int
	body    bytes.Buffer
	max     int64
	through bool // overflowed: writing to w
	dropped bool // overflowed with no w
}

func newPageRecorder(w http.ResponseWriter, max int64) *pageRecorder {
	return &pageRecorder{w: w, header: http.Header{}, max: max}
}

func (p *pageRecorder) Header() http.Header {
	if p.through {
		return p.w.Header()
	}
	return p.header
}

func (p *pageRecorder) WriteHeader(code int) {
	if p.status != 0 || code < 200 {
		return // informational answers (103 Early Hints) are not kept
	}
	p.status = code
}

func (p *pageRecorder) Write(b []byte) (int, error) {
	if p.status == 0 {
		p.WriteHeader(http.StatusOK)
	}
	switch {
	case p.through:
		return p.w.Write(b)
	case p.dropped:
		return len(b), nil
	case int64(p.body.Len()+len(b)) <= p.max:
		return p.body.Write(b)
	case p.w == nil:
		p.dropped = true
		return len(b), nil
	}
	p.through = true
	copyHeader(p.w.Header(), p.header)
	p.w.WriteHeader(p.status)
	if _, err := p.w.Write(p.body.Bytes()); err != nil {
		return 0, err
	}
	return p.w.Write(b)
}

// page returns what was recorded, and whether it is all there.
func (p *pageRecorder) page() (*storedPage, bool) {
	status := p.status
	if status == 0 {
		status = http.StatusOK
	}
	return &storedPage{status: status, header: p.header, body: p.body.Bytes()}, !p.through && !p.dropped
}

func copyHeader(dst, src http.Header) {
	for k, vs := range src {
		dst[k] = vs
	}
}
