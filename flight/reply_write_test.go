package flight

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/textproto"
	"strings"
	"testing"
)

// mimeBody writes r's fields with mime/multipart, the reference WriteTo
// must agree with byte for byte.
func mimeBody(tb testing.TB, r *Reply) []byte {
	tb.Helper()
	escape := strings.NewReplacer("\"", "%22", "\r", "%0D", "\n", "%0A").Replace
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.SetBoundary(string(r.boundary[:])); err != nil {
		tb.Fatal(err)
	}
	for _, f := range r.fields {
		h := textproto.MIMEHeader{}
		if f.File == nil {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"`, escape(f.Name)))
			p, _ := mw.CreatePart(h)
			p.Write([]byte(f.Value))
			continue
		}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, escape(f.Name), escape(f.File.Name)))
		typ := f.File.Type
		if typ == "" {
			typ = "application/octet-stream"
		}
		h.Set("Content-Type", typ)
		p, _ := mw.CreatePart(h)
		p.Write(f.File.Data)
	}
	mw.Close()
	return buf.Bytes()
}

func TestReplyWriteToWritesWhatMimeMultipartWrites(t *testing.T) {
	t.Parallel()
	fd := &FormData{}
	fd.Append("a \"quoted\"\r\nname", "value\r\n--with a dash line")
	fd.AppendFile("up", &File{Name: "a\".txt", Type: "text/plain", Data: []byte("hello")})
	fd.AppendFile("raw", &File{Data: []byte{0, 1, 2}})
	for _, v := range []any{
		[]any{&Map{Entries: []MapEntry{{Key: "k", Value: 1.0}}}},
		[]any{fd, &Set{Values: []any{"$x"}}, Uint8Array{1, 2, 3}},
		[]any{&Stream{Kind: AsyncIterator, Values: []any{"a", 2.0}, Return: "r"}, &File{Type: "", Data: nil}},
	} {
		r, err := EncodeReply(v)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		n, err := r.WriteTo(&got)
		if err != nil || n != int64(got.Len()) {
			t.Fatalf("WriteTo = %d, %v; wrote %d bytes", n, err, got.Len())
		}
		if want := mimeBody(t, r); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("WriteTo wrote\n%q\nmime/multipart writes\n%q", got.Bytes(), want)
		}
	}
}
