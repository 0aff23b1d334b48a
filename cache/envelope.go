package cache

import (
	"encoding/binary"
	"errors"
	"time"
)

// An envelope is what the Cache stores under a key, in every tier: its
// times, its tags and its payload (a value's JSON, or a page). The times
// and tags travel with the payload so that an entry found in the shared
// tier can be copied into the local one as it is.
//
// The encoding is binary, versioned by its first byte: a shared store may
// hold entries written by another version of the application, or bytes
// that are not an envelope at all, and decoding refuses them rather than
// trusting them.
type envelope struct {
	stored  int64 // unix nanoseconds
	staleAt int64 // unix nanoseconds; 0: fresh until invalidated
	expires int64 // unix nanoseconds; 0: never
	rawTags []byte
	nTags   int
	payload []byte
	raw     []byte // what it was decoded from, if it was
}

const envelopeVersion = 1

var errEnvelope = errors.New("cache: not an entry of this version")

// newEnvelope stamps a payload stored now with the given lifetimes.
func newEnvelope(payload []byte, tags []string, ttl, stale time.Duration) envelope {
	t := now()
	e := envelope{stored: t.UnixNano(), payload: payload, nTags: len(tags)}
	if ttl > 0 {
		e.staleAt = t.Add(ttl).UnixNano()
		e.expires = t.Add(ttl + max(stale, 0)).UnixNano()
	}
	for _, tag := range tags {
		e.rawTags = binary.AppendUvarint(e.rawTags, uint64(len(tag)))
		e.rawTags = append(e.rawTags, tag...)
	}
	return e
}

func (e *envelope) encode() []byte {
	b := make([]byte, 0, 1+4*binary.MaxVarintLen64+len(e.rawTags)+len(e.payload))
	b = append(b, envelopeVersion)
	b = binary.AppendVarint(b, e.stored)
	b = binary.AppendVarint(b, e.staleAt)
	b = binary.AppendVarint(b, e.expires)
	b = binary.AppendUvarint(b, uint64(e.nTags))
	b = append(b, e.rawTags...)
	return append(b, e.payload...)
}

// decodeEnvelope reads an envelope without copying: its slices point into b.
func decodeEnvelope(b []byte) (envelope, error) {
	var e envelope
	if len(b) == 0 || b[0] != envelopeVersion {
		return e, errEnvelope
	}
	r := reader{b: b[1:]}
	e.stored, e.staleAt, e.expires = r.varint(), r.varint(), r.varint()
	n := r.uvarint()
	start := r.b
	for i := uint64(0); i < n && r.err == nil; i++ {
		r.bytes()
	}
	if r.err != nil || n > uint64(len(b)) {
		return envelope{}, errEnvelope
	}
	e.nTags = int(n)
	e.rawTags = start[:len(start)-len(r.b)]
	e.payload = r.b
	e.raw = b
	return e, nil
}

// tags decodes the entry's tags.
func (e *envelope) tags() []string {
	tags := make([]string, 0, e.nTags)
	r := reader{b: e.rawTags}
	for range e.nTags {
		tags = append(tags, string(r.bytes()))
	}
	return tags
}

// stale reports whether the entry's time to live has passed (it may still
// be served while it revalidates, until it expires).
func (e *envelope) stale(now time.Time) bool {
	return e.staleAt != 0 && now.UnixNano() >= e.staleAt
}

// ttl is what is left of the entry's life, for copying it to another
// tier: 0 for an entry that never expires, negative for one that has.
func (e *envelope) ttl(now time.Time) time.Duration {
	if e.expires == 0 {
		return 0
	}
	if d := time.Duration(e.expires - now.UnixNano()); d > 0 {
		return d
	}
	return -1
}

// reader reads varints and length-prefixed bytes, remembering the first
// error so that callers check once.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errEnvelope
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errEnvelope
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errEnvelope
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}
