package flight

import (
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unsafe"
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
	d := &rowsDecoder{rows: rows, limits: l}
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
	// active holds every raw container and stream being decoded, so that a
	// reference back to one of them is seen as the cycle it is. It is a
	// stack as deep as the nesting (bounded by MaxDepth) and is searched
	// only when a reference is followed.
	active []unsafe.Pointer
	loc    []locSeg // where the value being decoded stands
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
	if d.isActive(node) {
		return nil, d.refErr(path, "a reference cycle")
	}
	d.enter(locSeg{name: path, kind: locRoot})
	defer d.leave()
	return d.value(node, depth)
}

func (d *rowsDecoder) value(node any, depth int) (any, error) {
	if depth > d.limits.MaxDepth {
		return nil, limitErr("MaxDepth", d.here(), "values nest too deeply")
	}
	switch n := node.(type) {
	case string:
		if strings.HasPrefix(n, "$") {
			return d.code(n, depth)
		}
		return node, nil // already boxed: no need to box n again
	case []any:
		if err := d.count(len(n)); err != nil {
			return nil, err
		}
		d.active = append(d.active, rawID(n))
		out := make([]any, len(n))
		for i, e := range n {
			d.enter(locSeg{index: i, kind: locIndex})
			v, err := d.value(e, depth+1)
			d.leave()
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		d.active = d.active[:len(d.active)-1]
		return out, nil
	case *jsonObject:
		return d.object(n, depth)
	}
	return node, nil // nil, bool, float64
}

// object decodes a raw object. A key may repeat in the text; the last one
// counts, so members are decoded from the last and a key already decoded is
// skipped.
func (d *rowsDecoder) object(n *jsonObject, depth int) (any, error) {
	d.active = append(d.active, rawID(n))
	out := make(map[string]any, len(n.members))
	var undefined []string
	for i := len(n.members) - 1; i >= 0; i-- {
		m := n.members[i]
		if _, dup := out[m.key]; dup {
			continue
		}
		d.enter(locSeg{name: m.key, kind: locKey})
		v, err := d.value(m.val, depth+1)
		d.leave()
		if err != nil {
			return nil, err
		}
		if _, undef := v.(Undefined); undef {
			undefined = append(undefined, m.key)
		}
		out[m.key] = v
	}
	d.active = d.active[:len(d.active)-1]
	if err := d.count(len(out)); err != nil {
		return nil, err
	}
	for _, k := range undefined {
		delete(out, k) // as in JS, an undefined property is absent
	}
	return out, nil
}

// code decodes a string starting with '$'.
func (d *rowsDecoder) code(s string, depth int) (any, error) {
	if len(s) == 1 {
		return nil, syntaxErr(d.here(), `a lone "$"`)
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
			return nil, limitErr("MaxBigIntDigits", d.here(), "a bigint has too many digits")
		}
		b, ok := new(big.Int).SetString(rest, 10)
		if !ok {
			return nil, syntaxErr(d.here(), "invalid bigint")
		}
		return b, nil
	case 'D':
		t, err := parseISO(rest)
		if err != nil {
			return nil, syntaxErr(d.here(), "invalid date "+strconv.Quote(rest))
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
		id, err := d.rowID(rest, d.here())
		if err != nil {
			return nil, err
		}
		rw, ok := d.rows[id]
		if !ok || rw.kind != rowJSON {
			return nil, d.refErr(d.here(), "an error reference to a missing row")
		}
		return errorFromJSON(rw.json), nil
	case 'Q', 'W', 'K', 'B', '@', 'i', 'h':
		id, err := d.rowID(rest, d.here())
		if err != nil {
			return nil, err
		}
		return d.outlined(s[1], id, d.here(), depth)
	}
	if s[1] >= '0' && s[1] <= '9' || s[1] >= 'a' && s[1] <= 'f' {
		return d.reference(s[1:], d.here(), depth)
	}
	return nil, syntaxErr(d.here(), "unknown code "+strconv.Quote(s))
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
		if rw, ok := d.rows[id]; ok && (d.isActive(rw.json) || d.isActive(rw)) {
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
		case *jsonObject:
			v, ok := n.get(k)
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
	if d.isActive(rw.json) {
		return nil, d.refErr(path, "a reference cycle")
	}
	d.enter(locSeg{name: rowPath, kind: locRoot})
	v, err := d.value(rw.json, depth+1)
	d.leave()
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
	if d.isActive(rw) {
		return nil, d.refErr(path, "a reference cycle")
	}
	d.active = append(d.active, rawID(rw))
	defer func() { d.active = d.active[:len(d.active)-1] }()
	d.enter(locSeg{name: path, kind: locRoot})
	defer d.leave()
	if err := d.count(len(rw.chunks)); err != nil {
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
			d.enter(locSeg{index: i, kind: locChunk})
			v, err = d.value(c.json, depth+1)
			d.leave()
		default:
			err = syntaxErr(path, "an error row inside a stream")
		}
		if err != nil {
			return nil, err
		}
		s.Values = append(s.Values, v)
	}
	if rw.hasRet {
		d.enter(locSeg{name: path + "#return", kind: locRoot})
		v, err := d.value(rw.ret, depth+1)
		d.leave()
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
	obj, _ := v.(*jsonObject)
	if obj == nil {
		obj = &jsonObject{}
	}
	field := func(k string) any { v, _ := obj.get(k); return v }
	str := func(k string) string { s, _ := field(k).(string); return s }
	e := &Error{Name: str("name"), Message: str("message"), Env: str("env"), Digest: str("digest")}
	if stack, ok := field("stack").([]any); ok {
		e.Stack = plainJSON(stack).([]any)
	}
	if e.Name == "" {
		e.Name = "Error"
	}
	if e.Message == "" && field("message") == nil {
		e.Message = "An error occurred in the Server Components render."
	}
	return e
}
