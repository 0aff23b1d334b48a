package flight

import (
	"bytes"
	"mime/multipart"
	"net/textproto"
	"reflect"
	"testing"
)

// The canonical parser is a shortcut past mime/multipart, never a second
// opinion: whenever it takes a body, it must give exactly the fields (or the
// refusal) the reference reader gives for the same bytes.
func FuzzMultipartAgreesWithMimeMultipart(f *testing.F) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.SetBoundary("B")
	_ = w.WriteField("0", `["$K1"]`)
	_ = w.WriteField("_1_title", "héllo")
	fw, _ := w.CreateFormFile("_1_f", "a.txt")
	_, _ = fw.Write([]byte("file\r\n--Bx body"))
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="e"; filename=""`)
	h.Set("Content-Type", "Text/Plain")
	pw, _ := w.CreatePart(h)
	_, _ = pw.Write(nil)
	_ = w.Close()
	f.Add(buf.Bytes())
	f.Add([]byte("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--\r\n"))
	f.Add([]byte("--B\r\ncontent-disposition: FORM-DATA; NAME=\"a\"\r\nX-Other: 1\r\n\r\n\r\n--B \r\n\r\n--B--"))
	f.Add([]byte("--B\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f\"\r\nContent-Type: a/b\r\n\r\n\x00\xff\r\n--B--epilogue"))
	lim := Limits{MaxParts: 8, MaxFieldBytes: 64, MaxFileBytes: 128}.withDefaults()
	f.Fuzz(func(t *testing.T, body []byte) {
		got, canonical, gotErr := parseCanonicalMultipart(body, "B", lim)
		if !canonical {
			return
		}
		want, wantErr := readMultipart(&countingReader{r: bytes.NewReader(body), max: lim.MaxTotalBytes}, "B", lim)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("canonical error %v, mime/multipart error %v, body %q", gotErr, wantErr, body)
		}
		if gotErr == nil && !reflect.DeepEqual(normalizeFields(got), normalizeFields(want)) {
			t.Fatalf("canonical read %#v\nmime/multipart read %#v\nbody %q", got, want, body)
		}
	})
}

// normalizeFields makes empty file data comparable: nil and empty slices
// hold the same bytes.
func normalizeFields(fields []bodyField) []bodyField {
	out := make([]bodyField, len(fields))
	for i, f := range fields {
		out[i] = f
		if f.File != nil {
			c := *f.File
			if len(c.Data) == 0 {
				c.Data = []byte{}
			}
			out[i].File = &c
		}
	}
	return out
}
