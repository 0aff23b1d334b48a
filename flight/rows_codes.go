package flight

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// This file gives the strings of row JSON that start with '$' their
// meaning: special numbers, bigints, dates, symbols, errors, and references
// to other rows or into them.

// code decodes a string starting with '$'.
func (d *rowsDecoder) code(s string, depth int) (any, error) {
	if d.reply {
		return d.replyCode(s)
	}
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
		return d.boxes.time(t), nil
	case 'S':
		return Symbol(rest), nil
	case 'T':
		return TemporaryRef{ID: rest}, nil
	case 'Z':
		return d.errorRef(rest)
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

// errorRef decodes "$Z" and "$Z<id>", an Error value.
func (d *rowsDecoder) errorRef(hex string) (any, error) {
	if hex == "" {
		return &Error{Name: "Error", Message: "An error occurred in the Server Components render.", Stack: []any{}, Env: "Server"}, nil
	}
	id, err := d.rowID(hex, d.here())
	if err != nil {
		return nil, err
	}
	rw, ok := d.rows[id]
	if !ok || rw.kind != rowJSON {
		return nil, d.refErr(d.here(), "an error reference to a missing row")
	}
	tree := rw.tree
	if tree == nil {
		// Read in place, the row has no tree; errors are rare enough to
		// parse one for.
		if tree, err = parseJSON(&jsonScanner{}, rw.json, formatHex(id)); err != nil {
			return nil, err
		}
		rw.checked = true
	}
	return errorFromJSON(tree), nil
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
		if rw, ok := d.rows[id]; ok && d.read.isActive(rw) {
			return nil, d.refErr(path, "a reference cycle")
		}
		return d.rowValue(id, depth+1)
	}
	rw, ok := d.rows[id]
	if !ok || rw.kind != rowJSON {
		return nil, d.refErr(path, "a path into a row that holds no JSON")
	}
	return d.read.path(rw, id, keys, path, depth+1)
}

// throughRow is the row id a path may step through: a path may step only
// through arrays and plain objects, and through a plain row reference
// "$<id>", never into anything else. ok is false when s is not one.
func (d *rowsDecoder) throughRow(s, path string) (rw *row, id int, ok bool, err error) {
	if len(s) < 2 || s[0] != '$' || !isLowerHexDigit(s[1]) || strings.Contains(s, ":") {
		return nil, 0, false, nil
	}
	if id, err = d.rowID(s[1:], path); err != nil {
		return nil, 0, false, err
	}
	rw, found := d.rows[id]
	if !found || rw.kind != rowJSON {
		return nil, 0, false, d.refErr(path, "a path steps into a row that holds no JSON")
	}
	return rw, id, true, nil
}

// isLowerHexDigit: row ids are written in lowercase hex only.
func isLowerHexDigit(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }
