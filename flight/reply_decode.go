package flight

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"strings"
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
	return decodeRoot(newPartSet(fields, ""), lim)
}

// DecodeReplyString decodes the JSON string form of a reply, as
// [DecodeReply] does for a text/plain body.
func DecodeReplyString(s string, limits Limits) (any, error) {
	lim := limits.withDefaults()
	if int64(len(s)) > lim.MaxFieldBytes {
		return nil, decodeErr("MaxFieldBytes", "", "the reply is larger than %d bytes", lim.MaxFieldBytes)
	}
	return decodeRoot(newPartSet([]bodyField{{Name: "0", Value: s}}, ""), lim)
}

func decodeRoot(ps *partSet, lim Limits) (any, error) {
	d := newDecoder(ps, lim)
	v, err := d.resolve("0", "0")
	if err != nil {
		return nil, err
	}
	return v, nil
}

// decoder turns a reply's parts into one value tree. Parts are parsed only
// when referenced, each once; containers are revived slot by slot so that a
// path reference can reach into a part still being revived, as React allows,
// while a reference to a container's own ancestor is a cycle.
type decoder struct {
	lim        Limits
	parts      *partSet
	models     map[int]*partModel
	uses       map[int]partUse // how each part id has been consumed
	formsUsed  map[int]bool
	containers map[ident]*container
	measures   map[ident]measure // outlined values: Map, Set, File, Promise …
	scanner    jsonScanner
	active     int // revive calls under way, bounded
}

func newDecoder(ps *partSet, lim Limits) *decoder {
	return &decoder{
		lim: lim, parts: ps,
		models:     map[int]*partModel{},
		uses:       map[int]partUse{},
		formsUsed:  map[int]bool{},
		containers: map[ident]*container{},
		measures:   map[ident]measure{},
	}
}

func decodeErr(rule, path, format string, args ...any) *DecodeError {
	return &DecodeError{Rule: rule, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// maxActive bounds the decoder's own recursion: nesting is already bounded
// by MaxDepth, but a chain of references revived on demand is not.
func (d *decoder) maxActive() int { return 8*d.lim.MaxDepth + 64 }

// revive turns one raw JSON value at path into its decoded value. pathOK is
// false where React gives values no path (stream chunks, keys holding ':').
func (d *decoder) revive(raw any, path string, pathOK bool) (any, error) {
	d.active++
	defer func() { d.active-- }()
	if d.active > d.maxActive() {
		return nil, decodeErr("MaxDepth", path, "references nest more than %d levels deep", d.maxActive())
	}
	switch x := raw.(type) {
	case string:
		return d.decodeString(x, path, pathOK)
	case *jsonObject, []any:
		c := d.newContainer(x, path, pathOK)
		if err := d.fill(c); err != nil {
			return nil, err
		}
		return c.out, nil
	}
	return raw, nil // float64, bool, nil
}

// decodeString decodes a JSON string: a plain string, or one of React's "$"
// codes (WIRE.md section 1).
func (d *decoder) decodeString(s, path string, pathOK bool) (any, error) {
	if s == "" || s[0] != '$' {
		return s, nil
	}
	if len(s) == 1 {
		return nil, decodeErr(RuleSyntax, path, `invalid reference "$"`)
	}
	arg := s[2:]
	switch s[1] {
	case '$':
		return s[1:], nil
	case '@':
		id, ok := parseHexID(arg)
		if !ok {
			return nil, badID(s, path)
		}
		v, err := d.resolve(hexPath(id), path)
		if err != nil {
			return nil, err
		}
		p := &Promise{Value: v}
		return p, d.record(p, wrapMeasure(d.measureOf(v)), path)
	case 'h':
		v, err := d.resolve(arg, path)
		if err != nil {
			return nil, err
		}
		return d.serverRef(v, path)
	case 'T':
		if !pathOK {
			return nil, decodeErr(RuleReference, path, "a temporary reference where React gives values no path")
		}
		return TemporaryRef{ID: path}, nil
	case 'Q', 'W', 'i':
		return d.collection(s[1], arg, path)
	case 'K':
		return d.formData(arg, path)
	case 'B':
		return d.blob(arg, path)
	case 'A', 'O', 'o', 'U', 'S', 's', 'L', 'l', 'G', 'g', 'M', 'm', 'V':
		return d.typedArray(s[1], arg, path)
	case 'R', 'r', 'X', 'x':
		return d.stream(s[1], arg, path)
	case 'D':
		t, ok := parseJSDate(arg)
		if !ok {
			return nil, decodeErr(RuleType, path, "invalid date %q", truncate(arg))
		}
		return t, nil
	case 'n':
		return d.bigint(arg, path)
	case 'F':
		return nil, decodeErr(RuleSyntax, path, `the "$F" server reference of React before 19.2.1 is not accepted; use "$h"`)
	}
	switch s {
	case "$undefined":
		return Undefined{}, nil
	case "$NaN":
		return math.NaN(), nil
	case "$Infinity":
		return math.Inf(1), nil
	case "$-Infinity":
		return math.Inf(-1), nil
	case "$-0":
		return math.Copysign(0, -1), nil
	}
	if isHexDigit(s[1]) {
		return d.resolve(s[1:], path)
	}
	return nil, decodeErr(RuleSyntax, path, "unknown reference %q", truncate(s))
}

func badID(s, path string) *DecodeError {
	return decodeErr(RuleSyntax, path, "invalid part id in %q", truncate(s))
}

// truncate keeps messages readable when the input is huge.
func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func (d *decoder) bigint(digits, path string) (any, error) {
	if len(digits) > d.lim.MaxBigIntDigits {
		return nil, decodeErr("MaxBigIntDigits", path, "bigint has %d digits, more than %d", len(digits), d.lim.MaxBigIntDigits)
	}
	body := strings.TrimPrefix(digits, "-")
	if body == "" || strings.Trim(body, "0123456789") != "" {
		return nil, decodeErr(RuleSyntax, path, "invalid bigint %q", digits)
	}
	n, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return nil, decodeErr(RuleSyntax, path, "invalid bigint %q", digits)
	}
	return n, nil
}

// serverRef builds a server reference from its outlined {id, bound} part.
// bound is null or a promise of the argument array (React's client writes
// "$@<m>"); a bare array is accepted too.
func (d *decoder) serverRef(v any, path string) (any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, decodeErr(RuleType, path, "server reference is %s, want an object {id, bound}", typeName(v))
	}
	id, ok := m["id"].(string)
	if !ok {
		return nil, decodeErr(RuleType, path, "server reference has no string id")
	}
	bound, err := d.boundArgs(m["bound"], path)
	if err != nil {
		return nil, err
	}
	ref := &ServerRef{ID: id, Bound: bound}
	var m2 measure
	for _, a := range bound {
		m2.addChild(d.measureOf(a))
	}
	return ref, d.record(ref, m2, path)
}

func (d *decoder) boundArgs(v any, path string) ([]any, error) {
	if p, ok := v.(*Promise); ok {
		v = p.Value
	}
	switch b := v.(type) {
	case nil:
		return nil, nil
	case []any:
		if len(b) > d.lim.MaxBoundArgs {
			return nil, decodeErr("MaxBoundArgs", path, "server reference has %d bound arguments, more than %d", len(b), d.lim.MaxBoundArgs)
		}
		return append([]any{}, b...), nil
	}
	return nil, decodeErr(RuleType, path, "bound arguments are %s, want an array", typeName(v))
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
