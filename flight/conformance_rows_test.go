package flight_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// rowsBattery is what Go sends to React's client, by case name; the JS value
// each must become is in testdata/react/decode-rows.mjs under the same name.
// Both must list the same names: decode-rows.mjs fails on any name only one
// side has.
func rowsBattery() map[string]any {
	negZero := math.Copysign(0, -1)
	big1, _ := new(big.Int).SetString("-1234567890123456789012345678901234567890", 10)
	shared := map[string]any{"a": 1}
	return map[string]any{
		"strings":                         []any{"hello", "", "$x", "$$", "$", "$@1"},
		"long unicode string":             "héllo wörld 世界 🎉 " + strings.Repeat("λ", 3000),
		"ordinary numbers":                []any{0, 1.5, -2, 1e21, int64(9007199254740991), 5e-324},
		"negative zero":                   negZero,
		"NaN and infinities":              []any{math.NaN(), math.Inf(1), math.Inf(-1)},
		"bigints":                         []any{big.NewInt(0), big.NewInt(123), big1},
		"undefined in an array":           []any{flight.Undefined{}, 1, flight.Undefined{}},
		"undefined as an object property": map[string]any{"a": flight.Undefined{}, "b": 1},
		"null and booleans":               []any{nil, true, false},
		"dates": []any{
			time.Date(2025, 1, 2, 3, 4, 5, 678e6, time.UTC),
			time.Date(1969, 12, 31, 23, 59, 59, 999e6, time.UTC),
		},
		"nested arrays and objects": map[string]any{
			"a": []any{1, map[string]any{"b": []any{2, []any{3, []any{}}}}},
			"c": map[string]any{"d": map[string]any{"e": "f"}},
			"":  map[string]any{},
		},
		"map with non-string keys in insertion order": &flight.Map{Entries: []flight.MapEntry{
			{Key: "z", Value: "last letter first"},
			{Key: 1, Value: "number one"},
			{Key: "1", Value: "string one"},
			{Key: map[string]any{"k": 1}, Value: "object key"},
			{Key: true, Value: nil},
		}},
		"set": &flight.Set{Values: []any{3, "a", map[string]any{"x": 1}, nil}},
		"form data": &flight.FormData{Entries: []flight.FormEntry{
			{Name: "name", Value: "Ada"}, {Name: "tag", Value: "one"}, {Name: "tag", Value: "two"},
		}},
		"blob":                &flight.File{Type: "text/plain", Data: []byte("hello")},
		"blob without a type": &flight.File{Data: []byte{0, 1, 2, 255}},
		"array buffer":        flight.ArrayBuffer{1, 2, 3},
		"Int8Array":           flight.Int8Array{-128, -1, 0, 127},
		"Uint8Array":          flight.Uint8Array{0, 1, 255},
		"Uint8ClampedArray":   flight.Uint8ClampedArray{0, 128, 255},
		"Int16Array":          flight.Int16Array{-32768, -1, 32767},
		"Uint16Array":         flight.Uint16Array{0, 1, 65535},
		"Int32Array":          flight.Int32Array{-2147483648, -1, 2147483647},
		"Uint32Array":         flight.Uint32Array{0, 1, 4294967295},
		"Float32Array":        flight.Float32Array{1.5, float32(negZero), float32(math.Inf(1))},
		"Float64Array":        flight.Float64Array{math.Pi, negZero, math.NaN()},
		"BigInt64Array":       flight.BigInt64Array{math.MinInt64, -1, math.MaxInt64},
		"BigUint64Array":      flight.BigUint64Array{0, math.MaxUint64},
		"DataView":            flight.DataView{9, 8, 7, 6},
		"symbol":              map[string]any{"sym": flight.Symbol("go.actions"), "again": flight.Symbol("go.actions")},
		"resolved promise":    map[string]any{"p": &flight.Promise{Value: map[string]any{"ok": true}}},
		"rejected promise": map[string]any{"p": &flight.Promise{
			Err: &flight.Error{Message: "nope", Digest: "digest-p"},
		}},
		"error as rejected root": &flight.Error{Message: "boom", Digest: "digest-root"},
		"nested error value":     map[string]any{"err": &flight.Error{Message: "inner"}, "ok": 1},
		"iterator":               &flight.Iterator{Values: []any{1, "two"}},
		"readable stream of values": &flight.Stream{Kind: flight.ReadableStream, Values: []any{
			"a", map[string]any{"b": 1}, big.NewInt(2),
		}},
		"readable stream of bytes": &flight.Stream{Kind: flight.ReadableByteStream, Values: []any{
			flight.Uint8Array{1, 2, 3}, flight.Uint8Array{4, 5},
		}},
		"async iterable":                     &flight.Stream{Kind: flight.AsyncIterable, Values: []any{1, map[string]any{"two": 2}}},
		"async iterator with a return value": &flight.Stream{Kind: flight.AsyncIterator, Values: []any{"a", "b"}, Return: "done"},
		"server reference":                   map[string]any{"action": &flight.ServerRef{ID: "actions#save"}},
		"shared object seen twice":           []any{shared, shared, map[string]any{"inner": shared}},
		"object holding a set of maps, a date and bytes": map[string]any{
			"groups": &flight.Set{Values: []any{
				&flight.Map{Entries: []flight.MapEntry{{Key: "a", Value: 1}}},
				&flight.Map{Entries: []flight.MapEntry{{Key: 2, Value: []any{"b", &flight.Set{Values: []any{"c"}}}}}},
			}},
			"stamp":  time.Unix(0, 0).UTC(),
			"pixels": []byte{7, 8}, // a plain []byte is a Uint8Array
			"note":   &flight.File{Type: "text/plain", Data: []byte("n")},
		},
	}
}

// TestGoEncodesReactDecodes writes every case of rowsBattery with
// flight.EncodeRows and has React's client, production and development
// builds, decode them and compare with the JS value it expects.
func TestGoEncodesReactDecodes(t *testing.T) {
	var cases []rowsCase
	for name, v := range rowsBattery() {
		var buf bytes.Buffer
		if err := flight.EncodeRows(&buf, v); err != nil {
			t.Errorf("EncodeRows(%s): %v", name, err)
			continue
		}
		cases = append(cases, rowsCase{Name: name, Rows: base64.StdEncoding.EncodeToString(buf.Bytes())})
	}
	out := runNode(t, "decode-rows.mjs", mustJSON(t, map[string]any{"cases": cases}), true)
	var report struct {
		Results []nodeResult `json:"results"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("decode-rows.mjs printed something that is not its JSON report: %v\n%s", err, out)
	}
	if len(report.Results) == 0 {
		t.Fatal("decode-rows.mjs reported no results")
	}
	rows := map[string]string{}
	for _, c := range cases {
		raw, _ := base64.StdEncoding.DecodeString(c.Rows)
		rows[c.Name] = string(raw)
	}
	for _, r := range report.Results {
		if !r.OK {
			t.Errorf("React's %s client on case %q: %s\nGo's rows:\n%q", r.Build, r.Name, r.Error, rows[r.Name])
		}
	}
}
