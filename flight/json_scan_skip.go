package flight

import (
	"math/bits"
	"strings"
)

// This file lets a decoder read JSON in place, without the tree parse
// builds: it steps over values it does not need (the siblings a reference
// path passes) and reads numbers without boxing them. A decoder working
// this way still accepts exactly what parse accepts: skipValue checks what
// it skips, and float reads numbers as number does.

// skipValue moves past the value at sc.i, checking its syntax.
func (sc *jsonScanner) skipValue() error {
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return sc.fail("unexpected end of JSON input")
	}
	switch c := sc.s[sc.i]; {
	case c == '"':
		_, err := sc.readString() // a plain string is a slice: nothing allocated
		return err
	case c == '{':
		return sc.skipContainer('}', true)
	case c == '[':
		return sc.skipContainer(']', false)
	case c == '-' || ('0' <= c && c <= '9'):
		_, err := sc.float()
		return err
	case c == 't':
		return sc.literal("true")
	case c == 'f':
		return sc.literal("false")
	case c == 'n':
		return sc.literal("null")
	}
	return sc.fail("invalid character looking for beginning of value")
}

// readString reads a string literal as strValue does, faster for the plain
// ones (see plainStringAt); it hands anything else to strValue.
func (sc *jsonScanner) readString() (string, error) {
	if str, end, ok := plainStringAt(sc.s, sc.i); ok {
		sc.i = end
		return str, nil
	}
	return sc.strValue()
}

// plainStringAt reads the string literal starting at s[i] when it holds no
// escape, control character or non-ASCII byte, finding its closing quote
// eight bytes at a time: it returns the string, a slice of s, and where the
// literal ends. ok is false for any other literal. The scanner's readers
// work from a position in a local variable where they can, as the hot loops
// of the typed reader do (rows_typed_leaves.go).
func plainStringAt(s string, i int) (str string, end int, ok bool) {
	start := i + 1
	for i = start; i+8 <= len(s); i += 8 {
		m := careMask(load64(s[i : i+8]))
		if m == 0 && i+16 <= len(s) { // sixteen bytes a step, for long strings
			i += 8
			m = careMask(load64(s[i : i+8]))
		}
		if m != 0 {
			i += bits.TrailingZeros64(m) / 8
			if s[i] != '"' {
				return "", 0, false
			}
			return s[start:i], i + 1, true
		}
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return s[start:i], i + 1, true
		case c == '\\' || c < 0x20 || c >= 0x80:
			return "", 0, false
		}
	}
	return "", 0, false
}

// skipContainer moves past an array or, when keyed, an object.
func (sc *jsonScanner) skipContainer(end byte, keyed bool) error {
	if err := sc.enter(); err != nil {
		return err
	}
	sc.i++ // '[' or '{'
	sc.skipSpace()
	if sc.i < len(sc.s) && sc.s[sc.i] == end {
		sc.i++
		sc.depth--
		return nil
	}
	for {
		if keyed {
			if _, err := sc.key(); err != nil {
				return err
			}
		}
		if err := sc.skipValue(); err != nil {
			return err
		}
		more, err := sc.next(end)
		if err != nil {
			return err
		}
		if !more {
			sc.depth--
			return nil
		}
	}
}

// key reads an object member's key and its ':', leaving sc.i on the value.
func (sc *jsonScanner) key() (string, error) {
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return "", sc.fail("unexpected end of JSON input")
	}
	if sc.s[sc.i] != '"' {
		return "", sc.fail("invalid character looking for beginning of object key string")
	}
	k, err := sc.readString()
	if err != nil {
		return "", err
	}
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return "", sc.fail("unexpected end of JSON input")
	}
	if sc.s[sc.i] != ':' {
		return "", sc.fail("invalid character after object key")
	}
	sc.i++
	return k, nil
}

// memberKey is a member's key as JSON writes it when it needs no escape
// and no space follows: `"name":`, ready to be compared with the text
// eight bytes at a time.
type memberKey struct {
	text string
	word [2]uint64 // its first sixteen bytes, little-endian
	mask [2]uint64 // which bytes of word are the key's
}

// newMemberKey is name's memberKey, or nil when name needs escapes in
// JSON: anything but printable ASCII, '"' and '\\'.
func newMemberKey(name string) *memberKey {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return nil
		}
	}
	k := &memberKey{text: `"` + name + `":`}
	for i := 0; i < len(k.text) && i < 16; i++ {
		k.word[i/8] |= uint64(k.text[i]) << (8 * (i % 8))
		k.mask[i/8] |= 0xff << (8 * (i % 8))
	}
	return k
}

// hasKey moves past the key at sc.i and its ':' when they are spelled as k.
func (sc *jsonScanner) hasKey(k *memberKey) bool {
	end, ok := keyAt(sc.s, sc.i, k)
	if ok {
		sc.i = end
	}
	return ok
}

// keyAt reports whether the key at s[i] and its ':' are spelled as k, and
// where they end.
func keyAt(s string, i int, k *memberKey) (end int, ok bool) {
	if len(k.text) <= 16 && len(s)-i >= 16 {
		if (load64(s[i:i+8])^k.word[0])&k.mask[0] != 0 || (load64(s[i+8:i+16])^k.word[1])&k.mask[1] != 0 {
			return 0, false
		}
	} else if !strings.HasPrefix(s[i:], k.text) {
		return 0, false
	}
	return i + len(k.text), true
}

// next moves past the ',' between two members or elements and reports
// true, or past the container's end and reports false.
func (sc *jsonScanner) next(end byte) (bool, error) {
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return false, sc.fail("unexpected end of JSON input")
	}
	switch sc.s[sc.i] {
	case ',':
		sc.i++
		return true, nil
	case end:
		sc.i++
		return false, nil
	}
	return false, sc.fail("invalid character after element")
}

// opens moves past the opening '[' or '{' at sc.i and reports whether the
// container is empty, moving past its end too if so.
func (sc *jsonScanner) opens(end byte) bool {
	sc.i++
	sc.skipSpace()
	if sc.i < len(sc.s) && sc.s[sc.i] == end {
		sc.i++
		return true
	}
	return false
}

// float reads the number at sc.i as number does, without boxing it when it
// is a plain integer, the common case.
func (sc *jsonScanner) float() (float64, error) {
	if n, ok := sc.plainInteger(); ok {
		return float64(n), nil
	}
	v, err := sc.number()
	if err != nil {
		return 0, err
	}
	return v.(float64), nil
}

// plainInteger reads an integer of at most 15 digits (exact in a float64)
// with no fraction or exponent, and reports false, leaving sc.i, for any
// other number or for no number, which number then reads or refuses. -0
// is left to number, which keeps its sign.
func (sc *jsonScanner) plainInteger() (int64, bool) {
	n, end, ok := plainIntegerAt(sc.s, sc.i)
	if ok {
		sc.i = end
	}
	return n, ok
}

// plainIntegerAt is plainInteger at s[i], returning where the integer ends.
func plainIntegerAt(s string, i int) (n int64, end int, ok bool) {
	neg := i < len(s) && s[i] == '-'
	if neg {
		i++
	}
	start := i
	// n wraps past 18 digits, which are refused below anyway
	for ; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			break
		}
		n = n*10 + int64(d)
	}
	digits := i - start
	switch {
	case digits == 0 || digits > 15:
		return 0, 0, false
	case s[start] == '0' && (digits > 1 || neg):
		return 0, 0, false // a leading zero (refused) or -0
	case i < len(s) && (s[i] == '.' || s[i]|0x20 == 'e'):
		return 0, 0, false
	}
	if neg {
		n = -n
	}
	return n, i, true
}
