package cache

import (
	"bytes"
	"net/http"
	"testing"
)

func FuzzDecodePage(f *testing.F) {
	p := &storedPage{status: 200, header: http.Header{"Content-Type": {"text/html"}, "X-Two": {"a", "b"}}, body: []byte("<p>hi</p>")}
	f.Add(p.encode())
	f.Add([]byte{0xc8, 0x01, 0x01, 0x00, 0x05})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := decodePage(b)
		if err != nil {
			return
		}
		if p.status < 200 || p.status > 999 || len(p.body) > len(b) {
			t.Fatalf("decoded %d with a %d-byte body from %d bytes", p.status, len(p.body), len(b))
		}
		again, err := decodePage(p.encode())
		if err != nil || again.status != p.status || !bytes.Equal(again.body, p.body) || len(again.header) > len(p.header) {
			t.Fatalf("a decoded page does not survive encoding: %v", err)
		}
	})
}
