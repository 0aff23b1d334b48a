package flight

import (
	"bytes"
	"io"
	"strings"
)

// This file reads the multipart bodies browsers and React's client send,
// without mime/multipart when it can: for a ten-field form, its per-part
// header maps, textproto parsing and mime.ParseMediaType cost several times
// more than the rest of decoding. The fast path accepts only the plainest
// spelling of a form (what browsers and Node write): "--boundary" CRLF, a
// Content-Disposition of exactly `form-data; name="…"` (and `; filename="…"`)
// with printable ASCII names, an optional plain Content-Type, CRLF line
// ends, and nothing after the closing delimiter but one CRLF. For every such
// body its fields are the ones mime/multipart gives (reply_multipart_test.go
// and FuzzMultipartFastPath check it); anything else, every limit that would
// be crossed included, goes to readMultipart, so errors and edge cases stay
// the standard library's.

// readMultipartBody reads a multipart body through the fast path when the
// whole body is within MaxTotalBytes and plain, and through readMultipart
// otherwise, which sees the same bytes (and the same read error) it would
// have read from the body itself.
func readMultipartBody(cr *countingReader, boundary string, lim Limits) ([]bodyField, error) {
	data, err := readAll(cr, int(cr.hint))
	if err == nil {
		if fields, ok := fastMultipart(data, boundary, lim); ok {
			return fields, nil
		}
	}
	replay := io.Reader(bytes.NewReader(data))
	if err != nil {
		replay = io.MultiReader(replay, errorReader{err})
	}
	return readMultipart(&countingReader{r: replay, max: cr.max}, boundary, lim)
}

type errorReader struct{ err error }

func (e errorReader) Read([]byte) (int, error) { return 0, e.err }

// fastMultipart splits a plain multipart body into its fields; ok is false
// when the body is not plain or crosses a limit.
func fastMultipart(data []byte, boundary string, lim Limits) (fields []bodyField, ok bool) {
	text := string(data) // one copy, which every string field shares
	delim := "\r\n--" + boundary
	fields = make([]bodyField, 0, min(strings.Count(text, delim), lim.MaxParts))
	rest, found := strings.CutPrefix(text, delim[2:]+"\r\n")
	if !found {
		return nil, false
	}
	at := len(text) - len(rest) // offset of rest in text and data
	for {
		if len(fields) >= lim.MaxParts {
			return nil, false
		}
		head, body, found := strings.Cut(rest, "\r\n\r\n")
		if !found {
			return nil, false
		}
		name, filename, isFile, typ, ok := fastPartHeader(head)
		if !ok {
			return nil, false
		}
		// mime/multipart also ends a part whose content starts with
		// "--boundary"; such bodies are left to it.
		end := strings.Index(body, delim)
		if end < 0 || strings.HasPrefix(body, delim[2:]) {
			return nil, false
		}
		after := body[end+len(delim):]
		final := strings.HasPrefix(after, "--")
		if !final && !strings.HasPrefix(after, "\r\n") {
			return nil, false // a delimiter with padding or other bytes after it
		}
		content := body[:end]
		if isFile {
			if int64(len(content)) > lim.MaxFileBytes {
				return nil, false
			}
			start := at + len(head) + 4
			fields = append(fields, bodyField{Name: name, File: &File{
				Name: filename, Type: typ, Data: data[start : start+len(content) : start+len(content)],
			}})
		} else {
			if int64(len(content)) > lim.MaxFieldBytes {
				return nil, false
			}
			fields = append(fields, bodyField{Name: name, Value: validUTF8String(content)})
		}
		rest = after[2:]
		at = len(text) - len(rest)
		if final {
			return fields, rest == "" || rest == "\r\n"
		}
	}
}

// fastPartHeader reads the header lines of a plain part.
func fastPartHeader(head string) (name, filename string, isFile bool, typ string, ok bool) {
	sawDisposition, sawType := false, false
	for head != "" {
		line, more, _ := strings.Cut(head, "\r\n")
		head = more
		switch {
		case !sawDisposition && strings.HasPrefix(line, "Content-Disposition: form-data; name=\""):
			sawDisposition = true
			line = line[len("Content-Disposition: form-data; name=\""):]
			if name, line, ok = cutPlainQuoted(line); !ok {
				return "", "", false, "", false
			}
			if line == "" {
				continue
			}
			rest, found := strings.CutPrefix(line, "; filename=\"")
			if !found {
				return "", "", false, "", false
			}
			if filename, rest, ok = cutPlainQuoted(rest); !ok || rest != "" {
				return "", "", false, "", false
			}
			isFile = true
		case !sawType && strings.HasPrefix(line, "Content-Type: "):
			sawType = true
			typ = line[len("Content-Type: "):]
			if !plainHeaderValue(typ) {
				return "", "", false, "", false
			}
		default:
			return "", "", false, "", false
		}
	}
	return unescapeFormName(name), unescapeFormName(filename), isFile, typ, sawDisposition
}

// cutPlainQuoted reads a quoted parameter value up to its closing quote,
// refusing anything mime.ParseMediaType or textproto might read otherwise:
// escapes, controls and non-ASCII bytes.
func cutPlainQuoted(s string) (value, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return s[:i], s[i+1:], true
		case c < 0x20 || c > 0x7e || c == '\\':
			return "", "", false
		}
	}
	return "", "", false
}

// plainHeaderValue accepts a non-empty header value that textproto would
// read unchanged: printable ASCII, no space at either end.
func plainHeaderValue(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// validUTF8String is validUTF8 for a string: as browsers and Node decode
// fields, invalid sequences become U+FFFD.
func validUTF8String(s string) string {
	return strings.ToValidUTF8(s, "\uFFFD")
}
