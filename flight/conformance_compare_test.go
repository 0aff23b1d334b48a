package flight_test

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"
	"time"

	"github.com/goactions/actions/flight"
)

// diffValue compares a decoded value tree with the expectation and returns
// one readable line per difference, each naming its path. It exists because
// reflect.DeepEqual is wrong for this model in both directions: it calls
// -0 equal to 0 and NaN unequal to itself, compares time.Time by its
// internals and *big.Int by its word slices, and says nothing about where
// two trees part.
func diffValue(path string, want, got any) []string {
	bad := func(format string, args ...any) []string {
		return []string{path + ": " + fmt.Sprintf(format, args...)}
	}
	if want == nil {
		if got != nil {
			return bad("want null, got %s", show(got))
		}
		return nil
	}
	if reflect.TypeOf(want) != reflect.TypeOf(got) {
		return bad("want %s, got %s", show(want), show(got))
	}
	switch w := want.(type) {
	case float64:
		if !sameFloat(w, got.(float64)) {
			return bad("want %s, got %s", show(w), show(got))
		}
	case *big.Int:
		if w.Cmp(got.(*big.Int)) != 0 {
			return bad("want bigint %s, got %s", w, got)
		}
	case time.Time:
		if !w.Equal(got.(time.Time)) {
			return bad("want date %s, got %s", w.Format(time.RFC3339Nano), got.(time.Time).Format(time.RFC3339Nano))
		}
	case []any:
		g := got.([]any)
		if len(w) != len(g) {
			return bad("want %d elements, got %d: %s", len(w), len(g), show(g))
		}
		var out []string
		for i := range w {
			out = append(out, diffValue(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
		return out
	case map[string]any:
		return diffObject(path, w, got.(map[string]any))
	case *flight.Map:
		g := got.(*flight.Map)
		if len(w.Entries) != len(g.Entries) {
			return bad("want Map of %d entries, got %d: %s", len(w.Entries), len(g.Entries), show(g))
		}
		var out []string
		for i := range w.Entries {
			p := fmt.Sprintf("%s.entries[%d]", path, i)
			out = append(out, diffValue(p+".key", w.Entries[i].Key, g.Entries[i].Key)...)
			out = append(out, diffValue(p+".value", w.Entries[i].Value, g.Entries[i].Value)...)
		}
		return out
	case *flight.Set:
		return diffValue(path+".values", w.Values, got.(*flight.Set).Values)
	case *flight.FormData:
		g := got.(*flight.FormData)
		if len(w.Entries) != len(g.Entries) {
			return bad("want FormData of %d entries, got %d: %s", len(w.Entries), len(g.Entries), show(g))
		}
		var out []string
		for i, we := range w.Entries {
			ge := g.Entries[i]
			p := fmt.Sprintf("%s.entries[%d]", path, i)
			if we.Name != ge.Name || we.Value != ge.Value || (we.File == nil) != (ge.File == nil) {
				out = append(out, fmt.Sprintf("%s: want %s, got %s", p, show(we), show(ge)))
				continue
			}
			if we.File != nil {
				out = append(out, diffValue(p+".file", we.File, ge.File)...)
			}
		}
		return out
	case *flight.File:
		g := got.(*flight.File)
		if w.Name != g.Name || w.Type != g.Type || !bytes.Equal(w.Data, g.Data) {
			return bad("want file %q (%q) % x, got %q (%q) % x", w.Name, w.Type, w.Data, g.Name, g.Type, g.Data)
		}
	case *flight.Promise:
		g := got.(*flight.Promise)
		if (w.Err == nil) != (g.Err == nil) {
			return bad("want promise error %v, got %v", w.Err, g.Err)
		}
		if w.Err != nil {
			return diffValue(path+".catch", any(w.Err), any(g.Err))
		}
		return diffValue(path+".then", w.Value, g.Value)
	case *flight.Error:
		// Name, message and digest are what a client shows or reports.
		// Stack and Env are debug data that differ by build and by the
		// server's source files, so they are not compared here.
		g := got.(*flight.Error)
		if w.Name != g.Name || w.Message != g.Message || w.Digest != g.Digest {
			return bad("want error {name %q, message %q, digest %q}, got {name %q, message %q, digest %q}",
				w.Name, w.Message, w.Digest, g.Name, g.Message, g.Digest)
		}
	case *flight.Iterator:
		return diffValue(path+".values", w.Values, got.(*flight.Iterator).Values)
	case *flight.Stream:
		g := got.(*flight.Stream)
		if w.Kind != g.Kind {
			return bad("want stream kind %d, got %d", w.Kind, g.Kind)
		}
		var out []string
		if w.Kind == flight.ReadableByteStream {
			// Chunk boundaries carry no meaning in a byte stream (React's
			// client sends the whole stream as one chunk); the bytes do.
			if wb, gb := joinChunks(w.Values), joinChunks(g.Values); !bytes.Equal(wb, gb) {
				out = append(out, fmt.Sprintf("%s: want stream bytes % x, got %s", path, wb, show(g.Values)))
			}
		} else {
			out = append(out, diffValue(path+".chunks", w.Values, g.Values)...)
		}
		return append(out, diffValue(path+".return", w.Return, g.Return)...)
	case *flight.ServerRef:
		g := got.(*flight.ServerRef)
		if w.ID != g.ID {
			return bad("want server reference %q, got %q", w.ID, g.ID)
		}
		if w.Bound == nil {
			if len(g.Bound) != 0 {
				return bad("want no bound arguments, got %s", show(g.Bound))
			}
			return nil
		}
		return diffValue(path+".bound", w.Bound, g.Bound)
	case flight.Float32Array:
		return diffFloats(path, toF64(w), toF64(got.(flight.Float32Array)))
	case flight.Float64Array:
		return diffFloats(path, w, got.(flight.Float64Array))
	default:
		if !reflect.DeepEqual(want, got) {
			return bad("want %s, got %s", show(want), show(got))
		}
	}
	return nil
}

func diffObject(path string, w, g map[string]any) []string {
	var out []string
	keys := make([]string, 0, len(w)+len(g))
	for k := range w {
		keys = append(keys, k)
	}
	for k := range g {
		if _, ok := w[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		wv, inW := w[k]
		gv, inG := g[k]
		p := fmt.Sprintf("%s.%q", path, k)
		switch {
		case !inG:
			out = append(out, p+": missing, want "+show(wv))
		case !inW:
			out = append(out, p+": unexpected property "+show(gv))
		default:
			out = append(out, diffValue(p, wv, gv)...)
		}
	}
	return out
}

// sameFloat is JavaScript's Object.is: NaN is itself, -0 is not 0.
func sameFloat(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return a == b && math.Signbit(a) == math.Signbit(b)
}

func diffFloats(path string, w, g []float64) []string {
	if len(w) != len(g) {
		return []string{fmt.Sprintf("%s: want %d floats, got %d", path, len(w), len(g))}
	}
	for i := range w {
		if !sameFloat(w[i], g[i]) {
			return []string{fmt.Sprintf("%s[%d]: want %s, got %s", path, i, show(w[i]), show(g[i]))}
		}
	}
	return nil
}

func toF64(s []float32) []float64 {
	out := make([]float64, len(s))
	for i, f := range s {
		out[i] = float64(f)
	}
	return out
}

func joinChunks(chunks []any) []byte {
	var b []byte
	for _, c := range chunks {
		switch c := c.(type) {
		case flight.Uint8Array:
			b = append(b, c...)
		case []byte:
			b = append(b, c...)
		default:
			return []byte(fmt.Sprintf("<non-byte chunk %T>", c))
		}
	}
	return b
}

// show prints a value with its Go type, signalling -0 and NaN explicitly.
func show(v any) string {
	switch v := v.(type) {
	case float64:
		if v == 0 && math.Signbit(v) {
			return "float64(-0)"
		}
		return fmt.Sprintf("float64(%v)", v)
	case nil:
		return "nil"
	}
	return fmt.Sprintf("%T(%+v)", v, v)
}
