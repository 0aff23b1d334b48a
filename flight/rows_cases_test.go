package flight_test

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/goactions/actions/flight"
)

// rowCase is one value for the row encoder: its golden file is
// testdata/rows/<name>.rows and decoded is what DecodeRows must give back
// (the value itself when nil; roundTrip=false for values whose decoding is
// checked elsewhere).
type rowCase struct {
	name    string
	value   any
	decoded any
}

type point struct {
	X      int    `json:"x"`
	Y      int    `json:"y,omitempty"`
	Hidden string `json:"-"`
	Label  string
	inner
}

type inner struct {
	Z float64 `json:"z"`
}

func rowCases() []rowCase {
	shared := map[string]any{"a": 1.0}
	sharedMap := &flight.Map{Entries: []flight.MapEntry{{Key: "a", Value: 1.0}}}
	return []rowCase{
		{name: "wire example scalars", value: map[string]any{
			"s": "hi", "dollar": "$x", "negz": math.Copysign(0, -1), "nan": math.NaN(), "big": big.NewInt(10),
			"u": flight.Undefined{}, "d": time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC),
		}},
		{name: "null root", value: nil},
		{name: "undefined root", value: flight.Undefined{}},
		{name: "booleans", value: []any{true, false}},
		{name: "every integer kind", value: []any{int(-1), int8(-8), int16(-16), int32(-32), int64(-(1<<53 - 1)), uint(1), uint8(8), uint16(16), uint32(32), uint64(1<<53 - 1)},
			decoded: []any{-1.0, -8.0, -16.0, -32.0, -float64(1<<53 - 1), 1.0, 8.0, 16.0, 32.0, float64(1<<53 - 1)}},
		{name: "floats and special numbers", value: []any{1.5, float32(0.1), 1e21, 1e-7, math.Inf(1), math.Inf(-1), 0.0},
			decoded: []any{1.5, 0.1, 1e21, 1e-7, math.Inf(1), math.Inf(-1), 0.0}},
		{name: "strings with dollar signs", value: []any{"$", "$$", "a$", "", "é\n\"\\\u2028<>&"}},
		{name: "string of 1023 units stays inline", value: strings.Repeat("x", 1023)},
		{name: "string of 1024 units is a text row", value: map[string]any{"t": strings.Repeat("x", 1024)}},
		{name: "text row counts UTF-16 units", value: []any{strings.Repeat("😀", 512), strings.Repeat("é", 1023)}},
		{name: "text row keeps a leading dollar", value: "$" + strings.Repeat("y", 1100)},
		{name: "date", value: time.Date(2025, 1, 2, 3, 4, 5, 678_900_000, time.UTC),
			decoded: time.Date(2025, 1, 2, 3, 4, 5, 678_000_000, time.UTC)},
		{name: "bigint", value: []any{big.NewInt(-12345678901234567), new(big.Int).Lsh(big.NewInt(1), 100)}},
		{name: "nested arrays and objects", value: []any{[]any{}, map[string]any{}, []any{map[string]any{"k": []any{nil}}}}},
		{name: "struct by json tags", value: point{X: 1, Hidden: "no", Label: "p", inner: inner{Z: 2.5}},
			decoded: map[string]any{"x": 1.0, "Label": "p", "z": 2.5}},
		{name: "object of many keys sorted", value: map[string]any{
			"l": 1.0, "k": 2.0, "j": 3.0, "i": 4.0, "h": 5.0, "g": 6.0, "f": 7.0, "e": 8.0, "d": 9.0, "c": 10.0,
			"b": map[string]any{"z": 1.0, "y": 2.0, "x": 3.0, "w": 4.0, "v": 5.0, "u": 6.0, "t": 7.0, "s": 8.0, "r": 9.0},
			"a": []any{map[string]any{"b": 1.0, "a": 2.0}},
		}},
		{name: "string-keyed map sorted", value: map[string]int{"b": 2, "a": 1, "$c": 3},
			decoded: map[string]any{"a": 1.0, "b": 2.0, "$c": 3.0}},
		{name: "wire example map set symbol", value: map[string]any{
			"m": &flight.Map{Entries: []flight.MapEntry{{Key: "a", Value: 1.0}}}, "set": &flight.Set{Values: []any{"x"}}, "sym": flight.Symbol("x"),
		}},
		{name: "map with object keys", value: &flight.Map{Entries: []flight.MapEntry{{Key: map[string]any{"k": 1.0}, Value: []any{1.0}}}}},
		{name: "wire example binary and text rows", value: map[string]any{"u8": flight.Uint8Array{1, 2, 3}, "t": strings.Repeat("h", 1024)}},
		{name: "every binary type", value: []any{
			flight.Int8Array{-1}, flight.Uint8ClampedArray{2}, flight.Int16Array{-2}, flight.Uint16Array{3},
			flight.Int32Array{-4}, flight.Uint32Array{5}, flight.Float32Array{1.5}, flight.Float64Array{2.5},
			flight.BigInt64Array{-1}, flight.BigUint64Array{1}, flight.DataView{0, 0}, flight.ArrayBuffer{0, 0, 0},
		}},
		{name: "byte slice is a Uint8Array", value: []byte("hi"), decoded: flight.Uint8Array("hi")},
		{name: "blob", value: map[string]any{"b": &flight.File{Type: "text/plain", Data: []byte("hi")}},
			decoded: map[string]any{"b": &flight.File{Name: "blob", Type: "text/plain", Data: []byte("hi")}}},
		{name: "form data", value: &flight.FormData{Entries: []flight.FormEntry{
			{Name: "a", Value: "1"}, {Name: "f", File: &flight.File{Data: []byte("zz")}}, {Name: "a", Value: "$2"},
		}}, decoded: &flight.FormData{Entries: []flight.FormEntry{
			{Name: "a", Value: "1"}, {Name: "f", File: &flight.File{Name: "blob", Data: []byte("zz")}}, {Name: "a", Value: "$2"},
		}}},
		{name: "promise", value: map[string]any{"p": &flight.Promise{Value: 5.0}}},
		{name: "rejected promise", value: map[string]any{"p": &flight.Promise{Err: errors.New("no")}},
			decoded: map[string]any{"p": &flight.Promise{Err: &flight.Error{Name: "Error", Message: "no", Stack: []any{}, Env: "Server"}}}},
		{name: "iterator", value: map[string]any{"it": &flight.Iterator{Values: []any{1.0, 2.0}}}},
		{name: "readable stream", value: &flight.Stream{Kind: flight.ReadableStream, Values: []any{"a", map[string]any{"b": 1.0}, flight.Uint8Array{1}}}},
		{name: "byte stream", value: &flight.Stream{Kind: flight.ReadableByteStream, Values: []any{flight.Uint8Array{1, 2}}}},
		{name: "async iterator with return", value: &flight.Stream{Kind: flight.AsyncIterator, Values: []any{1.0}, Return: "done"}},
		{name: "async iterable", value: &flight.Stream{Kind: flight.AsyncIterable, Values: []any{1.0}}},
		{name: "server reference", value: map[string]any{"f": &flight.ServerRef{ID: "mod#fn"}}},
		{name: "bound server reference", value: map[string]any{"f": &flight.ServerRef{ID: "mod#fn", Bound: []any{1.0, "x"}}}},
		{name: "temporary reference", value: []any{flight.TemporaryRef{ID: "0:1"}}},
		{name: "symbol written once", value: []any{flight.Symbol("a"), flight.Symbol("a")}},
		{name: "error inside a value", value: map[string]any{"e": &flight.Error{Name: "TypeError", Message: "te"}},
			decoded: map[string]any{"e": &flight.Error{Name: "TypeError", Message: "te", Stack: []any{}, Env: "Server"}}},
		{name: "error root", value: &flight.Error{Name: "Error", Message: "boom", Digest: "d1"}},
		{name: "go error root", value: errors.New("plain go error")},
		{name: "shared object is a path reference", value: []any{shared, shared}},
		{name: "shared map is a path reference", value: []any{sharedMap, sharedMap}},
	}
}
