package flight_test

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// replyExpectations is what flight.DecodeReply must return for each case of
// testdata/react/encode-battery.mjs, keyed by the same names. The root of a
// reply is the argument list, so every value is a []any.
func replyExpectations() map[string]any {
	negZero := math.Copysign(0, -1)
	big1, _ := new(big.Int).SetString("-1234567890123456789012345678901234567890", 10)
	octet := "application/octet-stream" // what a browser writes for a Blob without a type
	return map[string]any{
		"empty argument list":            []any{},
		"plain strings":                  []any{"hello", ""},
		"strings starting with a dollar": []any{"$x", "$", "$$", "$@1", "$undefined"},
		"long unicode string":            []any{"héllo wörld 世界 🎉 " + strings.Repeat("λ", 5000)},
		"ordinary numbers":               []any{0.0, 1.5, -2.0, 1e21, 9007199254740991.0, 5e-324},
		"negative zero":                  []any{negZero},
		"NaN and infinities":             []any{math.NaN(), math.Inf(1), math.Inf(-1)},
		"bigints":                        []any{big.NewInt(0), big.NewInt(123), big1},
		"undefined in an array":          []any{[]any{flight.Undefined{}, 1.0, flight.Undefined{}}},
		// A property whose value is undefined is absent, as in JS.
		"undefined as an object property": []any{map[string]any{"b": 1.0}},
		"null and booleans":               []any{nil, true, false},
		"dates": []any{
			time.Date(2025, 1, 2, 3, 4, 5, 678e6, time.UTC),
			time.Date(1969, 12, 31, 23, 59, 59, 999e6, time.UTC),
		},
		"nested arrays and objects": []any{map[string]any{
			"a": []any{1.0, map[string]any{"b": []any{2.0, []any{3.0, []any{}}}}},
			"c": map[string]any{"d": map[string]any{"e": "f"}},
			"":  map[string]any{},
		}},
		"map with non-string keys in insertion order": []any{&flight.Map{Entries: []flight.MapEntry{
			{Key: "z", Value: "last letter first"},
			{Key: 1.0, Value: "number one"},
			{Key: "1", Value: "string one"},
			{Key: map[string]any{"k": 1.0}, Value: "object key"},
			{Key: true, Value: nil},
			{Key: 0.0, Value: "negative zero key"}, // a JS Map turns a -0 key into 0
		}}},
		"set": []any{&flight.Set{Values: []any{3.0, "a", map[string]any{"x": 1.0}, nil}}},
		"form data with strings, a file and a blob": []any{&flight.FormData{Entries: []flight.FormEntry{
			{Name: "name", Value: "Ada"},
			{Name: "upload", File: &flight.File{Name: "hello.txt", Type: "text/plain", Data: []byte("hello file")}},
			{Name: "tag", Value: "one"},
			{Name: "raw", File: &flight.File{Name: "blob", Type: octet, Data: []byte{0, 1, 2, 255}}},
			{Name: "tag", Value: "two"},
		}}},
		"file alone":                            []any{&flight.File{Name: "data.json", Type: "application/json", Data: []byte(`{"a":1}`)}},
		"blob alone":                            []any{&flight.File{Name: "blob", Type: "application/x-test", Data: []byte{0, 1, 2, 255}}},
		"array buffer":                          []any{flight.ArrayBuffer{1, 2, 3}},
		"Int8Array":                             []any{flight.Int8Array{-128, -1, 0, 127}},
		"Uint8Array":                            []any{flight.Uint8Array{0, 1, 255}},
		"Uint8ClampedArray":                     []any{flight.Uint8ClampedArray{0, 128, 255}},
		"Int16Array":                            []any{flight.Int16Array{-32768, -1, 32767}},
		"Uint16Array":                           []any{flight.Uint16Array{0, 1, 65535}},
		"Int32Array":                            []any{flight.Int32Array{-2147483648, -1, 2147483647}},
		"Uint32Array":                           []any{flight.Uint32Array{0, 1, 4294967295}},
		"Float32Array":                          []any{flight.Float32Array{1.5, float32(negZero), float32(math.Inf(1))}},
		"Float64Array":                          []any{flight.Float64Array{math.Pi, negZero, math.NaN()}},
		"BigInt64Array":                         []any{flight.BigInt64Array{math.MinInt64, -1, math.MaxInt64}},
		"BigUint64Array":                        []any{flight.BigUint64Array{0, math.MaxUint64}},
		"DataView":                              []any{flight.DataView{9, 8, 7, 6}},
		"typed array view into a larger buffer": []any{flight.Uint16Array{2, 3}},
		"resolved promise":                      []any{&flight.Promise{Value: map[string]any{"ok": true}}},
		// An iterator's return value does not travel in a reply.
		"generator":                []any{&flight.Iterator{Values: []any{1.0, "two"}}},
		"readable stream of bytes": []any{&flight.Stream{Kind: flight.ReadableByteStream, Values: []any{flight.Uint8Array{1, 2, 3, 4, 5}}}},
		"readable stream of values": []any{&flight.Stream{Kind: flight.ReadableStream, Values: []any{
			"a", map[string]any{"b": 1.0}, big.NewInt(2),
		}}},
		"async iterable":                     []any{&flight.Stream{Kind: flight.AsyncIterable, Values: []any{1.0, map[string]any{"two": 2.0}}}},
		"async iterator with a return value": []any{&flight.Stream{Kind: flight.AsyncIterator, Values: []any{"a", "b"}, Return: "done"}},
		"server reference":                   []any{&flight.ServerRef{ID: "actions#save"}},
		"bound server reference": []any{&flight.ServerRef{ID: "actions#save", Bound: []any{
			"user-7", 2.0, map[string]any{"deep": []any{true}},
		}}},
		"shared object seen twice": []any{
			map[string]any{"a": 1.0}, map[string]any{"a": 1.0}, map[string]any{"inner": map[string]any{"a": 1.0}},
		},
		"form data with a file beside a map of dates": []any{
			&flight.FormData{Entries: []flight.FormEntry{
				{Name: "title", Value: "report"},
				{Name: "attachment", File: &flight.File{Name: "r.zip", Type: "application/zip", Data: []byte{0x50, 0x4b, 3, 4}}},
			}},
			&flight.Map{Entries: []flight.MapEntry{
				{Key: "created", Value: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
				{Key: "updated", Value: time.Date(2025, 12, 31, 23, 59, 59, 999e6, time.UTC)},
			}},
		},
		"object holding a set of maps": []any{map[string]any{
			"groups": &flight.Set{Values: []any{
				&flight.Map{Entries: []flight.MapEntry{{Key: "a", Value: 1.0}}},
				&flight.Map{Entries: []flight.MapEntry{{Key: 2.0, Value: []any{"b", &flight.Set{Values: []any{"c"}}}}}},
			}},
			"stamp": time.Unix(0, 0).UTC(),
		}},
		"promise of a map holding a typed array": []any{&flight.Promise{Value: &flight.Map{Entries: []flight.MapEntry{
			{Key: "pixels", Value: flight.Uint8ClampedArray{1, 2}},
		}}}},
	}
}

// TestReactEncodesGoDecodes runs React's own encodeReply on every case of
// encode-battery.mjs, rebuilds the request body a browser would send, and
// checks that flight.DecodeReply gives back the value React encoded.
func TestReactEncodesGoDecodes(t *testing.T) {
	out := runNode(t, "encode-battery.mjs", nil, false)
	var battery struct {
		Cases []struct {
			Name string   `json:"name"`
			Body nodeBody `json:"body"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(out, &battery); err != nil {
		t.Fatalf("encode-battery.mjs printed something that is not its JSON report: %v\n%s", err, out)
	}
	want := replyExpectations()
	seen := map[string]bool{}
	for _, c := range battery.Cases {
		seen[c.Name] = true
		expected, ok := want[c.Name]
		if !ok {
			t.Errorf("encode-battery.mjs has a case %q with no Go expectation in replyExpectations", c.Name)
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			body, contentType := c.Body.request(t)
			got, err := flight.DecodeReply(bytes.NewReader(body), contentType, flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeReply refused React's reply: %v\ncontent type: %s\nbody:\n%s", err, contentType, body)
			}
			if diffs := diffValue("root", expected, got); len(diffs) > 0 {
				t.Errorf("DecodeReply gave a different value for React's reply\nbody:\n%s\ndifferences:\n  %s",
					body, strings.Join(diffs, "\n  "))
			}
		})
	}
	var missing []string
	for name := range want {
		if !seen[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	for _, name := range missing {
		t.Errorf("Go expects a case %q that encode-battery.mjs did not produce", name)
	}
}
