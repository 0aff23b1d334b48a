package flight

import (
	"io"
	"slices"
	"strings"
)

// This file writes a multipart [Reply] as a browser's FormData body. It is
// written by hand rather than through mime/multipart, whose per-part header
// maps, Sprintf and random boundary cost more than encoding the reply; the
// bytes are those mime/multipart writes (reply_write_test.go checks it).

// WriteTo writes the request body: the JSON text, or the multipart form.
func (r *Reply) WriteTo(w io.Writer) (int64, error) {
	if r.isText {
		n, err := io.WriteString(w, r.text)
		return int64(n), err
	}
	var total int64
	write := func(b []byte) error {
		n, err := w.Write(b)
		total += int64(n)
		return err
	}
	// Built in a pooled buffer: w may not keep what it is given.
	buf := rowBuffers.Get().(*[]byte)
	defer putRowBuffer(buf)
	b := slices.Grow((*buf)[:0], r.bodySize())
	defer func() { *buf = b }()
	for i, f := range r.fields {
		if i > 0 {
			b = append(b, '\r', '\n')
		}
		b = append(b, "--"...)
		b = append(b, r.boundary[:]...)
		b = append(b, "\r\nContent-Disposition: form-data; name=\""...)
		b = appendEscapedQuotes(b, f.Name)
		if f.File == nil {
			b = append(b, "\"\r\n\r\n"...)
			b = append(b, f.Value...)
			continue
		}
		b = append(b, "\"; filename=\""...)
		b = appendEscapedQuotes(b, f.File.Name)
		b = append(b, "\"\r\nContent-Type: "...)
		b = append(b, partType(f.File.Type)...)
		b = append(b, "\r\n\r\n"...)
		// File bytes go to w as they are, not through the buffer.
		if err := write(b); err != nil {
			return total, err
		}
		if err := write(f.File.Data); err != nil {
			return total, err
		}
		b = b[:0]
	}
	b = append(b, "\r\n--"...)
	b = append(b, r.boundary[:]...)
	b = append(b, "--\r\n"...)
	return total, write(b)
}

// bodySize is the size of the body without its file contents, enough for
// the buffer WriteTo builds it in.
func (r *Reply) bodySize() int {
	n := len(r.boundary) + 8
	for _, f := range r.fields {
		n += len(r.boundary) + 64 + len(f.Name) + len(f.Value)
		if f.File != nil {
			n += len(f.File.Name) + len(f.File.Type) + 40
		}
	}
	return n
}

// appendEscapedQuotes escapes a form field or file name as browsers do (the
// HTML standard's multipart/form-data encoding): '"' and newlines
// percent-encoded.
func appendEscapedQuotes(b []byte, s string) []byte {
	for {
		i := strings.IndexAny(s, "\"\r\n")
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		switch s[i] {
		case '"':
			b = append(b, "%22"...)
		case '\r':
			b = append(b, "%0D"...)
		case '\n':
			b = append(b, "%0A"...)
		}
		s = s[i+1:]
	}
}

// partType is the Content-Type a browser writes for a Blob of type t: the
// File API lower-cases the type and empties it if it holds any character
// outside U+0020–U+007E (so no type can break out of its header line), and
// an empty type goes as application/octet-stream. Outer spaces are trimmed,
// as every header reader trims them.
func partType(t string) string {
	t = strings.Trim(t, " ")
	for i := 0; i < len(t); i++ {
		if t[i] < 0x20 || t[i] > 0x7e {
			t = ""
			break
		}
	}
	if t == "" {
		return "application/octet-stream"
	}
	return strings.ToLower(t)
}
