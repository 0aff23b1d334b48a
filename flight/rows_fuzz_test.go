package flight_test

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// FuzzDecodeRows feeds arbitrary bytes to DecodeRows: it must never panic,
// and every refusal is a *DecodeError (or the server's *Error for an error
// root).
func FuzzDecodeRows(f *testing.F) {
	for _, c := range rowCases() {
		var buf bytes.Buffer
		if err := flight.EncodeRows(&buf, c.value); err == nil && buf.Len() < 4096 {
			f.Add(buf.Bytes())
		}
	}
	f.Add([]byte("0:\"$0\"\n"))
	f.Add([]byte("0:[\"$1:0:0\"]\n1:[[\"$0\"]]\n"))
	f.Add([]byte("1:T5,hello0:\"$1\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		limits := flight.Limits{MaxArraySlots: 10000, MaxDepth: 32, MaxTotalBytes: 1 << 16}
		_, err := flight.DecodeRows(bytes.NewReader(data), limits)
		if err == nil {
			return
		}
		var de *flight.DecodeError
		var fe *flight.Error
		if !errors.As(err, &de) && !errors.As(err, &fe) {
			t.Fatalf("error %T %v is neither *DecodeError nor *Error", err, err)
		}
	})
}

// FuzzReplyRoundTrip builds a value from the fuzz bytes, encodes it as a
// reply (what React's encodeReply sends) and decodes it as the server does:
// the decoded tree must equal the value.
func FuzzReplyRoundTrip(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14})
	f.Add([]byte("\x07\x03\x09\x04\x01a\x01\x0a\x0c\x0b\x02hi\x0f\x01t\x01d"))
	f.Add(bytes.Repeat([]byte{7, 3}, 10))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := &valueBuilder{data: data, reply: true}
		v := []any{b.value(0), b.value(0)}
		r, err := flight.EncodeReply(v)
		if err != nil {
			t.Fatalf("EncodeReply(%#v): %v", v, err)
		}
		var body bytes.Buffer
		if _, err := r.WriteTo(&body); err != nil {
			t.Fatal(err)
		}
		got, err := flight.DecodeReply(bytes.NewReader(body.Bytes()), r.ContentType(), flight.Limits{})
		if err != nil {
			t.Fatalf("DecodeReply(%.300q): %.500v", body.Bytes(), err)
		}
		if d := sameValue(v, got); d != "" {
			t.Fatalf("reply %.300q: %.500s", body.Bytes(), d)
		}
	})
}

// FuzzRowsRoundTrip builds a value from the fuzz bytes, encodes it as rows
// and decodes it: the decoded tree must equal the value.
func FuzzRowsRoundTrip(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14})
	f.Add([]byte("\x05\x03abc\x06\x02\x01\x02\x07\x01\x08"))
	f.Add(bytes.Repeat([]byte{4, 200}, 10))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := &valueBuilder{data: data}
		v := b.value(0)
		var buf bytes.Buffer
		if err := flight.EncodeRows(&buf, v); err != nil {
			t.Fatalf("EncodeRows(%#v): %v", v, err)
		}
		got, err := flight.DecodeRows(bytes.NewReader(buf.Bytes()), flight.Limits{})
		if err != nil {
			t.Fatalf("DecodeRows(%q): %v", buf.Bytes(), err)
		}
		if d := sameValue(v, got); d != "" {
			t.Fatalf("rows %.300q: %.500s", buf.Bytes(), d)
		}
	})
}

// valueBuilder turns bytes into a value tree made of the decoded types, so
// that what is encoded is exactly what decoding must give back.
type valueBuilder struct {
	data  []byte
	pos   int
	reply bool // build only what a reply can carry: no symbols
}

func (b *valueBuilder) next() byte {
	if b.pos >= len(b.data) {
		return 0
	}
	c := b.data[b.pos]
	b.pos++
	return c
}

func (b *valueBuilder) str() string {
	n := int(b.next() % 16)
	var s strings.Builder
	for range n {
		s.WriteByte(b.next())
	}
	out := strings.ToValidUTF8(s.String(), "\ufffd")
	if b.next()%8 == 0 {
		out = strings.Repeat(out+"x", 1100/(len(out)+1)+1) // long enough for a T row
	}
	return out
}

func (b *valueBuilder) value(depth int) any {
	kind := b.next() % 16
	if depth > 4 && kind > 6 {
		kind %= 7
	}
	switch kind {
	case 0:
		return nil
	case 1:
		return b.next()%2 == 0
	case 2:
		return []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1.5, -1e21, 1e-7}[b.next()%8]
	case 3:
		return float64(int8(b.next())) * 1000.25
	case 4:
		return b.str()
	case 5:
		return big.NewInt(int64(int8(b.next())) << 40)
	case 6:
		return time.UnixMilli(int64(b.next()) * 86400000 * 37).UTC()
	case 7:
		n := int(b.next() % 4)
		out := make([]any, n)
		for i := range out {
			out[i] = b.value(depth + 1)
		}
		return out
	case 8:
		n := int(b.next() % 4)
		out := map[string]any{}
		for range n {
			out[b.str()] = b.value(depth + 1)
		}
		return out
	case 9:
		return &flight.Map{Entries: []flight.MapEntry{{Key: b.value(depth + 1), Value: b.value(depth + 1)}}}
	case 10:
		return &flight.Set{Values: []any{b.value(depth + 1)}}
	case 11:
		return flight.Uint8Array([]byte(b.str()))
	case 12:
		return &flight.Promise{Value: b.value(depth + 1)}
	case 13:
		if b.next()%4 == 0 {
			return &flight.Stream{Kind: flight.ReadableByteStream, Values: []any{flight.Uint8Array(b.str())}}
		}
		kinds := []flight.StreamKind{flight.ReadableStream, flight.AsyncIterable, flight.AsyncIterator}
		return &flight.Stream{Kind: kinds[b.next()%3], Values: []any{b.chunk(depth)}}
	case 14:
		if b.reply {
			return flight.Float64Array{float64(b.next()), -0.5}
		}
		return flight.Symbol(b.str())
	default:
		f := &flight.File{Name: "blob", Type: b.str(), Data: []byte(b.str())}
		if b.reply {
			f.Type = browserBlobType(f.Type)
		}
		return f
	}
}

func (b *valueBuilder) chunk(depth int) any {
	if b.data != nil && b.pos < len(b.data) && b.data[b.pos]%2 == 0 {
		b.pos++
		return flight.Uint8Array([]byte("chunk"))
	}
	return b.value(depth + 1)
}

// browserBlobType is the type a browser sends for a Blob created with type
// t (the File API: lower-cased, emptied if it holds a character outside
// U+0020–U+007E; an empty type goes as application/octet-stream).
func browserBlobType(t string) string {
	t = strings.Trim(t, " ")
	if strings.IndexFunc(t, func(r rune) bool { return r < 0x20 || r > 0x7e }) >= 0 || t == "" {
		return "application/octet-stream"
	}
	return strings.ToLower(t)
}
