package cache

import (
	"encoding/binary"
	"net/http"
	"strconv"
	"time"
)

// A storedPage is a response as the page cache keeps it: status, the
// headers worth replaying, body.
type storedPage struct {
	status int
	header http.Header
	body   []byte
}

// unstoredHeaders are not replayed from the cache: hop-by-hop headers
// (RFC 9110 §7.6.1), what net/http writes for each response itself, and
// what the cache sets on each answer.
var unstoredHeaders = map[string]bool{
	"Connection": true, "Keep-Alive": true, "Proxy-Connection": true, "Transfer-Encoding": true,
	"Te": true, "Trailer": true, "Upgrade": true,
	"Date": true, "Content-Length": true, "Age": true, "Cache-Status": true,
}

func (p *storedPage) encode() []byte {
	b := binary.AppendUvarint(nil, uint64(p.status))
	n := 0
	for k := range p.header {
		if !unstoredHeaders[k] {
			n++
		}
	}
	b = binary.AppendUvarint(b, uint64(n))
	for k, vs := range p.header {
		if unstoredHeaders[k] {
			continue
		}
		b = appendBytes(b, k)
		b = binary.AppendUvarint(b, uint64(len(vs)))
		for _, v := range vs {
			b = appendBytes(b, v)
		}
	}
	return append(b, p.body...)
}

func appendBytes(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// decodePage reads a stored page; its body points into b. Like envelopes,
// pages come from stores other processes write, so lengths are checked.
func decodePage(b []byte) (*storedPage, error) {
	r := reader{b: b}
	status := r.uvarint()
	n := r.uvarint()
	if r.err != nil || status < 200 || status > 999 || n > uint64(len(r.b)) {
		return nil, errEnvelope
	}
	p := &storedPage{status: int(status), header: make(http.Header, n)}
	for range n {
		k := string(r.bytes())
		m := r.uvarint()
		if r.err != nil || m > uint64(len(r.b)) {
			return nil, errEnvelope
		}
		vs := make([]string, 0, m)
		for range m {
			vs = append(vs, string(r.bytes()))
		}
		p.header[k] = vs
	}
	if r.err != nil {
		return nil, errEnvelope
	}
	p.body = r.b
	return p, nil
}

// write answers r with the page. cacheStatus is the Cache-Status header's
// value (RFC 9211); stored, when not zero, gives the Age header (RFC 9111
// §5.1).
func (p *storedPage) write(w http.ResponseWriter, r *http.Request, cacheStatus string, stored int64) {
	h := w.Header()
	for k, vs := range p.header {
		h[k] = append([]string(nil), vs...) // followers share p: copy
	}
	h.Set("Cache-Status", cacheStatus)
	h.Set("Content-Length", strconv.Itoa(len(p.body)))
	if stored != 0 {
		h.Set("Age", strconv.FormatInt(max(0, now().Unix()-time.Unix(0, stored).Unix()), 10))
	}
	w.WriteHeader(p.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(p.body)
	}
}
