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
// input's memory, arrays are allocated once at their final size
// (json_scan_count.go), and objects and their members come out of a few
// large allocations rather than one or two each. json_scan_test.go and
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
	msg     string
	offset  int
	tooDeep bool // nesting beyond the scanner's limit, which callers may report as theirs
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

	counts    []uint32 // sizes of the non-empty containers, in opening order (json_scan_count.go)
	nextCount int      // the next of counts to take
	open      []int    // scratch for countContainers

	// distinctEmptyArrays gives every empty array one element of spare
	// capacity, so that each has an address of its own: the reply decoder
	// tells arrays apart by address (a Map or Set consumes one array once).
	distinctEmptyArrays bool
	emptySlab           []any // where that spare capacity is carved from

	memberSlab []jsonMember // where objects' members are carved from
	objectSlab []jsonObject
	unescaped  []byte // scratch for strings with escapes
}

// parse parses s, a whole JSON text, nesting at most maxDepth levels; a
// text nesting deeper fails, marked tooDeep, before any of it is parsed.
func (sc *jsonScanner) parse(s string, maxDepth int) (any, error) {
	if err := sc.countContainers(s, maxDepth); err != nil {
		return nil, err
	}
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
	// Every space JSON allows is below '!': most values start right away.
	for sc.i < len(sc.s) && sc.s[sc.i] <= ' ' {
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
	sc.skipSpace()
	if sc.i < len(sc.s) && sc.s[sc.i] == ']' {
		sc.i++
		sc.depth--
		return sc.emptyArray(), nil
	}
	out := make([]any, 0, sc.takeCount())
	for {
		v, err := sc.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
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
	sc.depth--
	return out, nil
}

// emptyArray returns a new empty array; see distinctEmptyArrays. Its spare
// element belongs to it alone, so appending to it overwrites nothing else.
func (sc *jsonScanner) emptyArray() any {
	if !sc.distinctEmptyArrays {
		return []any{}
	}
	if len(sc.emptySlab) == cap(sc.emptySlab) {
		sc.emptySlab = make([]any, 0, 64)
	}
	n := len(sc.emptySlab)
	sc.emptySlab = sc.emptySlab[:n+1]
	return sc.emptySlab[n : n : n+1]
}

// emptyObject stands for every empty object: it has no members to tell
// apart, and neither decoder needs its address.
var emptyObject = &jsonObject{}

func (sc *jsonScanner) object() (any, error) {
	if err := sc.enter(); err != nil {
		return nil, err
	}
	sc.i++ // '{'
	sc.skipSpace()
	if sc.i < len(sc.s) && sc.s[sc.i] == '}' {
		sc.i++
		sc.depth--
		return emptyObject, nil
	}
	members := sc.reserveMembers(sc.takeCount())
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
		members = append(members, jsonMember{key, v})
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
	if len(sc.objectSlab) == cap(sc.objectSlab) {
		sc.objectSlab = make([]jsonObject, 0, max(2, min(2*cap(sc.objectSlab), 64)))
	}
	sc.objectSlab = append(sc.objectSlab, jsonObject{members: members})
	return &sc.objectSlab[len(sc.objectSlab)-1], nil
}

// reserveMembers carves room for n members from the slab, before the
// members' values are parsed: nested objects reserve theirs after it, so
// every object's members are contiguous without a scratch copy. The result
// has length zero and capacity n; appending past n (only on invalid JSON)
// moves it off the slab rather than over a neighbour.
func (sc *jsonScanner) reserveMembers(n int) []jsonMember {
	// Slabs start small, for the many short texts, and double up to a
	// size that makes their allocations rare in long ones.
	if cap(sc.memberSlab)-len(sc.memberSlab) < n {
		sc.memberSlab = make([]jsonMember, 0, max(n, 8, min(2*cap(sc.memberSlab), 256)))
	}
	at := len(sc.memberSlab)
	sc.memberSlab = sc.memberSlab[:at+n]
	return sc.memberSlab[at : at : at+n]
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
