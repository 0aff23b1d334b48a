package redis

import (
	"encoding/binary"
	"errors"
)

// An invalidation message is the sender's id and the tags, each length
// prefixed: binary, so that any tag's bytes travel as they are (JSON would
// replace invalid UTF-8). Anyone who can publish on the Redis channel can
// send one, so decoding checks every length against what is there.

var errMessage = errors.New("redis: not an invalidation message")

func encodeMessage(from string, tags []string) []byte {
	b := appendString(nil, from)
	b = binary.AppendUvarint(b, uint64(len(tags)))
	for _, t := range tags {
		b = appendString(b, t)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func decodeMessage(m string) (from string, tags []string, err error) {
	from, m, ok := readString(m)
	if !ok {
		return "", nil, errMessage
	}
	n, k := binary.Uvarint([]byte(m[:min(len(m), binary.MaxVarintLen64)]))
	if k <= 0 || n > uint64(len(m)) {
		return "", nil, errMessage
	}
	m = m[k:]
	tags = make([]string, 0, n)
	for range n {
		var t string
		if t, m, ok = readString(m); !ok {
			return "", nil, errMessage
		}
		tags = append(tags, t)
	}
	if m != "" {
		return "", nil, errMessage
	}
	return from, tags, nil
}

func readString(m string) (s, rest string, ok bool) {
	n, k := binary.Uvarint([]byte(m[:min(len(m), binary.MaxVarintLen64)]))
	if k <= 0 || n > uint64(len(m)-k) {
		return "", "", false
	}
	return m[k : k+int(n)], m[k+int(n):], true
}
