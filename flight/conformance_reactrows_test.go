package flight_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// prodErrorMessage is the text React's production client shows for every
// server error: the production server sends only the digest, and DecodeRows
// fills in the same text.
const prodErrorMessage = "An error occurred in the Server Components render."

// TestGoDecodesReactRows renders every case of the rows battery with React's
// own Flight server (testdata/react/react-rows.mjs renders the JS values
// decode-rows.mjs expects, by case name), in the production and the
// development build, and decodes each payload with flight.DecodeRows. The
// result must be what rowsBattery says for that name, read through
// asDecodedFromReact's stated equivalences. React writes things Go does not
// (debug rows, a rejected promise as the root, outlined rows in other
// places), so this proves DecodeRows reads React's real server, not only
// EncodeRows.
func TestGoDecodesReactRows(t *testing.T) {
	battery := rowsBattery()
	for _, build := range []string{"production", "development"} {
		out := runNodeWith(t, nodeRun{
			script:    "react-rows.mjs",
			nodeFlags: []string{"--conditions", "react-server"},
			env:       []string{"NODE_ENV=" + build},
		}, nil)
		var rendered struct {
			Cases []rowsCase `json:"cases"`
		}
		if err := json.Unmarshal(out, &rendered); err != nil {
			t.Fatalf("react-rows.mjs (%s) printed something that is not its JSON: %v\n%.500s", build, err, out)
		}
		assertSameCaseNames(t, build, battery, rendered.Cases)

		debugRows := 0
		for _, c := range rendered.Cases {
			rows, err := base64.StdEncoding.DecodeString(c.Rows)
			if err != nil {
				t.Fatalf("case %q: bad base64 from react-rows.mjs: %v", c.Name, err)
			}
			debugRows += len(reactDebugRow.FindAll(rows, -1))
			goValue, known := battery[c.Name]
			if !known {
				continue // reported by assertSameCaseNames
			}
			t.Run("Go reads React's "+build+" rows for "+c.Name, func(t *testing.T) {
				got, err := flight.DecodeRows(bytes.NewReader(rows), flight.Limits{})
				if err != nil {
					t.Fatalf("DecodeRows refused React's rows: %v\nrows:\n%q", err, rows)
				}
				want := asDecodedFromReact(t, goValue, build, true)
				if diffs := diffValue("root", want, got); len(diffs) > 0 {
					t.Errorf("DecodeRows differs from the battery\nrows:\n%q\ndifferences:\n  %s", rows, strings.Join(diffs, "\n  "))
				}
			})
		}
		// The development server interleaves debug rows the client must
		// skip; make sure this run really fed some to DecodeRows.
		if build == "development" && debugRows == 0 {
			t.Errorf("React's development rows held no debug row (:N, D); the test no longer proves DecodeRows skips them")
		}
	}
}

// reactDebugRow matches the development-only rows: a ":N<timestamp>" row
// (React's time origin, with an empty id) and "<id>:D{...}" debug info.
var reactDebugRow = regexp.MustCompile(`(?m)^(:N[0-9.]+|[0-9a-f]+:D\{)`)

func assertSameCaseNames(t *testing.T, build string, battery map[string]any, cases []rowsCase) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.Name] = true
		if _, ok := battery[c.Name]; !ok {
			t.Errorf("react-rows.mjs (%s) rendered case %q, which rowsBattery lacks", build, c.Name)
		}
	}
	var missing []string
	for name := range battery {
		if !seen[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("react-rows.mjs (%s) did not render %q", build, missing)
	}
}

// asDecodedFromReact says what DecodeRows gives for React's rows of the JS
// value that a rowsBattery value stands for. Each equivalence is stated
// here; a Go type without one fails the test, so a new battery case needs a
// deliberate rule.
//
//   - Every Go integer is a JS number: float64.
//   - A []byte is a Uint8Array.
//   - An object property holding undefined is absent (JS drops it).
//   - A *File becomes a Blob: no name on the wire, DecodeRows names it "blob".
//   - An error carries its digest in both builds and its message only in
//     development; in production the message is the client's fixed text.
//     Stack and Env are debug data and diffValue does not compare them.
//   - An error as the root: the JS case is a rejected promise, which React
//     writes as "$@1" and an E row, so it decodes as a rejected *Promise.
//
// Everything else (strings, floats, bigints, dates, typed arrays, symbols,
// collections, streams, server references) decodes to its own Go type.
func asDecodedFromReact(tb testing.TB, v any, build string, root bool) any {
	tb.Helper()
	conv := func(x any) any { return asDecodedFromReact(tb, x, build, false) }
	convAll := func(xs []any) []any {
		if xs == nil {
			return nil
		}
		out := make([]any, len(xs))
		for i, x := range xs {
			out[i] = conv(x)
		}
		return out
	}
	switch x := v.(type) {
	case nil, bool, string, float64, *big.Int, time.Time, flight.Undefined, flight.Symbol, flight.ArrayBuffer, flight.DataView,
		flight.Int8Array, flight.Uint8Array, flight.Uint8ClampedArray, flight.Int16Array, flight.Uint16Array,
		flight.Int32Array, flight.Uint32Array, flight.Float32Array, flight.Float64Array,
		flight.BigInt64Array, flight.BigUint64Array:
		return x
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return reflect.ValueOf(x).Convert(reflect.TypeFor[float64]()).Interface()
	case []byte:
		return flight.Uint8Array(x)
	case []any:
		return convAll(x)
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if _, undef := e.(flight.Undefined); !undef {
				out[k] = conv(e)
			}
		}
		return out
	case *flight.Map:
		out := &flight.Map{}
		for _, e := range x.Entries {
			out.Entries = append(out.Entries, flight.MapEntry{Key: conv(e.Key), Value: conv(e.Value)})
		}
		return out
	case *flight.Set:
		return &flight.Set{Values: convAll(x.Values)}
	case *flight.Iterator:
		return &flight.Iterator{Values: convAll(x.Values)}
	case *flight.FormData:
		return x
	case *flight.File:
		return &flight.File{Name: "blob", Type: x.Type, Data: x.Data}
	case *flight.Promise:
		if x.Err != nil {
			return &flight.Promise{Err: reactError(tb, x.Err, build)}
		}
		return &flight.Promise{Value: conv(x.Value)}
	case *flight.Error:
		if root {
			return &flight.Promise{Err: reactError(tb, x, build)}
		}
		return reactError(tb, x, build)
	case *flight.Stream:
		return &flight.Stream{Kind: x.Kind, Values: convAll(x.Values), Return: conv(x.Return)}
	case *flight.ServerRef:
		return &flight.ServerRef{ID: x.ID, Bound: convAll(x.Bound)}
	}
	tb.Fatalf("no stated equivalence for a %T in the rows battery: add one to asDecodedFromReact", v)
	return nil
}

// reactError is the *Error DecodeRows gives for React's rows of err.
func reactError(tb testing.TB, err error, build string) *flight.Error {
	tb.Helper()
	e, ok := err.(*flight.Error)
	if !ok {
		tb.Fatalf("the rows battery holds a %T error; only *flight.Error has a stated equivalence", err)
	}
	msg := e.Message
	if build == "production" {
		msg = prodErrorMessage
	}
	return &flight.Error{Name: "Error", Message: msg, Digest: e.Digest}
}
