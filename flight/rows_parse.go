package flight

import (
	"bytes"
	"io"
	"strconv"
)

// This file splits a Flight response into rows, the first half of
// DecodeRows: it checks the framing and the size limits and keeps each row's
// payload; rows_decode.go turns them into values.

type rowKind int

const (
	rowJSON rowKind = iota
	rowText
	rowBinary
	rowError
	rowStream
)

// row is one row id's content. A stream's id has a start row followed by
// chunk rows and a close row under the same id; they are gathered here.
type row struct {
	kind   rowKind
	json   any    // rowJSON, rowError: the parsed JSON
	text   string // rowText
	tag    byte   // rowBinary: the type tag
	data   []byte // rowBinary
	stream StreamKind
	chunks []*row // rowStream: in order
	closed bool
	ret    any  // rowStream: the close row's JSON, when it has one
	hasRet bool // rowStream
}

// isLengthTag reports whether a row tag is followed by a hex length and
// that many bytes, rather than by a line.
func isLengthTag(c byte) bool {
	switch c {
	case 'T', 'A', 'O', 'o', 'U', 'S', 's', 'L', 'l', 'G', 'g', 'M', 'm', 'V', 'b':
		return true
	}
	return false
}

// isLineTag reports whether c is the tag of a tagged row that ends at a
// newline (React's client: 'A'-'Z', '#', 'r', 'x').
func isLineTag(c byte) bool {
	return (c >= 'A' && c <= 'Z') || c == '#' || c == 'r' || c == 'x'
}

func syntaxErr(path, msg string) *DecodeError {
	return &DecodeError{Rule: RuleSyntax, Path: path, Msg: msg}
}

func limitErr(rule, path, msg string) *DecodeError {
	return &DecodeError{Rule: rule, Path: path, Msg: msg}
}

// parseRows reads the whole body and splits it into rows by id.
func parseRows(r io.Reader, l Limits) (map[int]*row, error) {
	body, err := readAll(io.LimitReader(r, l.MaxTotalBytes+1), lenHint(r))
	if err != nil {
		return nil, &DecodeError{Rule: RuleSyntax, Msg: "reading the body: " + err.Error()}
	}
	if int64(len(body)) > l.MaxTotalBytes {
		return nil, limitErr("MaxTotalBytes", "", "the response is too large")
	}
	rows := map[int]*row{}
	sc := &jsonScanner{}
	count := 0
	for len(body) > 0 {
		colon := bytes.IndexByte(body, ':')
		if colon < 0 || colon > 8 {
			return nil, syntaxErr("", "a row must start with a hex id and ':'")
		}
		id := 0
		if colon > 0 {
			n, err := strconv.ParseUint(string(body[:colon]), 16, 32)
			if err != nil {
				return nil, syntaxErr("", "invalid row id "+strconv.Quote(string(body[:colon])))
			}
			id = int(n)
		}
		path := formatHex(id)
		body = body[colon+1:]
		if count++; count > l.MaxParts {
			return nil, limitErr("MaxParts", path, "too many rows")
		}
		if len(body) > 0 && isLengthTag(body[0]) {
			tag := body[0]
			comma := bytes.IndexByte(body, ',')
			if comma < 2 || comma > 17 {
				return nil, syntaxErr(path, "a length-prefixed row needs a hex length and ','")
			}
			n, err := strconv.ParseUint(string(body[1:comma]), 16, 63)
			if err != nil {
				return nil, syntaxErr(path, "invalid row length")
			}
			max := l.MaxFileBytes
			if tag == 'T' {
				max = l.MaxFieldBytes
			}
			if n > uint64(max) {
				if tag == 'T' {
					return nil, limitErr("MaxFieldBytes", path, "a text row is too large")
				}
				return nil, limitErr("MaxFileBytes", path, "a binary row is too large")
			}
			body = body[comma+1:]
			if uint64(len(body)) < n {
				return nil, syntaxErr(path, "the response ends inside a row")
			}
			payload := body[:n]
			body = body[n:]
			var rw *row
			if tag == 'T' {
				rw = &row{kind: rowText, text: string(payload)}
			} else {
				rw = &row{kind: rowBinary, tag: tag, data: payload}
			}
			if err := addRow(rows, id, rw); err != nil {
				return nil, err
			}
			continue
		}
		nl := bytes.IndexByte(body, '\n')
		line := body
		if nl >= 0 {
			line, body = body[:nl], body[nl+1:]
		} else {
			body = nil
		}
		if int64(len(line)) > l.MaxFieldBytes {
			return nil, limitErr("MaxFieldBytes", path, "a row is too large")
		}
		if len(line) > 0 && isLineTag(line[0]) {
			if err := tagRow(sc, rows, id, line[0], line[1:]); err != nil {
				return nil, err
			}
			continue
		}
		v, err := parseJSON(sc, line, path)
		if err != nil {
			return nil, err
		}
		if err := addRow(rows, id, &row{kind: rowJSON, json: v}); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// parseJSON parses a row's JSON with encoding/json's own nesting limit:
// MaxDepth applies to the decoded value, which may not reach every row.
func parseJSON(sc *jsonScanner, b []byte, path string) (any, error) {
	v, err := sc.parse(string(b), jsonMaxDepth)
	if err != nil {
		return nil, syntaxErr(path, "invalid JSON: "+err.Error())
	}
	return v, nil
}

// addRow stores a row, or appends it to the open stream of the same id.
func addRow(rows map[int]*row, id int, rw *row) error {
	prev := rows[id]
	if prev == nil {
		rows[id] = rw
		return nil
	}
	if prev.kind == rowStream && !prev.closed {
		prev.chunks = append(prev.chunks, rw)
		return nil
	}
	return syntaxErr(formatHex(id), "the row id is used twice")
}

func tagRow(sc *jsonScanner, rows map[int]*row, id int, tag byte, payload []byte) error {
	path := formatHex(id)
	switch tag {
	case 'E':
		v, err := parseJSON(sc, payload, path)
		if err != nil {
			return err
		}
		if _, ok := v.(*jsonObject); !ok {
			return &DecodeError{Rule: RuleType, Path: path, Msg: "an error row must hold an object"}
		}
		return addRow(rows, id, &row{kind: rowError, json: v})
	case 'R', 'r', 'X', 'x':
		kind := map[byte]StreamKind{'R': ReadableStream, 'r': ReadableByteStream, 'X': AsyncIterable, 'x': AsyncIterator}[tag]
		if rows[id] != nil {
			return syntaxErr(path, "a stream starts on a row id already in use")
		}
		rows[id] = &row{kind: rowStream, stream: kind}
		return nil
	case 'C':
		s := rows[id]
		if s == nil || s.kind != rowStream || s.closed {
			return syntaxErr(path, "a close row for no open stream")
		}
		s.closed = true
		if len(payload) > 0 {
			v, err := parseJSON(sc, payload, path)
			if err != nil {
				return err
			}
			s.ret, s.hasRet = v, true
		}
		return nil
	}
	// Debug, hint and console rows (D, N, W, J, H …) carry nothing a
	// decoded value needs.
	return nil
}
