package flight_test

import (
	"math"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// multipartBody builds a multipart/form-data body from name/value pairs; a
// value starting with "file:" becomes a file part named "blob".
func multipartBody(tb testing.TB, fields ...string) (string, string) {
	tb.Helper()
	if len(fields)%2 != 0 {
		tb.Fatal("multipartBody needs name/value pairs")
	}
	var b strings.Builder
	for i := 0; i < len(fields); i += 2 {
		b.WriteString("--B\r\n")
		name, value := fields[i], fields[i+1]
		if data, ok := strings.CutPrefix(value, "file:"); ok {
			b.WriteString(`Content-Disposition: form-data; name="` + name + `"; filename="blob"` + "\r\n")
			b.WriteString("Content-Type: application/octet-stream\r\n\r\n" + data + "\r\n")
		} else {
			b.WriteString(`Content-Disposition: form-data; name="` + name + `"` + "\r\n\r\n" + value + "\r\n")
		}
	}
	b.WriteString("--B--\r\n")
	return b.String(), "multipart/form-data; boundary=B"
}

func decodeMultipart(tb testing.TB, lim flight.Limits, fields ...string) (any, error) {
	tb.Helper()
	body, ct := multipartBody(tb, fields...)
	return flight.DecodeReply(strings.NewReader(body), ct, lim)
}

func assertEqual(tb testing.TB, got, want any) {
	tb.Helper()
	if !reflect.DeepEqual(got, want) {
		tb.Errorf("decoded value differs\n got: %#v\nwant: %#v", got, want)
	}
}

func TestDecodeReplyStringDecodesEveryInlineEncoding(t *testing.T) {
	t.Parallel()
	date := time.Date(2025, 1, 2, 3, 4, 5, 678e6, time.UTC)
	big20, _ := new(big.Int).SetString("12345678901234567890", 10)
	tests := []struct {
		name string
		in   string
		want any
	}{
		{"a string starting with $ loses one $", `"$$x"`, "$x"},
		{"a lone escaped $ is a dollar sign", `"$$"`, "$"},
		{"a plain string stays", `"hi"`, "hi"},
		{"NaN is a float", `"$NaN"`, math.NaN()},
		{"Infinity is +Inf", `"$Infinity"`, math.Inf(1)},
		{"-Infinity is -Inf", `"$-Infinity"`, math.Inf(-1)},
		{"a bigint is a *big.Int", `"$n12345678901234567890"`, big20},
		{"a negative bigint keeps its sign", `"$n-5"`, big.NewInt(-5)},
		{"undefined is Undefined", `"$undefined"`, flight.Undefined{}},
		{"undefined in an array stays", `[1,"$undefined"]`, []any{1.0, flight.Undefined{}}},
		{"undefined as a property drops the key", `{"a":1,"u":"$undefined"}`, map[string]any{"a": 1.0}},
		{"a Date is UTC time", `"$D2025-01-02T03:04:05.678Z"`, date},
		{"a Date with a six-digit year", `"$D+010000-01-01T00:00:00.000Z"`, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"null, booleans and numbers are JSON", `[null,true,false,1.5]`, []any{nil, true, false, 1.5}},
		{"a path reference shares the object", `[{"a":1},"$0:0",{"in":"$0:0"}]`,
			[]any{map[string]any{"a": 1.0}, map[string]any{"a": 1.0}, map[string]any{"in": map[string]any{"a": 1.0}}}},
		{"a reference may point forward in its own part", `["$0:1",{"x":1}]`, []any{map[string]any{"x": 1.0}, map[string]any{"x": 1.0}}},
		{"a path may reach a leaf", `[{"a":"s"},"$0:0:a"]`, []any{map[string]any{"a": "s"}, "s"}},
		{"__proto__ is an ordinary key", `[{"__proto__":{"x":1}},"$0:0:__proto__"]`,
			[]any{map[string]any{"__proto__": map[string]any{"x": 1.0}}, map[string]any{"x": 1.0}}},
		{"temporary references get their own path", `["$T",{"key":"$T","list":[0,"$T"]}]`,
			[]any{flight.TemporaryRef{ID: "0:0"}, map[string]any{"key": flight.TemporaryRef{ID: "0:1:key"}, "list": []any{0.0, flight.TemporaryRef{ID: "0:1:list:1"}}}}},
		{"invalid UTF-8 becomes U+FFFD", "\"a\xffb\"", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := flight.DecodeReplyString(tt.in, flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeReplyString(%s): %v", tt.in, err)
			}
			if f, ok := tt.want.(float64); ok && math.IsNaN(f) {
				if g, ok := got.(float64); !ok || !math.IsNaN(g) {
					t.Fatalf("got %#v, want NaN", got)
				}
				return
			}
			assertEqual(t, got, tt.want)
		})
	}
	t.Run("negative zero keeps its sign", func(t *testing.T) {
		got, err := flight.DecodeReplyString(`"$-0"`, flight.Limits{})
		if f, ok := got.(float64); err != nil || !ok || f != 0 || !math.Signbit(f) {
			t.Fatalf("got %#v, %v; want -0", got, err)
		}
	})
}

func TestDecodeReplyDecodesOutlinedParts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		fields []string
		want   any
	}{
		{"a Map part becomes a *Map in order", []string{"1", `[["k",1],[2,{"v":true}]]`, "0", `"$Q1"`},
			&flight.Map{Entries: []flight.MapEntry{{Key: "k", Value: 1.0}, {Key: 2.0, Value: map[string]any{"v": true}}}}},
		{"a Set part becomes a *Set", []string{"0", `"$W1"`, "1", `["a",3]`}, &flight.Set{Values: []any{"a", 3.0}}},
		{"an iterator part becomes an *Iterator", []string{"2", `[1,"two"]`, "0", `"$i2"`}, &flight.Iterator{Values: []any{1.0, "two"}}},
		{"a promise part holds its value", []string{"0", `"$@1"`, "1", `{"p":1}`}, &flight.Promise{Value: map[string]any{"p": 1.0}}},
		{"parts named in decimal are referenced in hex", []string{"10", `[1]`, "0", `"$Wa"`}, &flight.Set{Values: []any{1.0}}},
		{"a FormData takes its _h_ fields in order, files included",
			[]string{"_1_name", "Ada", "_1_file", "file:hi", "_1_name", "Bob", "0", `"$K1"`},
			&flight.FormData{Entries: []flight.FormEntry{{Name: "name", Value: "Ada"}, {Name: "file", File: &flight.File{Name: "blob", Type: "application/octet-stream", Data: []byte("hi")}}, {Name: "name", Value: "Bob"}}}},
		{"a FormData from id 10 on uses the decimal field prefix", []string{"_12_x", "1", "0", `"$Kc"`},
			&flight.FormData{Entries: []flight.FormEntry{{Name: "x", Value: "1"}}}},
		{"a Blob is a *File", []string{"1", "file:blob!", "0", `"$B1"`}, &flight.File{Name: "blob", Type: "application/octet-stream", Data: []byte("blob!")}},
		{"an ArrayBuffer is raw bytes", []string{"1", "file:\x01\x02", "0", `"$A1"`}, flight.ArrayBuffer{1, 2}},
		{"an Int16Array is little-endian", []string{"1", "file:\xfe\xff\x03\x00", "0", `"$S1"`}, flight.Int16Array{-2, 3}},
		{"a server reference has its id and no bound args", []string{"1", `{"id":"abc#fn","bound":null}`, "0", `"$h1"`}, &flight.ServerRef{ID: "abc#fn"}},
		{"a bound server reference takes its args from a promise part",
			[]string{"1", `{"id":"abc#fn","bound":"$@2"}`, "2", `["x",1]`, "0", `"$h1"`}, &flight.ServerRef{ID: "abc#fn", Bound: []any{"x", 1.0}}},
		{"a value stream collects its chunks", []string{"0", `"$R1"`, "S1", `"a"`, "S1", `{"b":2}`, "S1", "C"},
			&flight.Stream{Kind: flight.ReadableStream, Values: []any{"a", map[string]any{"b": 2.0}}}},
		{"an async iterator keeps its return value", []string{"0", `"$x1"`, "S1", `1`, "S1", `C"done"`},
			&flight.Stream{Kind: flight.AsyncIterator, Values: []any{1.0}, Return: "done"}},
		{"a byte stream collects Uint8Arrays", []string{"0", `"$r1"`, "2", "file:\x01\x02", "S1", `"$o2"`, "S1", "C"},
			&flight.Stream{Kind: flight.ReadableByteStream, Values: []any{flight.Uint8Array{1, 2}}}},
		{"a temporary reference in an outlined part gets the part's path", []string{"0", `"$@1"`, "1", `["$T"]`},
			&flight.Promise{Value: []any{flight.TemporaryRef{ID: "1:0"}}}},
		{"the root part may come last", []string{"1", `"x"`, "0", `["$1"]`}, []any{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeMultipart(t, flight.Limits{}, tt.fields...)
			if err != nil {
				t.Fatalf("DecodeReply: %v", err)
			}
			assertEqual(t, got, tt.want)
		})
	}
}

// TestDecodeReplyReadsReactBodies decodes bodies written by React's own
// encodeReply (testdata/decode/gen.mjs).
func TestDecodeReplyReadsReactBodies(t *testing.T) {
	t.Parallel()
	big20, _ := new(big.Int).SetString("12345678901234567890", 10)
	shared := map[string]any{"a": 1.0}
	tests := map[string]func(t *testing.T, v []any){
		"scalars": func(t *testing.T, v []any) {
			if len(v) != 13 || !math.IsNaN(v[2].(float64)) || !math.Signbit(v[1].(float64)) {
				t.Fatalf("got %#v", v)
			}
			v[1], v[2] = nil, nil
			assertEqual(t, v, []any{"$x", nil, nil, math.Inf(1), math.Inf(-1), big20, flight.Undefined{},
				time.Date(2025, 1, 2, 3, 4, 5, 678e6, time.UTC), map[string]any{"a": 1.0, "s": "$"},
				[]any{1.0, []any{2.0, nil}}, nil, true, "hi"})
		},
		"shared": func(t *testing.T, v []any) {
			assertEqual(t, v, []any{shared, shared, map[string]any{"in": shared}})
		},
		"map_set": func(t *testing.T, v []any) {
			assertEqual(t, v, []any{
				&flight.Map{Entries: []flight.MapEntry{{Key: "k", Value: 1.0}, {Key: 2.0, Value: map[string]any{"v": true}}}},
				&flight.Set{Values: []any{"a", 3.0}},
			})
		},
		"formdata": func(t *testing.T, v []any) {
			assertEqual(t, v, []any{&flight.FormData{Entries: []flight.FormEntry{
				{Name: "name", Value: "Ada"},
				{Name: "file", File: &flight.File{Name: "h.txt", Type: "text/plain", Data: []byte("hello")}},
				{Name: "name", Value: "Bob"},
			}}, "after"})
		},
		"blobs": func(t *testing.T, v []any) {
			assertEqual(t, v, []any{
				&flight.File{Name: "blob", Type: "application/octet-stream", Data: []byte("blob!")},
				&flight.File{Name: "f.bin", Type: "x/y", Data: []byte("file")},
			})
		},
		"typed": func(t *testing.T, v []any) {
			assertEqual(t, v, []any{
				flight.ArrayBuffer{1, 2, 255}, flight.Int8Array{-1, 2}, flight.Uint8Array{1, 2}, flight.Uint8ClampedArray{255},
				flight.Int16Array{-2, 3}, flight.Uint16Array{65535}, flight.Int32Array{-5}, flight.Uint32Array{4000000000},
				flight.Float32Array{1.5}, flight.Float64Array{-2.25}, flight.BigInt64Array{-7}, flight.BigUint64Array{math.MaxUint64},
				flight.DataView{9, 8},
			})
		},
		"promise_iter": func(t *testing.T, v []any) {
			assertEqual(t, v, []any{&flight.Promise{Value: map[string]any{"p": 1.0}}, &flight.Iterator{Values: []any{1.0, "two"}}})
		},
		"streams": func(t *testing.T, v []any) {
			assertEqual(t, v, []any{
				&flight.Stream{Kind: flight.ReadableByteStream, Values: []any{flight.Uint8Array{1, 2, 3, 4}}},
				&flight.Stream{Kind: flight.ReadableStream, Values: []any{"a", map[string]any{"b": 2.0}}},
				&flight.Stream{Kind: flight.AsyncIterable, Values: []any{"x", 2.0}},
				&flight.Stream{Kind: flight.AsyncIterator, Values: []any{1.0, "two"}, Return: "done"},
			})
		},
		"server_ref": func(t *testing.T, v []any) {
			assertEqual(t, v, []any{&flight.ServerRef{ID: "abc#fn"}})
		},
		"temporary": func(t *testing.T, v []any) {
			assertEqual(t, v, []any{flight.TemporaryRef{ID: "0:0"}, map[string]any{
				"key": flight.TemporaryRef{ID: "0:1:key"}, "list": []any{0.0, flight.TemporaryRef{ID: "0:1:list:1"}}}})
		},
	}
	for name, check := range tests {
		t.Run("React's "+name+" body decodes", func(t *testing.T) {
			dir := filepath.Join("testdata", "decode")
			ct, err := os.ReadFile(filepath.Join(dir, name+".ctype"))
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(filepath.Join(dir, name+".body"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			v, err := flight.DecodeReply(f, string(ct), flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeReply: %v", err)
			}
			args, ok := v.([]any)
			if !ok {
				t.Fatalf("root is %T, want []any", v)
			}
			check(t, args)
		})
	}
}

func TestDecodeReplyServerReferencesToOnePartAppendApart(t *testing.T) {
	t.Parallel()
	for _, bound := range []string{`[1]`, `[]`} {
		t.Run("bound to "+bound, func(t *testing.T) {
			v, err := decodeMultipart(t, flight.Limits{}, "1", `{"id":"a","bound":"$@2"}`, "2", bound, "0", `["$h1","$h1"]`)
			if err != nil {
				t.Fatal(err)
			}
			refs := v.([]any)
			a, b := refs[0].(*flight.ServerRef), refs[1].(*flight.ServerRef)
			withX := append(a.Bound, "x")
			withY := append(b.Bound, "y")
			if withX[len(withX)-1] != "x" || withY[len(withY)-1] != "y" {
				t.Errorf("appending to one reference's Bound changed the other's: %v, %v", withX, withY)
			}
		})
	}
}

// A call without arguments, as encodeReply sends it and however the body
// spells it, has no arguments; a body that only starts like one is refused.
func TestDecodeReplyOfNoArguments(t *testing.T) {
	t.Parallel()
	multipart, multipartType := multipartBody(t, "0", `[]`)
	tests := []struct{ name, body, contentType string }{
		{"fetch's string body", `[]`, "text/plain;charset=UTF-8"},
		{"text/plain", `[]`, "text/plain"},
		{"another spelling of the type", `[]`, "Text/Plain; charset=utf-8"},
		{"spaces inside", `[ ]`, "text/plain;charset=UTF-8"},
		{"a form with the one part", multipart, multipartType},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := flight.DecodeReply(strings.NewReader(tc.body), tc.contentType, flight.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if args, ok := v.([]any); !ok || len(args) != 0 {
				t.Fatalf("got %#v, want no arguments", v)
			}
		})
	}
	for _, body := range []string{`[`, `[]]`, `[],`} {
		if v, err := flight.DecodeReply(strings.NewReader(body), "text/plain;charset=UTF-8", flight.Limits{}); err == nil {
			t.Errorf("DecodeReply(%q) = %#v, want an error", body, v)
		}
	}
}
