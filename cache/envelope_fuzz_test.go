package cache

import (
	"bytes"
	"slices"
	"testing"
	"time"
)

// A shared store holds bytes that other processes wrote: other versions of
// the application, or anything at all. Decoding them must never panic nor
// read past them, and what decodes must encode back to the same entry.
func FuzzDecodeEnvelope(f *testing.F) {
	f.Add(newEnvelopeBytes([]byte(`{"a":1}`), []string{"posts", "path:/"}, time.Minute, time.Hour))
	f.Add(newEnvelopeBytes(nil, nil, 0, 0))
	f.Add([]byte{envelopeVersion, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add([]byte("not an entry"))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := decodeEnvelope(b)
		if err != nil {
			return
		}
		tags := e.tags()
		if len(tags) != e.nTags {
			t.Fatalf("%d tags decoded, %d announced", len(tags), e.nTags)
		}
		again, err := decodeEnvelope(e.encode())
		if err != nil || again.stored != e.stored || again.staleAt != e.staleAt || again.expires != e.expires ||
			!slices.Equal(again.tags(), tags) || !bytes.Equal(again.payload, e.payload) {
			t.Fatalf("%x does not survive encoding: %v", b, err)
		}
	})
}

func newEnvelopeBytes(payload []byte, tags []string, ttl, stale time.Duration) []byte {
	e := newEnvelope(payload, tags, ttl, stale)
	return e.encode()
}
