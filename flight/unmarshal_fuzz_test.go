package flight_test

import (
	"encoding/json"
	"math/big"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// FuzzUnmarshal builds a value tree from JSON, with a few markers standing
// for the JS types JSON lacks, and decodes it into several Go types; it
// asserts that nothing panics (errors are expected and fine).
//
// Markers: an array starting with "$Q" is a Map of the [key, value] pairs
// that follow, "$W" a Set, "$P" a Promise of the next value, "$o" a
// Uint8Array of the numbers that follow, "$K" a FormData of [name, value]
// pairs; the strings "$u" and "$n<digits>" and "$D<RFC 3339>" are undefined,
// a bigint and a Date.
func FuzzUnmarshal(f *testing.F) {
	for _, seed := range []string{
		`{"id":7,"items":[{"sku":"a","qty":2}],"note":null,"when":"$D2025-03-01T12:30:00Z","tags":{"x":1}}`,
		`[{"sku":"a","qty":1.5},{"qty":"abc"}]`,
		`["$Q",["a",1],[2,"b"],[[1],3]]`,
		`["$K",["title","hi"],["tag","a"],["tag","b"]]`,
		`[1,2,300]`,
		`["$o",1,2,3]`,
		`"$n123456789012345678901234567890"`,
		`{"Next":{"Next":{"Next":null}}}`,
		`[[[],[]],[[[]]]]`,
		`["$P",["$W",1,2]]`,
		`{"id":"$u","Name":"x","ID":1e300}`,
		`"high"`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var raw any
		if json.Unmarshal(data, &raw) != nil {
			return
		}
		v := fromFuzz(raw)
		targets := []any{
			new(order), new([]item), new(map[string][]string), new(url.Values), new([3]int8),
			new(*big.Int), new(map[int]string), new(tree), new(node), new(rawMsg), new(level),
			new(map[any]any), new([]uint16), new(any), new(withEmbeddedPtr), new(folded),
			new(time.Time), new(map[keyed]float32), new(uuid), new([]*flight.File),
		}
		for _, dst := range targets {
			_ = flight.Unmarshal(v, dst)
		}
		_ = flight.UnmarshalArgs([]any{v, v, v}, new(order), new(string), new([]any))
	})
}

func fromFuzz(v any) any {
	switch x := v.(type) {
	case string:
		switch {
		case x == "$u":
			return flight.Undefined{}
		case strings.HasPrefix(x, "$n"):
			if n, ok := new(big.Int).SetString(x[2:], 10); ok && len(x) < 400 {
				return n
			}
		case strings.HasPrefix(x, "$D"):
			if d, err := time.Parse(time.RFC3339, x[2:]); err == nil {
				return d
			}
		}
		return x
	case map[string]any:
		for k, e := range x {
			x[k] = fromFuzz(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = fromFuzz(e)
		}
		if len(x) == 0 {
			return x
		}
		switch x[0] {
		case "$Q":
			m := &flight.Map{}
			for _, e := range x[1:] {
				if p, ok := e.([]any); ok && len(p) == 2 {
					m.Entries = append(m.Entries, flight.MapEntry{Key: p[0], Value: p[1]})
				}
			}
			return m
		case "$W":
			return &flight.Set{Values: x[1:]}
		case "$P":
			p := &flight.Promise{}
			if len(x) > 1 {
				p.Value = x[1]
			}
			return p
		case "$o":
			b := flight.Uint8Array{}
			for _, e := range x[1:] {
				if n, ok := e.(float64); ok {
					b = append(b, byte(n))
				}
			}
			return b
		case "$K":
			fd := &flight.FormData{}
			for _, e := range x[1:] {
				if p, ok := e.([]any); ok && len(p) == 2 {
					name, _ := p[0].(string)
					if s, ok := p[1].(string); ok {
						fd.Append(name, s)
					} else {
						fd.AppendFile(name, &flight.File{Name: "f"})
					}
				}
			}
			return fd
		}
		return x
	}
	return v
}
