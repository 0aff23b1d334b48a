package flight

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
		_, err := sc.strValue() // a plain string is a slice: nothing allocated
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
	k, err := sc.strValue()
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
	if f, ok := sc.plainInteger(); ok {
		return f, nil
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
func (sc *jsonScanner) plainInteger() (float64, bool) {
	s, i := sc.s, sc.i
	neg := i < len(s) && s[i] == '-'
	if neg {
		i++
	}
	start := i
	n := int64(0)
	for i < len(s) && '0' <= s[i] && s[i] <= '9' && i-start < 16 {
		n = n*10 + int64(s[i]-'0')
		i++
	}
	digits := i - start
	switch {
	case digits == 0 || digits > 15:
		return 0, false
	case s[start] == '0' && (digits > 1 || neg):
		return 0, false // a leading zero (refused) or -0
	case i < len(s) && (s[i] == '.' || s[i] == 'e' || s[i] == 'E'):
		return 0, false
	}
	sc.i = i
	if neg {
		n = -n
	}
	return float64(n), true
}
