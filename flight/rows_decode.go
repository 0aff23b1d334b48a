package flight

import (
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// DecodeRows reads a Flight response (what [EncodeRows] or React's
// renderToReadableStream writes) and returns its root value as the types
// listed in value.go. It is the client side, for Go clients and round-trip
// tests. The whole body is read first (bounded by limits.MaxTotalBytes), so
// promises and streams come back settled: a *Promise holds its value or its
// *Error, a *Stream every chunk.
//
// When the root row is an error row, DecodeRows returns a nil value and the
// server's *Error. Any malformed or oversized input is refused with a
// *DecodeError naming its rule; reference cycles are refused, and shared
// references are copied, each copy counted against limits.MaxArraySlots.
// DecodeRows never panics.
func DecodeRows(r io.Reader, limits Limits) (any, error) {
	l := limits.withDefaults()
	rows, err := parseRows(r, l)
	if err != nil {
		return nil, err
	}
	d := &rowsDecoder{rows: rows, limits: l, active: map[string]bool{}}
	root, ok := rows[0]
	if !ok {
		return nil, &DecodeError{Rule: RuleReference, Path: "0", Msg: "the response has no root row"}
	}
	if root.kind == rowError {
		return nil, errorFromJSON(root.json)
	}
	v, err := d.rowValue(0, 0)
	if err != nil {
		return nil, err
	}
	return v, nil
}

type rowsDecoder struct {
	rows   map[int]*row
	limits Limits
	slots  int
	// active holds the location of every row and container being decoded,
	// so that a reference back to one of them is seen as the cycle it is.
	active map[string]bool
}

func (d *rowsDecoder) refErr(path, msg string) error {
	return &DecodeError{Rule: RuleReference, Path: path, Msg: msg}
}

func (d *rowsDecoder) typeErr(path, msg string) error {
	return &DecodeError{Rule: RuleType, Path: path, Msg: msg}
}

func (d *rowsDecoder) count(n int, path string) error {
	d.slots += n
	if d.slots > d.limits.MaxArraySlots {
		return limitErr("MaxArraySlots", path, "the value is too large")
	}
	return nil
}

// rowValue decodes row id as a value: JSON, text, binary or stream.
func (d *rowsDecoder) rowValue(id, depth int) (any, error) {
	path := formatHex(id)
	rw, ok := d.rows[id]
	if !ok {
		return nil, d.refErr(path, "a reference to a missing row")
	}
	switch rw.kind {
	case rowText:
		return rw.text, nil
	case rowBinary:
		v, ok := binaryValue(rw.tag, rw.data)
		if !ok {
			return nil, syntaxErr(path, "a binary row's length does not fit its type")
		}
		return v, nil
	case rowError:
		return nil, errorFromJSON(rw.json)
	case rowStream:
		return d.stream(rw, path, depth)
	}
	return d.at(rw.json, path, depth)
}

// at decodes a row's JSON at location path, guarding against cycles.
func (d *rowsDecoder) at(node any, path string, depth int) (any, error) {
	if d.active[path] {
		return nil, d.refErr(path, "a reference cycle")
	}
	return d.value(node, path, depth)
}

func (d *rowsDecoder) value(node any, path string, depth int) (any, error) {
	if depth > d.limits.MaxDepth {
		return nil, limitErr("MaxDepth", path, "values nest too deeply")
	}
	switch n := node.(type) {
	case string:
		if strings.HasPrefix(n, "$") {
			return d.code(n, path, depth)
		}
		return n, nil
	case []any:
		if err := d.count(len(n), path); err != nil {
			return nil, err
		}
		d.active[path] = true
		defer delete(d.active, path)
		out := make([]any, len(n))
		for i, e := range n {
			v, err := d.value(e, path+":"+strconv.Itoa(i), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case map[string]any:
		if err := d.count(len(n), path); err != nil {
			return nil, err
		}
		d.active[path] = true
		defer delete(d.active, path)
		out := make(map[string]any, len(n))
		for k, e := range n {
			v, err := d.value(e, path+":"+k, depth+1)
			if err != nil {
				return nil, err
			}
			if _, undef := v.(Undefined); undef {
				continue // as in JS, an undefined property is absent
			}
			out[k] = v
		}
		return out, nil
	}
	return node, nil // nil, bool, float64
}

// code decodes a string starting with '$'.
func (d *rowsDecoder) code(s, path string, depth int) (any, error) {
	if len(s) == 1 {
		return nil, syntaxErr(path, `a lone "$"`)
	}
	rest := s[2:]
	switch s[1] {
	case '$':
		return s[1:], nil
	case 'u':
		if s == "$undefined" {
			return Undefined{}, nil
		}
	case 'N':
		if s == "$NaN" {
			return math.NaN(), nil
		}
	case 'I':
		if s == "$Infinity" {
			return math.Inf(1), nil
		}
	case '-':
		switch s {
		case "$-Infinity":
			return math.Inf(-1), nil
		case "$-0":
			return math.Copysign(0, -1), nil
		}
	case 'n':
		if len(rest) > d.limits.MaxBigIntDigits+1 {
			return nil, limitErr("MaxBigIntDigits", path, "a bigint has too many digits")
		}
		b, ok := new(big.Int).SetString(rest, 10)
		if !ok {
			return nil, syntaxErr(path, "invalid bigint")
		}
		return b, nil
	case 'D':
		t, err := parseISO(rest)
		if err != nil {
			return nil, syntaxErr(path, "invalid date "+strconv.Quote(rest))
		}
		return t, nil
	case 'S':
		return Symbol(rest), nil
	case 'T':
		return TemporaryRef{ID: rest}, nil
	case 'Z':
		if rest == "" {
			return &Error{Name: "Error", Message: "An error occurred in the Server Components render.", Stack: []any{}, Env: "Server"}, nil
		}
		id, err := d.rowID(rest, path)
		if err != nil {
			return nil, err
		}
		rw, ok := d.rows[id]
		if !ok || rw.kind != rowJSON {
			return nil, d.refErr(path, "an error reference to a missing row")
		}
		return errorFromJSON(rw.json), nil
	case 'Q', 'W', 'K', 'B', '@', 'i', 'h':
		id, err := d.rowID(rest, path)
		if err != nil {
			return nil, err
		}
		return d.outlined(s[1], id, path, depth)
	}
	if s[1] >= '0' && s[1] <= '9' || s[1] >= 'a' && s[1] <= 'f' {
		return d.reference(s[1:], path, depth)
	}
	return nil, syntaxErr(path, "unknown code "+strconv.Quote(s))
}

func (d *rowsDecoder) rowID(hex, path string) (int, error) {
	n, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return 0, syntaxErr(path, "invalid reference "+strconv.Quote(hex))
	}
	return int(n), nil
}

// reference decodes "$<id>" or "$<id>:<key>:<key>", a path into a row's
// JSON as React writes for a value seen twice.
func (d *rowsDecoder) reference(ref, path string, depth int) (any, error) {
	idHex, keys, hasPath := strings.Cut(ref, ":")
	id, err := d.rowID(idHex, path)
	if err != nil {
		return nil, err
	}
	if !hasPath {
		if d.active[formatHex(id)] {
			return nil, d.refErr(path, "a reference cycle")
		}
		return d.rowValue(id, depth+1)
	}
	rw, ok := d.rows[id]
	if !ok || rw.kind != rowJSON {
		return nil, d.refErr(path, "a path into a row that holds no JSON")
	}
	node, loc := rw.json, formatHex(id)
	for _, k := range strings.Split(keys, ":") {
		// A path may step only through arrays and plain objects, and
		// through a plain row reference, never into anything else.
		if s, ok := node.(string); ok && len(s) > 1 && s[0] == '$' && isLowerHexDigit(s[1]) && !strings.Contains(s, ":") {
			next, err := d.rowID(s[1:], path)
			if err != nil {
				return nil, err
			}
			nrw, ok := d.rows[next]
			if !ok || nrw.kind != rowJSON {
				return nil, d.refErr(path, "a path steps into a row that holds no JSON")
			}
			node, loc = nrw.json, formatHex(next)
		}
		switch n := node.(type) {
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(n) {
				return nil, d.refErr(path, "a path steps outside an array")
			}
			node = n[i]
		case map[string]any:
			v, ok := n[k]
			if !ok {
				return nil, d.refErr(path, "a path names a missing property")
			}
			node = v
		default:
			return nil, d.refErr(path, "a path steps into a value that is not an array or object")
		}
		loc += ":" + k
	}
	return d.at(node, loc, depth+1)
}

// isLowerHexDigit: row ids are written in lowercase hex only.
func isLowerHexDigit(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

// outlined decodes a typed reference to a row: Map, Set, FormData, Blob,
// promise, iterator or server reference.
func (d *rowsDecoder) outlined(code byte, id int, path string, depth int) (any, error) {
	rowPath := formatHex(id)
	rw, ok := d.rows[id]
	if !ok {
		return nil, d.refErr(path, "a reference to a missing row")
	}
	if code == '@' && rw.kind == rowError {
		return &Promise{Err: errorFromJSON(rw.json)}, nil
	}
	if rw.kind != rowJSON {
		return nil, d.typeErr(path, "the referenced row holds no JSON")
	}
	if d.active[rowPath] {
		return nil, d.refErr(path, "a reference cycle")
	}
	v, err := d.value(rw.json, rowPath, depth+1)
	if err != nil {
		return nil, err
	}
	if code == '@' {
		return &Promise{Value: v}, nil
	}
	if code == 'h' {
		return d.serverRef(v, rowPath)
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, d.typeErr(rowPath, "the row must hold an array")
	}
	switch code {
	case 'W':
		return &Set{Values: arr}, nil
	case 'i':
		return &Iterator{Values: arr}, nil
	case 'Q':
		m := &Map{Entries: make([]MapEntry, 0, len(arr))}
		for _, e := range arr {
			pair, ok := e.([]any)
			if !ok || len(pair) != 2 {
				return nil, d.typeErr(rowPath, "a Map entry must be a [key, value] pair")
			}
			m.Entries = append(m.Entries, MapEntry{Key: pair[0], Value: pair[1]})
		}
		return m, nil
	case 'K':
		fd := &FormData{Entries: make([]FormEntry, 0, len(arr))}
		for _, e := range arr {
			pair, ok := e.([]any)
			if !ok || len(pair) != 2 {
				return nil, d.typeErr(rowPath, "a FormData entry must be a [name, value] pair")
			}
			name, ok := pair[0].(string)
			if !ok {
				return nil, d.typeErr(rowPath, "a FormData entry name must be a string")
			}
			switch val := pair[1].(type) {
			case string:
				fd.Entries = append(fd.Entries, FormEntry{Name: name, Value: val})
			case *File:
				fd.Entries = append(fd.Entries, FormEntry{Name: name, File: val})
			default:
				return nil, d.typeErr(rowPath, "a FormData entry must be a string or a Blob")
			}
		}
		return fd, nil
	case 'B':
		if len(arr) != 2 {
			return nil, d.typeErr(rowPath, `a Blob row must be ["type", bytes]`)
		}
		typ, ok1 := arr[0].(string)
		data, ok2 := arr[1].(Uint8Array)
		if !ok1 || !ok2 {
			return nil, d.typeErr(rowPath, `a Blob row must be ["type", bytes]`)
		}
		// A Blob has no name; "blob" is what a browser gives it in a form.
		return &File{Name: "blob", Type: typ, Data: data}, nil
	}
	return nil, syntaxErr(path, "unknown reference")
}

func (d *rowsDecoder) serverRef(v any, path string) (any, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, d.typeErr(path, "a server reference row must hold an object")
	}
	id, ok := obj["id"].(string)
	if !ok {
		return nil, d.typeErr(path, "a server reference needs a string id")
	}
	ref := &ServerRef{ID: id}
	switch b := obj["bound"].(type) {
	case nil:
	case *Promise:
		args, ok := b.Value.([]any)
		if !ok || b.Err != nil {
			return nil, d.typeErr(path, "bound arguments must be an array")
		}
		if len(args) > d.limits.MaxBoundArgs {
			return nil, limitErr("MaxBoundArgs", path, "too many bound arguments")
		}
		ref.Bound = args
	default:
		return nil, d.typeErr(path, "bound arguments must be null or a promise")
	}
	return ref, nil
}

func (d *rowsDecoder) stream(rw *row, path string, depth int) (any, error) {
	if !rw.closed {
		return nil, syntaxErr(path, "a stream that never closes")
	}
	if d.active[path] {
		return nil, d.refErr(path, "a reference cycle")
	}
	d.active[path] = true
	defer delete(d.active, path)
	if err := d.count(len(rw.chunks), path); err != nil {
		return nil, err
	}
	s := &Stream{Kind: rw.stream, Values: make([]any, 0, len(rw.chunks))}
	for i, c := range rw.chunks {
		var v any
		var err error
		switch c.kind {
		case rowText:
			v = c.text
		case rowBinary:
			var ok bool
			if v, ok = binaryValue(c.tag, c.data); !ok {
				err = syntaxErr(path, "a binary chunk's length does not fit its type")
			}
		case rowJSON:
			v, err = d.value(c.json, path+"#"+strconv.Itoa(i), depth+1)
		default:
			err = syntaxErr(path, "an error row inside a stream")
		}
		if err != nil {
			return nil, err
		}
		s.Values = append(s.Values, v)
	}
	if rw.hasRet {
		v, err := d.value(rw.ret, path+"#return", depth+1)
		if err != nil {
			return nil, err
		}
		if _, undef := v.(Undefined); !undef {
			s.Return = v
		}
	}
	return s, nil
}

// errorFromJSON builds an *Error from an E row or a "$Z" row; missing or
// mistyped fields are left empty rather than refused, since the error is
// what the caller must see.
func errorFromJSON(v any) *Error {
	obj, _ := v.(map[string]any)
	str := func(k string) string { s, _ := obj[k].(string); return s }
	e := &Error{Name: str("name"), Message: str("message"), Env: str("env"), Digest: str("digest")}
	if stack, ok := obj["stack"].([]any); ok {
		e.Stack = stack
	}
	if e.Name == "" {
		e.Name = "Error"
	}
	if e.Message == "" && obj["message"] == nil {
		e.Message = "An error occurred in the Server Components render."
	}
	return e
}

// parseISO parses Date.prototype.toISOString's output, six-digit years
// included.
func parseISO(s string) (time.Time, error) {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') && len(s) > 7 {
		year, err := strconv.Atoi(s[:7])
		if err != nil {
			return time.Time{}, err
		}
		t, err := time.Parse("2006-01-02T15:04:05.000Z07:00", "2000"+s[7:])
		if err != nil {
			return time.Time{}, err
		}
		return time.Date(year, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), nil
	}
	t, err := time.Parse("2006-01-02T15:04:05.000Z07:00", s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}
