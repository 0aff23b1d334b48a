package flight

import (
	"bytes"
	"io"
	"strconv"
	"unsafe"
)

// This file splits a Flight response into rows, the first half of
// DecodeRows: it checks the framing and the size limits and keeps each row's
// payload; rows_decode.go turns them into values. JSON rows are kept as
// their text, read in place by the decoder.

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
	kind rowKind
	// rowJSON: the JSON text, a slice of the body, and where it starts in
	// the body, which names its containers for the cycle guard. rowStream:
	// at is where the start row is.
	json string
	at   int
	// tree is the parsed JSON of a rowError, and of a rowJSON when the
	// rows are split for the tree reader.
	tree any
	// checked: json is known to be valid JSON, because it was parsed whole
	// or decoded from end to end.
	checked bool
	text    string // rowText
	tag     byte   // rowBinary: the type tag
	data    []byte // rowBinary
	stream  StreamKind
	chunks  []*row // rowStream: in order
	closed  bool
	ret     *row // rowStream: the close row's JSON, when it has one
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

// readRows reads a whole response, bounded by MaxTotalBytes.
func readRows(r io.Reader, l Limits) ([]byte, error) {
	body, err := readAll(io.LimitReader(r, l.MaxTotalBytes+1), int(min(int64(lenHint(r)), l.MaxTotalBytes)))
	if err != nil {
		return nil, &DecodeError{Rule: RuleSyntax, Msg: "reading the body: " + err.Error()}
	}
	if int64(len(body)) > l.MaxTotalBytes {
		return nil, limitErr("MaxTotalBytes", "", "the response is too large")
	}
	return body, nil
}

// rowSplitter splits one body into rows. With trees set, every JSON text
// is parsed as it is met, for the tree reader, so that the first malformed
// row in the body is the one reported; otherwise JSON is left to the
// in-place reader, which checks what it reads and parses the rest at the
// end.
type rowSplitter struct {
	body  []byte
	text  string // body, as a string sharing its memory
	rows  map[int]*row
	trees bool
	sc    jsonScanner
}

// splitRows splits body into rows by id.
func splitRows(body []byte, l Limits, trees bool) (map[int]*row, error) {
	p := &rowSplitter{body: body, rows: map[int]*row{}, trees: trees}
	// The body is never written again, so strings may share it: JSON rows
	// are read in place and their strings are slices of it.
	p.text = unsafe.String(unsafe.SliceData(body), len(body))
	pos, count := 0, 0
	for pos < len(body) {
		rest := body[pos:]
		colon := bytes.IndexByte(rest, ':')
		if colon < 0 || colon > 8 {
			return nil, syntaxErr("", "a row must start with a hex id and ':'")
		}
		id := 0
		if colon > 0 {
			n, err := strconv.ParseUint(string(rest[:colon]), 16, 32)
			if err != nil {
				return nil, syntaxErr("", "invalid row id "+strconv.Quote(string(rest[:colon])))
			}
			id = int(n)
		}
		path := formatHex(id)
		pos += colon + 1
		if count++; count > l.MaxParts {
			return nil, limitErr("MaxParts", path, "too many rows")
		}
		var err error
		if pos < len(body) && isLengthTag(body[pos]) {
			pos, err = p.lengthRow(id, pos, l)
		} else {
			pos, err = p.lineRow(id, pos, l)
		}
		if err != nil {
			return nil, err
		}
	}
	return p.rows, nil
}

// lengthRow reads a text or binary row whose tag is at pos, and returns
// where the next row starts.
func (p *rowSplitter) lengthRow(id, pos int, l Limits) (int, error) {
	path := formatHex(id)
	tag := p.body[pos]
	comma := bytes.IndexByte(p.body[pos:], ',')
	if comma < 2 || comma > 17 {
		return 0, syntaxErr(path, "a length-prefixed row needs a hex length and ','")
	}
	n, err := strconv.ParseUint(string(p.body[pos+1:pos+comma]), 16, 63)
	if err != nil {
		return 0, syntaxErr(path, "invalid row length")
	}
	max := l.MaxFileBytes
	if tag == 'T' {
		max = l.MaxFieldBytes
	}
	if n > uint64(max) {
		if tag == 'T' {
			return 0, limitErr("MaxFieldBytes", path, "a text row is too large")
		}
		return 0, limitErr("MaxFileBytes", path, "a binary row is too large")
	}
	start := pos + comma + 1
	if uint64(len(p.body)-start) < n {
		return 0, syntaxErr(path, "the response ends inside a row")
	}
	end := start + int(n)
	rw := &row{kind: rowBinary, tag: tag, data: p.body[start:end]}
	if tag == 'T' {
		rw = &row{kind: rowText, text: p.text[start:end]}
	}
	return end, p.add(id, rw)
}

// lineRow reads a JSON or tagged row starting at pos, and returns where the
// next row starts.
func (p *rowSplitter) lineRow(id, pos int, l Limits) (int, error) {
	path := formatHex(id)
	end, next := len(p.body), len(p.body)
	if nl := bytes.IndexByte(p.body[pos:], '\n'); nl >= 0 {
		end, next = pos+nl, pos+nl+1
	}
	if int64(end-pos) > l.MaxFieldBytes {
		return 0, limitErr("MaxFieldBytes", path, "a row is too large")
	}
	if end > pos && isLineTag(p.body[pos]) {
		return next, p.tagRow(id, pos+1, end)
	}
	rw, err := p.jsonRow(path, pos, end)
	if err != nil {
		return 0, err
	}
	return next, p.add(id, rw)
}

// jsonRow is the JSON text body[start:end], parsed now for the tree
// reader.
func (p *rowSplitter) jsonRow(path string, start, end int) (*row, error) {
	rw := &row{kind: rowJSON, json: p.text[start:end], at: start}
	if p.trees {
		tree, err := p.parse(rw.json, path)
		if err != nil {
			return nil, err
		}
		rw.tree, rw.checked = tree, true
	}
	return rw, nil
}

// parse parses a row's JSON with encoding/json's own nesting limit:
// MaxDepth applies to the decoded value, which may not reach every row.
func (p *rowSplitter) parse(text, path string) (any, error) {
	return parseJSON(&p.sc, text, path)
}

func parseJSON(sc *jsonScanner, text, path string) (any, error) {
	v, err := sc.parse(text, jsonMaxDepth)
	if err != nil {
		return nil, syntaxErr(path, "invalid JSON: "+err.Error())
	}
	return v, nil
}

// add stores a row, or appends it to the open stream of the same id.
func (p *rowSplitter) add(id int, rw *row) error {
	prev := p.rows[id]
	if prev == nil {
		p.rows[id] = rw
		return nil
	}
	if prev.kind == rowStream && !prev.closed {
		prev.chunks = append(prev.chunks, rw)
		return nil
	}
	return syntaxErr(formatHex(id), "the row id is used twice")
}

// tagRow reads a tagged line row whose payload is body[start:end].
func (p *rowSplitter) tagRow(id, start, end int) error {
	path := formatHex(id)
	switch tag := p.body[start-1]; tag {
	case 'E':
		// Parsed now in every case: the row must hold an object.
		v, err := p.parse(p.text[start:end], path)
		if err != nil {
			return err
		}
		if _, ok := v.(*jsonObject); !ok {
			return &DecodeError{Rule: RuleType, Path: path, Msg: "an error row must hold an object"}
		}
		return p.add(id, &row{kind: rowError, tree: v})
	case 'R', 'r', 'X', 'x':
		kind := map[byte]StreamKind{'R': ReadableStream, 'r': ReadableByteStream, 'X': AsyncIterable, 'x': AsyncIterator}[tag]
		if p.rows[id] != nil {
			return syntaxErr(path, "a stream starts on a row id already in use")
		}
		p.rows[id] = &row{kind: rowStream, stream: kind, at: start - 1}
		return nil
	case 'C':
		s := p.rows[id]
		if s == nil || s.kind != rowStream || s.closed {
			return syntaxErr(path, "a close row for no open stream")
		}
		s.closed = true
		if end > start {
			ret, err := p.jsonRow(path, start, end)
			if err != nil {
				return err
			}
			s.ret = ret
		}
		return nil
	}
	// Debug, hint and console rows (D, N, W, J, H …) carry nothing a
	// decoded value needs.
	return nil
}
