package flight_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"mime"
	"mime/multipart"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// replyCases mirror calls of React's encodeReply; each golden file
// testdata/reply/<name>.txt lists the fields as "name" = "value" lines (or
// FILE lines), the format a node script printing encodeReply's FormData uses,
// so the two can be compared with diff.
func replyCases() []struct {
	name  string
	value any
} {
	shared := map[string]any{"a": 1}
	fd := &flight.FormData{}
	fd.Append("a", "1")
	fd.AppendFile("f", &flight.File{Type: "text/plain", Data: []byte("zz")})
	fd.Append("a", "2")
	ref := &flight.ServerRef{ID: "abc#fn"}
	many := make([]any, 12)
	for i := range many {
		many[i] = &flight.Set{Values: []any{i}}
	}
	return []struct {
		name  string
		value any
	}{
		{"basic", []any{map[string]any{"s": "hi", "dollar": "$x", "negz": math.Copysign(0, -1), "nan": math.NaN(),
			"inf": math.Inf(1), "ninf": math.Inf(-1), "big": big.NewInt(10), "u": flight.Undefined{}, "n": nil,
			"d": time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}}},
		{"mapset", []any{&flight.Map{Entries: []flight.MapEntry{{Key: "a", Value: 1}}}, &flight.Set{Values: []any{"x"}}}},
		{"formdata", []any{fd}},
		{"blob", []any{&flight.File{Type: "text/plain", Data: []byte("hi")}, &flight.File{Name: "n.txt", Data: []byte("x")}}},
		{"typed", []any{flight.Uint8Array{1, 2}, flight.ArrayBuffer{0, 0}, flight.Int16Array{-2}, flight.DataView{0}}},
		{"promise", []any{&flight.Promise{Value: map[string]any{"a": 1}}}},
		{"iterator", []any{&flight.Iterator{Values: []any{1, 2}}}},
		{"stream", []any{&flight.Stream{Kind: flight.ReadableStream, Values: []any{"a", map[string]any{"b": 1}}}}},
		{"bytestream", []any{&flight.Stream{Kind: flight.ReadableByteStream, Values: []any{flight.Uint8Array{1, 2}}}}},
		{"asyncgen", []any{&flight.Stream{Kind: flight.AsyncIterator, Values: []any{1}, Return: "done"}}},
		{"asynciterable", []any{&flight.Stream{Kind: flight.AsyncIterable, Values: []any{1}}}},
		{"serverref", []any{ref}},
		{"serverref bound", []any{&flight.ServerRef{ID: "abc#fn", Bound: []any{1, "x"}}}},
		{"shared", []any{shared, shared}},
		{"nested shared", []any{map[string]any{"x": map[string]any{"y": shared}}, shared}},
		{"many", many},
		{"map in set", []any{&flight.Set{Values: []any{&flight.Map{Entries: []flight.MapEntry{{Key: 1, Value: 2}}}}}}},
		{"long string", []any{strings.Repeat("x", 2000)}},
		{"date key", []any{map[string]any{"$a": 1}}},
	}
}

func listFields(tb testing.TB, r *flight.Reply) string {
	tb.Helper()
	if strings.HasPrefix(r.ContentType(), "text/plain") {
		f := r.Fields()
		if len(f) != 1 || f[0].Name != "0" {
			tb.Fatalf("a text reply must have the one field \"0\", got %v", f)
		}
		return "STRING " + strconv.Quote(f[0].Value) + "\n"
	}
	var b strings.Builder
	for _, f := range r.Fields() {
		if f.File != nil {
			fmt.Fprintf(&b, "%s = FILE name=%s type=%s bytes=%s\n", jsQuote(f.Name), jsQuote(f.File.Name), jsQuote(f.File.Type), jsQuote(string(f.File.Data)))
		} else {
			fmt.Fprintf(&b, "%s = %s\n", jsQuote(f.Name), jsQuote(f.Value))
		}
	}
	return b.String()
}

// jsQuote quotes like JSON.stringify of a latin1 string, the node script's
// format: control characters as \u00XX.
func jsQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range []byte(s) {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			fmt.Fprintf(&b, "\\u%04x", c)
		case c >= 0x80:
			b.WriteRune(rune(c))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestEncodeReplyMatchesGoldenFiles(t *testing.T) {
	for _, c := range replyCases() {
		t.Run(c.name, func(t *testing.T) {
			r, err := flight.EncodeReply(c.value)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "reply", fileName(c.name)+".txt", []byte(listFields(t, r)))
		})
	}
}

func TestEncodeReplyWritesTheBodyItsFieldsDescribe(t *testing.T) {
	fd := &flight.FormData{}
	fd.Append("name", `a "quoted" name`)
	fd.AppendFile("up", &flight.File{Name: "a.txt", Type: "text/plain", Data: []byte("hello")})
	r, err := flight.EncodeReply([]any{fd, &flight.Set{Values: []any{"$x"}}})
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	n, err := r.WriteTo(&body)
	if err != nil || n != int64(body.Len()) {
		t.Fatalf("WriteTo = %d, %v; body has %d bytes", n, err, body.Len())
	}
	mt, params, err := mime.ParseMediaType(r.ContentType())
	if err != nil || mt != "multipart/form-data" {
		t.Fatalf("content type %q: %v", r.ContentType(), err)
	}
	mr := multipart.NewReader(&body, params["boundary"])
	for i, want := range r.Fields() {
		p, err := mr.NextPart()
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		data, _ := io.ReadAll(p)
		if p.FormName() != want.Name {
			t.Errorf("part %d is named %q, want %q", i, p.FormName(), want.Name)
		}
		if want.File != nil {
			if p.FileName() != want.File.Name || string(data) != string(want.File.Data) || p.Header.Get("Content-Type") != want.File.Type {
				t.Errorf("part %d: file %q %q %q, want %+v", i, p.FileName(), p.Header.Get("Content-Type"), data, want.File)
			}
		} else if string(data) != want.Value {
			t.Errorf("part %d holds %q, want %q", i, data, want.Value)
		}
	}
	if _, err := mr.NextPart(); err != io.EOF {
		t.Errorf("extra part after the fields: %v", err)
	}
}

func TestEncodeReplyOfInlineValuesIsText(t *testing.T) {
	r, err := flight.EncodeReply([]any{"a", 1})
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	if _, err := r.WriteTo(&body); err != nil {
		t.Fatal(err)
	}
	if r.ContentType() != "text/plain;charset=UTF-8" || body.String() != `["a",1]` {
		t.Errorf("got %q %q", r.ContentType(), body.String())
	}
}

func TestEncodeReplyRefuses(t *testing.T) {
	for _, c := range []struct {
		name  string
		value any
		want  string
	}{
		{"a symbol", []any{flight.Symbol("x")}, "symbol"},
		{"an error", []any{errors.New("x")}, "error cannot be sent"},
		{"a flight error", []any{&flight.Error{Message: "x"}}, "error cannot be sent"},
		{"a rejected promise", []any{&flight.Promise{Err: errors.New("no")}}, "rejected promise"},
		{"an int beyond 2^53", []any{int64(1) << 60}, "does not fit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := flight.EncodeReply(c.value)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "flight: ") {
				t.Fatalf("err = %v, want a flight error containing %q", err, c.want)
			}
		})
	}
}

// A Blob's type comes from whoever built the value; written into a part
// header unchecked, "text/plain\r\nX: y" would add a header or a part.
func TestEncodeReplyCannotBreakOutOfAPartHeader(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, typ, want string }{
		{"a type with a line break becomes octet-stream", "text/plain\r\nContent-Disposition: form-data; name=\"0\"", "application/octet-stream"},
		{"a type with a NUL becomes octet-stream", "text/pl\x00ain", "application/octet-stream"},
		{"a type with non-ASCII becomes octet-stream", "text/plâin", "application/octet-stream"},
		{"a valid type is lower-cased as browsers do", "Text/Plain;Charset=UTF-8", "text/plain;charset=utf-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r, err := flight.EncodeReply([]any{&flight.File{Name: "a.txt", Type: c.typ, Data: []byte("x")}})
			if err != nil {
				t.Fatal(err)
			}
			var body bytes.Buffer
			if _, err := r.WriteTo(&body); err != nil {
				t.Fatal(err)
			}
			got, err := flight.DecodeReply(&body, r.ContentType(), flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeReply: %v", err)
			}
			f, ok := got.([]any)[0].(*flight.File)
			if !ok || f.Type != c.want || string(f.Data) != "x" {
				t.Errorf("decoded %#v, want a file of type %q holding x", got.([]any)[0], c.want)
			}
		})
	}
}

// A value could hold a multipart boundary to end its part early, were the
// boundary guessable: every reply gets one of its own.
func TestEncodeReplyGivesEveryMultipartReplyItsOwnBoundary(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		r, err := flight.EncodeReply([]any{&flight.Set{}})
		if err != nil {
			t.Fatal(err)
		}
		_, params, err := mime.ParseMediaType(r.ContentType())
		if err != nil {
			t.Fatal(err)
		}
		b := params["boundary"]
		if seen[b] {
			t.Fatalf("boundary %q given to two replies", b)
		}
		if random := strings.TrimPrefix(b, "----GoActionsFormBoundary"); len(random) != 32 || strings.Trim(random, "0123456789abcdef") != "" {
			t.Fatalf("boundary %q does not end in 128 bits of hex", b)
		}
		seen[b] = true
	}
}

// Encoders are pooled: replies encoded at once from many goroutines must
// neither race nor mix their parts (go test -race).
func TestEncodeReplyIsSafeForConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				want := fmt.Sprintf("g%d-%d", g, i)
				r, err := flight.EncodeReply([]any{want, &flight.Set{Values: []any{want}}, &flight.Map{Entries: []flight.MapEntry{{Key: want, Value: 1.0}}}})
				if err != nil {
					t.Error(err)
					return
				}
				var body bytes.Buffer
				if _, err := r.WriteTo(&body); err != nil {
					t.Error(err)
					return
				}
				got, err := flight.DecodeReply(&body, r.ContentType(), flight.Limits{})
				if err != nil {
					t.Error(err)
					return
				}
				args := got.([]any)
				if args[0] != want || args[1].(*flight.Set).Values[0] != want || args[2].(*flight.Map).Entries[0].Key != want {
					t.Errorf("reply %s decoded as %v", want, args)
					return
				}
			}
		})
	}
	wg.Wait()
}
