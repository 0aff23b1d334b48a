package flight_test

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"time"

	"github.com/goactions/actions/flight"
)

// sameValue compares two decoded trees as JS would see them: NaN equals
// NaN, -0 differs from 0, bigints and dates by value, and an object
// property holding undefined is the same as an absent one. It returns ""
// when they match, else where they differ.
func sameValue(want, got any) string { return same(want, got, "root") }

func same(want, got any, at string) string {
	diff := func() string { return fmt.Sprintf("%s: want %#v, got %#v", at, want, got) }
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		if !ok || !(w == g && math.Signbit(w) == math.Signbit(g) || math.IsNaN(w) && math.IsNaN(g)) {
			return diff()
		}
		return ""
	case *big.Int:
		g, ok := got.(*big.Int)
		if !ok || w.Cmp(g) != 0 {
			return diff()
		}
		return ""
	case time.Time:
		g, ok := got.(time.Time)
		if !ok || !w.Equal(g) {
			return diff()
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(w) != len(g) {
			return diff()
		}
		for i := range w {
			if d := same(w[i], g[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
		return ""
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return diff()
		}
		keys := map[string]bool{}
		for k, v := range w {
			if _, undef := v.(flight.Undefined); !undef {
				keys[k] = true
			}
		}
		for k := range g {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			if d := same(w[k], g[k], at+"."+k); d != "" {
				return d
			}
		}
		return ""
	case *flight.Map:
		g, ok := got.(*flight.Map)
		if !ok || len(w.Entries) != len(g.Entries) {
			return diff()
		}
		for i := range w.Entries {
			if d := same([]any{w.Entries[i].Key, w.Entries[i].Value}, []any{g.Entries[i].Key, g.Entries[i].Value}, fmt.Sprintf("%s.entry[%d]", at, i)); d != "" {
				return d
			}
		}
		return ""
	case *flight.Set:
		g, ok := got.(*flight.Set)
		if !ok {
			return diff()
		}
		return same(w.Values, g.Values, at+".set")
	case *flight.Iterator:
		g, ok := got.(*flight.Iterator)
		if !ok {
			return diff()
		}
		return same(w.Values, g.Values, at+".iterator")
	case *flight.Promise:
		g, ok := got.(*flight.Promise)
		if !ok || (w.Err == nil) != (g.Err == nil) {
			return diff()
		}
		if w.Err != nil {
			return same(w.Err, g.Err, at+".err")
		}
		return same(w.Value, g.Value, at+".value")
	case *flight.Stream:
		g, ok := got.(*flight.Stream)
		if !ok || w.Kind != g.Kind {
			return diff()
		}
		if d := same(w.Values, g.Values, at+".values"); d != "" {
			return d
		}
		return same(w.Return, g.Return, at+".return")
	case *flight.ServerRef:
		g, ok := got.(*flight.ServerRef)
		if !ok || w.ID != g.ID || (w.Bound == nil) != (g.Bound == nil) {
			return diff()
		}
		return same(w.Bound, g.Bound, at+".bound")
	case *flight.Error:
		g, ok := got.(*flight.Error)
		if !ok || w.Name != g.Name || w.Message != g.Message || w.Env != g.Env || w.Digest != g.Digest {
			return diff()
		}
		return same(w.Stack, g.Stack, at+".stack")
	case *flight.File:
		g, ok := got.(*flight.File)
		if !ok || w.Name != g.Name || w.Type != g.Type || string(w.Data) != string(g.Data) {
			return diff()
		}
		return ""
	case *flight.FormData:
		g, ok := got.(*flight.FormData)
		if !ok || len(w.Entries) != len(g.Entries) {
			return diff()
		}
		for i := range w.Entries {
			we, ge := w.Entries[i], g.Entries[i]
			if we.Name != ge.Name || we.Value != ge.Value || (we.File == nil) != (ge.File == nil) {
				return diff()
			}
			if we.File != nil {
				if d := same(we.File, ge.File, at+".file"); d != "" {
					return d
				}
			}
		}
		return ""
	}
	if fmt.Sprintf("%T %#v", want, want) != fmt.Sprintf("%T %#v", got, got) {
		return diff()
	}
	return ""
}
