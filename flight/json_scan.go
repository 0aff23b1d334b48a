package flight

import (
	"strconv"
)

// This file parses the JSON text of rows and reply parts. It accepts what
// encoding/json accepts and reads strings and numbers as it does (invalid
// UTF-8 and lone surrogates become U+FFFD), but builds a tree made for the
// decoders that walk it once afterwards: objects are *jsonObject, their
// members in text order rather than a map (the decoders build the one map
// of the decoded value themselves), strings without escapes share the
// input's memory, and objects and their members come out of a few large
// allocations rather than one or two each. json_scan_test.go and
// FuzzJSONScanner compare it with encoding/json.
//
// A parsed value is nil, bool, float64, string, []any or *jsonObject.

// jsonObject is a parsed JSON object: its members in text order. A key may
// repeat; as in encoding/json, the last one counts.
type jsonObject struct {
	members []jsonMember
}

type jsonMember struct {
	key string
	val any
}

// get returns the value of key, the last member of that name.
func (o *jsonObject) get(key string) (any, bool) {
	for i := len(o.members) - 1; i >= 0; i-- {
		if o.members[i].key == key {
			return o.members[i].val, true
		}
	}
	return nil, false
}

// plainJSON turns a parsed value into encoding/json's tree, objects as
// maps, for values handed out as they are (an error's stack).
func plainJSON(v any) any {
	switch x := v.(type) {
	case *jsonObject:
		m := make(map[string]any, len(x.members))
		for _, mem := range x.members {
			m[mem.key] = plainJSON(mem.val)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plainJSON(e)
		}
		return out
	}
	return v
}

// jsonMaxDepth is encoding/json's own nesting limit, which the scanner
// keeps where a caller asks for none tighter.
const jsonMaxDepth = 10000

// jsonSyntaxError is why a text is not JSON, at a byte offset.
type jsonSyntaxError struct {
	msg    string
	offset int
}

func (e *jsonSyntaxError) Error() string {
	return e.msg + " at offset " + strconv.Itoa(e.offset)
}

// jsonScanner parses JSON texts. One scanner may parse many texts (the
// rows of one response, the parts of one reply), sharing its slabs.
type jsonScanner struct {
	s        string
	i        int
	depth    int
	maxDepth int

	elems   []any        // elements of the arrays being parsed, nested
	members []jsonMember // members of the objects being parsed, nested

	memberSlab []jsonMember // where finished objects' members are carved from
	objectSlab []jsonObject
	unescaped  []byte // scratch for strings with escapes
}

// parse parses s, a whole JSON text, nesting at most maxDepth levels.
func (sc *jsonScanner) parse(s string, maxDepth int) (any, error) {
	sc.s, sc.i, sc.depth, sc.maxDepth = s, 0, 0, maxDepth
	v, err := sc.value()
	if err != nil {
		return nil, err
	}
	sc.skipSpace()
	if sc.i < len(sc.s) {
		return nil, sc.fail("invalid character after top-level value")
	}
	return v, nil
}

func (sc *jsonScanner) fail(msg string) error {
	return &jsonSyntaxError{msg: msg, offset: sc.i}
}

func (sc *jsonScanner) skipSpace() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return
		}
	}
}

func (sc *jsonScanner) value() (any, error) {
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return nil, sc.fail("unexpected end of JSON input")
	}
	switch c := sc.s[sc.i]; {
	case c == '"':
		return sc.str()
	case c == '{':
		return sc.object()
	case c == '[':
		return sc.array()
	case c == '-' || ('0' <= c && c <= '9'):
		return sc.number()
	case c == 't':
		return true, sc.literal("true")
	case c == 'f':
		return false, sc.literal("false")
	case c == 'n':
		return nil, sc.literal("null")
	}
	return nil, sc.fail("invalid character looking for beginning of value")
}

func (sc *jsonScanner) literal(word string) error {
	if len(sc.s)-sc.i < len(word) || sc.s[sc.i:sc.i+len(word)] != word {
		return sc.fail("invalid literal")
	}
	sc.i += len(word)
	return nil
}

func (sc *jsonScanner) enter() error {
	sc.depth++
	if sc.depth > sc.maxDepth {
		return sc.fail("exceeded max depth")
	}
	return nil
}

func (sc *jsonScanner) array() (any, error) {
	if err := sc.enter(); err != nil {
		return nil, err
	}
	sc.i++ // '['
	base := len(sc.elems)
	sc.skipSpace()
	if sc.i < len(sc.s) && sc.s[sc.i] == ']' {
		sc.i++
		sc.depth--
		return []any{}, nil
	}
	for {
		v, err := sc.value()
		if err != nil {
			return nil, err
		}
		sc.elems = append(sc.elems, v)
		sc.skipSpace()
		if sc.i >= len(sc.s) {
			return nil, sc.fail("unexpected end of JSON input")
		}
		c := sc.s[sc.i]
		sc.i++
		if c == ']' {
			break
		}
		if c != ',' {
			sc.i--
			return nil, sc.fail("invalid character after array element")
		}
	}
	out := make([]any, len(sc.elems)-base)
	copy(out, sc.elems[base:])
	clear(sc.elems[base:]) // let the scratch stack forget the values
	sc.elems = sc.elems[:base]
	sc.depth--
	return out, nil
}

func (sc *jsonScanner) object() (any, error) {
	if err := sc.enter(); err != nil {
		return nil, err
	}
	sc.i++ // '{'
	base := len(sc.members)
	sc.skipSpace()
	if sc.i < len(sc.s) && sc.s[sc.i] == '}' {
		sc.i++
		sc.depth--
		return sc.newObject(base), nil
	}
	for {
		sc.skipSpace()
		if sc.i >= len(sc.s) {
			return nil, sc.fail("unexpected end of JSON input")
		}
		if sc.s[sc.i] != '"' {
			return nil, sc.fail("invalid character looking for beginning of object key string")
		}
		key, err := sc.strValue()
		if err != nil {
			return nil, err
		}
		sc.skipSpace()
		if sc.i >= len(sc.s) || sc.s[sc.i] != ':' {
			if sc.i >= len(sc.s) {
				return nil, sc.fail("unexpected end of JSON input")
			}
			return nil, sc.fail("invalid character after object key")
		}
		sc.i++
		v, err := sc.value()
		if err != nil {
			return nil, err
		}
		sc.members = append(sc.members, jsonMember{key, v})
		sc.skipSpace()
		if sc.i >= len(sc.s) {
			return nil, sc.fail("unexpected end of JSON input")
		}
		c := sc.s[sc.i]
		sc.i++
		if c == '}' {
			break
		}
		if c != ',' {
			sc.i--
			return nil, sc.fail("invalid character after object key:value pair")
		}
	}
	sc.depth--
	return sc.newObject(base), nil
}

// newObject makes the object of the members above base on the scratch
// stack, carving it and its members from the slabs.
func (sc *jsonScanner) newObject(base int) *jsonObject {
	n := len(sc.members) - base
	// Slabs start small, for the many short texts, and double up to a
	// size that makes their allocations rare in long ones.
	if cap(sc.memberSlab)-len(sc.memberSlab) < n {
		sc.memberSlab = make([]jsonMember, 0, max(n, 8, min(2*cap(sc.memberSlab), 256)))
	}
	at := len(sc.memberSlab)
	sc.memberSlab = append(sc.memberSlab, sc.members[base:]...)
	clear(sc.members[base:])
	sc.members = sc.members[:base]
	if len(sc.objectSlab) == cap(sc.objectSlab) {
		sc.objectSlab = make([]jsonObject, 0, max(2, min(2*cap(sc.objectSlab), 64)))
	}
	sc.objectSlab = append(sc.objectSlab, jsonObject{members: sc.memberSlab[at : at+n : at+n]})
	return &sc.objectSlab[len(sc.objectSlab)-1]
}

func (sc *jsonScanner) number() (any, error) {
	start := sc.i
	s := sc.s
	i := sc.i
	if s[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i > j
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case !digits():
		sc.i = i
		return nil, sc.fail("invalid character in numeric literal")
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			sc.i = i
			return nil, sc.fail("invalid character after decimal point in numeric literal")
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			sc.i = i
			return nil, sc.fail("invalid character in exponent of numeric literal")
		}
	}
	sc.i = i
	text := s[start:i]
	if f, ok := smallInteger(text); ok {
		return f, nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		sc.i = start
		return nil, sc.fail("number " + truncate(text) + " out of range")
	}
	return f, nil
}

// smallInteger reads the integers most numbers are without ParseFloat: up
// to 15 digits are exact in a float64.
func smallInteger(text string) (float64, bool) {
	neg := text[0] == '-'
	digits := text
	if neg {
		digits = text[1:]
	}
	if len(digits) == 0 || len(digits) > 15 {
		return 0, false
	}
	n := int64(0)
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		if n == 0 {
			return 0, false // -0 keeps its sign through ParseFloat
		}
		n = -n
	}
	return float64(n), true
}
