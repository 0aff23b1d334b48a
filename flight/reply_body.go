package flight

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// bodyField is one form field of a request body, in body order. File is nil
// for a string field.
type bodyField struct {
	Name  string
	Value string
	File  *File
}

// readBody reads a whole form body (multipart or urlencoded) into its fields
// in order, bounded by lim while it streams: it never reads more than
// MaxTotalBytes+1 bytes, never holds a field beyond MaxFieldBytes or a file
// beyond MaxFileBytes, and stops after MaxParts fields. text/plain is one
// field named "0", the JSON form of a reply.
func readBody(body io.Reader, contentType string, lim Limits, allowText bool) ([]bodyField, error) {
	mediaType, params, err := parseMediaType(contentType)
	if err != nil {
		return nil, decodeErr(RuleSyntax, "", "unreadable Content-Type %q", contentType)
	}
	cr := &countingReader{r: io.LimitReader(body, lim.MaxTotalBytes+1), max: lim.MaxTotalBytes, hint: min(int64(lenHint(body)), lim.MaxTotalBytes)}
	switch mediaType {
	case "multipart/form-data":
		if params["boundary"] == "" {
			return nil, decodeErr(RuleSyntax, "", "multipart Content-Type has no boundary")
		}
		return readMultipartBody(cr, params["boundary"], lim)
	case "application/x-www-form-urlencoded":
		if allowText {
			break
		}
		return readURLEncoded(cr, lim)
	case "text/plain":
		if !allowText {
			break
		}
		s, err := readLimited(cr, lim.MaxFieldBytes, "MaxFieldBytes", "the reply")
		if err != nil {
			return nil, err
		}
		return []bodyField{{Name: "0", Value: s}}, nil
	}
	return nil, decodeErr(RuleSyntax, "", "unsupported Content-Type %q", mediaType)
}

// parseMediaType is mime.ParseMediaType, without its allocations for the
// Content-Type a browser's fetch sends with a string body, as a reply from
// script has (fetch's own spelling; anything else is parsed).
func parseMediaType(v string) (string, map[string]string, error) {
	if v == "text/plain;charset=UTF-8" {
		return "text/plain", nil, nil
	}
	return mime.ParseMediaType(v)
}

// countingReader reports a MaxTotalBytes refusal as soon as the body goes
// one byte beyond it, so every later error is about the bytes themselves.
type countingReader struct {
	r    io.Reader
	n    int64
	max  int64
	hint int64 // the body's announced length, capped at max, or 0
}

var errTooLarge = errors.New("body too large")

// maxPrealloc is the most readAll allocates for a body before reading it.
const maxPrealloc = 64 << 10

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		return n, errTooLarge
	}
	return n, err
}

func totalErr(cr *countingReader) *DecodeError {
	return decodeErr("MaxTotalBytes", "", "the body is larger than %d bytes", cr.max)
}

// lenHint is how many bytes r says it holds (bytes.Reader, strings.Reader
// and bytes.Buffer do), or 0.
func lenHint(r io.Reader) int {
	if sized, ok := r.(interface{ Len() int }); ok {
		return sized.Len()
	}
	return 0
}

// readAll is io.ReadAll starting with room for hint bytes and one more, so
// that a body of the announced size is read into one buffer instead of one
// grown by doubling (the one more byte sees the end without growing). Room
// is made for at most maxPrealloc bytes before they arrive: a client that
// announces a megabyte and sends nothing must not hold a megabyte.
func readAll(r io.Reader, hint int) ([]byte, error) {
	size := 512
	if hint > 0 {
		size = min(hint+1, maxPrealloc)
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// readLimited reads cr to its end, refusing more than max bytes under rule.
// The body is read into one buffer when its length is announced, and the
// string shares that buffer, which nothing writes again.
func readLimited(cr *countingReader, max int64, rule, what string) (string, error) {
	data, err := readAll(io.LimitReader(cr, max+1), int(min(cr.hint, max)))
	if errors.Is(err, errTooLarge) {
		return "", decodeErr("MaxTotalBytes", "", "the body is too large")
	}
	if err != nil {
		return "", decodeErr(RuleSyntax, "", "reading %s: %v", what, err)
	}
	if int64(len(data)) > max {
		return "", decodeErr(rule, "", "%s is larger than %d bytes", what, max)
	}
	return unsafe.String(unsafe.SliceData(data), len(data)), nil
}

func readMultipart(cr *countingReader, boundary string, lim Limits) ([]bodyField, error) {
	mr := multipart.NewReader(cr, boundary)
	var fields []bodyField
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return fields, nil
		}
		if err != nil {
			if cr.n > cr.max {
				return nil, totalErr(cr)
			}
			return nil, decodeErr(RuleSyntax, "", "malformed multipart body: %v", err)
		}
		if len(fields) >= lim.MaxParts {
			return nil, decodeErr("MaxParts", "", "the body has more than %d parts", lim.MaxParts)
		}
		name, filename, isFile, err := partDisposition(p.Header)
		if err != nil {
			return nil, err
		}
		max, rule := lim.MaxFieldBytes, "MaxFieldBytes"
		if isFile {
			max, rule = lim.MaxFileBytes, "MaxFileBytes"
		}
		data, err := io.ReadAll(io.LimitReader(p, max+1))
		if err != nil {
			if cr.n > cr.max {
				return nil, totalErr(cr)
			}
			return nil, decodeErr(RuleSyntax, "", "malformed multipart part %q: %v", name, err)
		}
		if int64(len(data)) > max {
			return nil, decodeErr(rule, "", "part %q is larger than %d bytes", name, max)
		}
		if isFile {
			fields = append(fields, bodyField{Name: name, File: &File{
				Name: filename, Type: p.Header.Get("Content-Type"), Data: data,
			}})
		} else {
			fields = append(fields, bodyField{Name: name, Value: validUTF8(data)})
		}
	}
}

// partDisposition reads a part's name and, when the filename parameter is
// present (even empty, as browsers send for an empty file input), its file
// name: the presence, not the value, makes a part a file, as in FormData.
func partDisposition(h textproto.MIMEHeader) (name, filename string, isFile bool, err error) {
	disp, params, perr := mime.ParseMediaType(h.Get("Content-Disposition"))
	if perr != nil || disp != "form-data" {
		return "", "", false, decodeErr(RuleSyntax, "", "multipart part without a form-data Content-Disposition")
	}
	name, ok := params["name"]
	if !ok {
		return "", "", false, decodeErr(RuleSyntax, "", "multipart part without a name")
	}
	filename, isFile = params["filename"]
	return unescapeFormName(name), unescapeFormName(filename), isFile, nil
}

// validUTF8 decodes field bytes as browsers and Node do: invalid sequences
// become U+FFFD.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
}

// readURLEncoded splits an application/x-www-form-urlencoded body the way
// the WHATWG URL standard does (and so URLSearchParams and FormData in the
// browser): fields in order, '+' is a space, invalid percent escapes stay as
// written.
func readURLEncoded(cr *countingReader, lim Limits) ([]bodyField, error) {
	s, err := readLimited(cr, cr.max, "MaxTotalBytes", "the body")
	if err != nil {
		return nil, err
	}
	var fields []bodyField
	for s != "" {
		var pair string
		pair, s, _ = strings.Cut(s, "&")
		if pair == "" {
			continue
		}
		if len(fields) >= lim.MaxParts {
			return nil, decodeErr("MaxParts", "", "the form has more than %d fields", lim.MaxParts)
		}
		if int64(len(pair)) > 3*lim.MaxFieldBytes+1 {
			return nil, decodeErr("MaxFieldBytes", "", "a form field is larger than %d bytes", lim.MaxFieldBytes)
		}
		k, v, _ := strings.Cut(pair, "=")
		name, value := percentDecode(k), percentDecode(v)
		if int64(len(value)) > lim.MaxFieldBytes || int64(len(name)) > lim.MaxFieldBytes {
			return nil, decodeErr("MaxFieldBytes", "", "a form field is larger than %d bytes", lim.MaxFieldBytes)
		}
		fields = append(fields, bodyField{Name: name, Value: value})
	}
	return fields, nil
}

func percentDecode(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return validUTF8([]byte(s))
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			n, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b = append(b, byte(n))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return validUTF8(b)
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
