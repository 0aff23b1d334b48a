package flight

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unsafe"
)

// DecodeReply decodes the arguments a client sent with React's encodeReply:
// a text/plain body is the JSON string form, a multipart/form-data body the
// form with outlined parts (the root is part "0", wherever it appears). It
// returns the root value, for a call the []any of its arguments, built from
// the types listed in value.go.
//
// The whole body is read first, bounded by limits as it streams. Every
// refusal is a *[DecodeError]: a [Limits] field, or RuleSyntax, RuleReference
// (missing, cyclic, consumed-twice and invalid references) or RuleType.
//
// Only the formats of React 19.2.1 and later are accepted. The older "$F"
// server reference is refused with a message naming it; older FormData
// fields "<h>_key" and stream fields "<h>" are not read (their FormData
// decodes empty, their stream has no close and is refused).
//
// Two choices differ from React 19.3.1's own server on purpose: a key
// "__proto__" is an ordinary key (React drops it), and the FormData of
// "$K<h>" is read from fields "_<decimal h>_" as React's client writes them
// (React's server looks for the hex spelling, so it loses FormData parts
// from id 10 on).
func DecodeReply(body io.Reader, contentType string, limits Limits) (any, error) {
	lim := limits.withDefaults()
	fields, err := readBody(body, contentType, lim, true)
	if err != nil {
		return nil, err
	}
	return decodeFields(fields, lim)
}

// decodeFields decodes a reply read from a body: in place when it is its
// root part alone (reply_inplace.go), else, or when that gives up, with the
// careful decoder.
func decodeFields(fields []bodyField, lim Limits) (any, error) {
	if noArguments(fields) {
		return []any{}, nil
	}
	if root, ok := onlyRoot(fields); ok {
		if v, err := decodeReplyInPlace(root, lim); err == nil {
			return v, nil
		}
	}
	return decodeRoot(newPartSet(fields, ""), lim)
}

// noArguments reports whether a reply is the text "[]", what encodeReply
// sends for a call without arguments: the commonest reply of all, which
// needs no decoder (one costs more than the rest of such a call).
func noArguments(fields []bodyField) bool {
	return len(fields) == 1 && fields[0].File == nil && fields[0].Name == "0" && fields[0].Value == "[]"
}

// DecodeReplyString decodes the JSON string form of a reply, as
// [DecodeReply] does for a text/plain body.
func DecodeReplyString(s string, limits Limits) (any, error) {
	lim := limits.withDefaults()
	if int64(len(s)) > lim.MaxFieldBytes {
		return nil, decodeErr("MaxFieldBytes", "", "the reply is larger than %d bytes", lim.MaxFieldBytes)
	}
	if v, err := decodeReplyInPlace(s, lim); err == nil {
		return v, nil
	}
	return decodeRoot(newPartSet([]bodyField{{Name: "0", Value: s}}, ""), lim)
}

func decodeRoot(ps *partSet, lim Limits) (any, error) {
	d := newDecoder(ps, lim)
	d.path.push(pathStep{kind: stepPart, n: 0})
	return d.resolve("0")
}

// decoder turns a reply's parts into one value tree. Parts are parsed only
// when referenced, each once, and revived in place: the scanner's arrays
// become the decoded arrays. A path reference may reach into a part still
// being revived, as React allows (reply_fill.go), while a reference to a
// value's own ancestor is a cycle.
type decoder struct {
	lim       Limits
	parts     *partSet
	models    map[int]*partModel
	uses      map[int]partUse // how each part id has been consumed
	formsUsed map[int]bool
	consumed  map[unsafe.Pointer]bool    // arrays a Map, Set or iterator was made of, by identOf
	measured  map[unsafe.Pointer]measure // see memoVisits
	path      replyPath
	pathBuf   [8]pathStep // the path's first steps, allocated with the decoder
	pathBytes int64       // written into temporary references, bounded by MaxTotalBytes
	scanner   jsonScanner
	active    int // revive calls under way, bounded
}

func newDecoder(ps *partSet, lim Limits) *decoder {
	d := &decoder{lim: lim, parts: ps, models: map[int]*partModel{}}
	d.path.steps = d.pathBuf[:0]
	d.scanner.distinctEmptyArrays = true
	return d
}

func decodeErr(rule, path, format string, args ...any) *DecodeError {
	return &DecodeError{Rule: rule, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// errAt is an error where the decoder stands.
func (d *decoder) errAt(rule, format string, args ...any) *DecodeError {
	return decodeErr(rule, d.path.String(), format, args...)
}

// maxActive bounds the decoder's own recursion: nesting is already bounded
// by MaxDepth, but a chain of references revived on demand is not.
func (d *decoder) maxActive() int { return 8*d.lim.MaxDepth + 64 }

// revive decodes the raw JSON value standing at d.path, in place for an
// array, and returns it with its measure.
func (d *decoder) revive(raw any) (any, measure, error) {
	d.active++
	defer func() { d.active-- }()
	if d.active > d.maxActive() {
		return nil, measure{}, d.errAt("MaxDepth", "references nest more than %d levels deep", d.maxActive())
	}
	if m, ok := isPlain(raw); ok { // a part that is a plain string or number
		return raw, m, nil
	}
	switch x := raw.(type) {
	case string:
		v, err := d.decodeString(x)
		if err != nil {
			return nil, measure{}, err
		}
		return v, d.measureOf(v), nil
	case []any:
		m, err := d.fillArray(x)
		return raw, m, err // raw, not x: the array keeps the box it came in
	case *jsonObject:
		return d.fillObject(x)
	}
	return raw, measure{}, nil
}

// decodeString decodes a JSON string holding one of React's "$" codes
// (WIRE.md section 1).
func (d *decoder) decodeString(s string) (any, error) {
	if len(s) == 1 {
		return nil, d.errAt(RuleSyntax, `invalid reference "$"`)
	}
	arg := s[2:]
	switch s[1] {
	case '$':
		return s[1:], nil
	case '@':
		id, ok := parseHexID(arg)
		if !ok {
			return nil, d.badID(s)
		}
		v, err := d.resolve(hexPath(id))
		if err != nil {
			return nil, err
		}
		p := &Promise{Value: v}
		return p, d.check(d.measureOf(p))
	case 'h':
		v, err := d.resolve(arg)
		if err != nil {
			return nil, err
		}
		return d.serverRef(v)
	case 'T':
		if !d.path.ok() {
			return nil, d.errAt(RuleReference, "a temporary reference where React gives values no path")
		}
		// Its id is its path, written out: under one long key, many of
		// them would make a small reply allocate without end.
		if d.pathBytes += int64(d.path.len()); d.pathBytes > d.lim.MaxTotalBytes {
			return nil, d.errAt("MaxTotalBytes", "the paths of temporary references total more than %d bytes", d.lim.MaxTotalBytes)
		}
		return TemporaryRef{ID: d.path.String()}, nil
	case 'Q', 'W', 'i':
		return d.collection(s[1], arg)
	case 'K':
		return d.formData(arg)
	case 'B':
		return d.blob(arg)
	case 'A', 'O', 'o', 'U', 'S', 's', 'L', 'l', 'G', 'g', 'M', 'm', 'V':
		return d.typedArray(s[1], arg)
	case 'R', 'r', 'X', 'x':
		return d.stream(s[1], arg)
	case 'D':
		t, ok := parseJSDate(arg)
		if !ok {
			return nil, d.errAt(RuleType, "invalid date %q", truncate(arg))
		}
		return t, nil
	case 'n':
		return d.bigint(arg)
	case 'F':
		return nil, d.errAt(RuleSyntax, `the "$F" server reference of React before 19.2.1 is not accepted; use "$h"`)
	}
	if v, ok := namedValue(s); ok {
		return v, nil
	}
	if isHexDigit(s[1]) {
		return d.resolve(s[1:])
	}
	return nil, d.errAt(RuleSyntax, "unknown reference %q", truncate(s))
}

// namedValue is the value of the codes that name one: undefined and the
// numbers JSON cannot write.
func namedValue(s string) (any, bool) {
	switch s {
	case "$undefined":
		return Undefined{}, true
	case "$NaN":
		return math.NaN(), true
	case "$Infinity":
		return math.Inf(1), true
	case "$-Infinity":
		return math.Inf(-1), true
	case "$-0":
		return math.Copysign(0, -1), true
	}
	return nil, false
}

func (d *decoder) badID(s string) *DecodeError {
	return d.errAt(RuleSyntax, "invalid part id in %q", truncate(s))
}

// truncate keeps messages readable when the input is huge.
func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func (d *decoder) bigint(digits string) (any, error) {
	if len(digits) > d.lim.MaxBigIntDigits {
		return nil, d.errAt("MaxBigIntDigits", "bigint has %d digits, more than %d", len(digits), d.lim.MaxBigIntDigits)
	}
	n, ok := parseBigInt(digits)
	if !ok {
		return nil, d.errAt(RuleSyntax, "invalid bigint %q", digits)
	}
	return n, nil
}

// parseBigInt reads a reply's bigint: decimal digits after an optional
// '-', as BigInt's toString writes them.
func parseBigInt(digits string) (*big.Int, bool) {
	body := strings.TrimPrefix(digits, "-")
	if body == "" || strings.Trim(body, "0123456789") != "" {
		return nil, false
	}
	if n, err := strconv.ParseInt(digits, 10, 64); err == nil {
		return big.NewInt(n), true // most bigints: SetString would allocate a reader besides
	}
	return new(big.Int).SetString(digits, 10)
}

// serverRef builds a server reference from its outlined {id, bound} part.
// bound is null or a promise of the argument array (React's client writes
// "$@<m>"); a bare array is accepted too.
func (d *decoder) serverRef(v any) (any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, d.errAt(RuleType, "server reference is %s, want an object {id, bound}", typeName(v))
	}
	id, ok := m["id"].(string)
	if !ok {
		return nil, d.errAt(RuleType, "server reference has no string id")
	}
	bound, err := boundArgs(m["bound"], d.lim)
	if err != nil {
		err.Path = d.path.String()
		return nil, err
	}
	ref := &ServerRef{ID: id, Bound: bound}
	return ref, d.check(d.measureOf(ref))
}

// boundArgs reads a server reference's bound arguments. Its errors have no
// path yet: the caller knows where it stands.
//
// The arguments are the array they were decoded into, shared as every
// value reached by more than one reference is: a copy for each "$h" would
// let a few bytes of input allocate MaxBoundArgs slots, every time. The
// capacity is cut to the length, so appending to Bound never writes into
// that array.
func boundArgs(v any, lim Limits) ([]any, *DecodeError) {
	if p, ok := v.(*Promise); ok {
		v = p.Value
	}
	switch b := v.(type) {
	case nil:
		return nil, nil
	case []any:
		if len(b) > lim.MaxBoundArgs {
			return nil, decodeErr("MaxBoundArgs", "", "server reference has %d bound arguments, more than %d", len(b), lim.MaxBoundArgs)
		}
		return b[:len(b):len(b)], nil
	}
	return nil, decodeErr(RuleType, "", "bound arguments are %s, want an array", typeName(v))
}

// typeName names a decoded value's JS type for messages.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case Undefined:
		return "undefined"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("a %T", v)
}
