package flight

import (
	"bytes"
	"strings"
)

// Go's mime/multipart reader costs about 60% of decoding a small form: a
// buffered reader, a header map and a media-type parse per part. Browsers,
// Node's undici, curl and Go's own writer all send one canonical shape, so
// that shape is parsed here straight from the body's bytes. Anything else
// (a preamble, LF line endings, folded headers, escaped or unquoted
// parameters, transport padding) is not guessed at: the caller hands the
// same bytes to mime/multipart, which stays the reference for what a body
// means. FuzzMultipartAgreesWithMimeMultipart holds the two to the same
// answers.

// parseCanonicalMultipart parses body if it has the canonical shape.
// canonical is false when it does not; fields and err are then meaningless.
func parseCanonicalMultipart(body []byte, boundary string, lim Limits) (fields []bodyField, canonical bool, err error) {
	delim := "--" + boundary
	if !bytes.HasPrefix(body, []byte(delim)) {
		return nil, false, nil
	}
	rest := body[len(delim):]
	for {
		if bytes.HasPrefix(rest, []byte("--")) {
			// The close delimiter ends the body, or its line; what
			// follows that line is an epilogue, ignored.
			if after := rest[2:]; len(after) == 0 || bytes.HasPrefix(after, []byte("\r\n")) {
				return fields, true, nil
			}
			return nil, false, nil
		}
		if !bytes.HasPrefix(rest, []byte("\r\n")) {
			return nil, false, nil
		}
		rest = rest[2:]
		headerEnd := bytes.Index(rest, []byte("\r\n\r\n"))
		if headerEnd <= 0 {
			return nil, false, nil
		}
		disposition, contentType, ok := canonicalHeaders(rest[:headerEnd])
		if !ok {
			return nil, false, nil
		}
		name, filename, isFile, ok := canonicalDisposition(disposition)
		if !ok {
			return nil, false, nil
		}
		rest = rest[headerEnd+4:]
		end := bytes.Index(rest, []byte("\r\n"+delim))
		if end < 0 {
			return nil, false, nil
		}
		data := rest[:end]
		rest = rest[end+2+len(delim):]
		// Only "--" or CRLF may follow a delimiter; "\r\n--boundaryX" is
		// part of the data, which mime/multipart handles.
		if !bytes.HasPrefix(rest, []byte("--")) && !bytes.HasPrefix(rest, []byte("\r\n")) {
			return nil, false, nil
		}
		if len(fields) >= lim.MaxParts {
			return nil, true, decodeErr("MaxParts", "", "the body has more than %d parts", lim.MaxParts)
		}
		if isFile {
			if int64(len(data)) > lim.MaxFileBytes {
				return nil, true, decodeErr("MaxFileBytes", "", "part %q is larger than %d bytes", name, lim.MaxFileBytes)
			}
			// The file shares the body's bytes: they are already a copy
			// of the input, bounded by MaxTotalBytes.
			fields = append(fields, bodyField{Name: name, File: &File{
				Name: filename, Type: contentType, Data: data[:len(data):len(data)],
			}})
			continue
		}
		if int64(len(data)) > lim.MaxFieldBytes {
			return nil, true, decodeErr("MaxFieldBytes", "", "part %q is larger than %d bytes", name, lim.MaxFieldBytes)
		}
		fields = append(fields, bodyField{Name: name, Value: validUTF8(data)})
	}
}

// canonicalHeaders finds the Content-Disposition and Content-Type of a
// part's header block: CRLF-separated "Name: value" lines, names made of
// token characters, each of the two at most once, no folded lines.
func canonicalHeaders(block []byte) (disposition, contentType string, ok bool) {
	seenDisposition, seenType := false, false
	for len(block) > 0 {
		line := block
		if i := bytes.Index(block, []byte("\r\n")); i >= 0 {
			line, block = block[:i], block[i+2:]
		} else {
			block = nil
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || !isToken(line[:colon]) {
			return "", "", false
		}
		value := string(bytes.Trim(line[colon+1:], " \t"))
		if strings.ContainsAny(value, "\r\n\x00") {
			return "", "", false
		}
		switch name := line[:colon]; {
		case bytes.EqualFold(name, []byte("Content-Disposition")):
			if seenDisposition {
				return "", "", false
			}
			disposition, seenDisposition = value, true
		case bytes.EqualFold(name, []byte("Content-Type")):
			if seenType {
				return "", "", false
			}
			contentType, seenType = value, true
		}
	}
	return disposition, contentType, seenDisposition
}

// canonicalDisposition reads `form-data; name="n"` with an optional
// `; filename="f"`, both quoted with nothing to unescape. The presence of
// filename, even empty, makes the part a file, as in FormData.
func canonicalDisposition(v string) (name, filename string, isFile, ok bool) {
	rest, ok := cutPrefixFold(v, `form-data; name="`)
	if !ok {
		return "", "", false, false
	}
	name, rest, ok = cutQuoted(rest)
	if !ok {
		return "", "", false, false
	}
	if rest == "" {
		return name, "", false, true
	}
	rest, ok = cutPrefixFold(rest, `; filename="`)
	if !ok {
		return "", "", false, false
	}
	filename, rest, ok = cutQuoted(rest)
	if !ok || rest != "" {
		return "", "", false, false
	}
	return name, filename, true, true
}

// cutQuoted returns the text up to the closing quote, refusing anything
// that would need unescaping or that mime's parser treats specially.
func cutQuoted(s string) (value, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return s[:i], s[i+1:], true
		case c == '\\' || c < 0x20 || c >= 0x7f:
			return "", "", false
		}
	}
	return "", "", false
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// isToken reports whether b is an HTTP token (RFC 9110, section 5.6.2).
func isToken(b []byte) bool {
	for _, c := range b {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return len(b) > 0
}
