package flight

import (
	"unicode/utf16"
	"unicode/utf8"
)

// This file reads the string literals of json_scan.go: as encoding/json
// does, invalid UTF-8 and lone surrogates become U+FFFD.

func (sc *jsonScanner) str() (any, error) {
	s, err := sc.strValue()
	if err != nil {
		return nil, err
	}
	return s, nil
}

// strValue reads a string literal. One without escapes or invalid UTF-8,
// nearly every one, is a slice of the input.
func (sc *jsonScanner) strValue() (string, error) {
	sc.i++ // '"'
	start := sc.i
	s := sc.s
	for i := start; i < len(s); {
		if i+8 <= len(s) && !needsCare(load64(s[i:i+8])) {
			i += 8 // eight plain ASCII bytes, the usual case
			continue
		}
		c := s[i]
		switch {
		case c == '"':
			sc.i = i + 1
			return s[start:i], nil
		case c == '\\' || c < 0x20:
			return sc.unescape(start, i)
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return sc.unescape(start, i)
			}
			i += size
		}
	}
	sc.i = len(s)
	return "", sc.fail("unexpected end of JSON input")
}

// unescape reads the rest of a string from i on, s[start:i] being plain.
func (sc *jsonScanner) unescape(start, i int) (string, error) {
	s := sc.s
	b := append(sc.unescaped[:0], s[start:i]...)
	defer func() { sc.unescaped = b[:0] }()
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			sc.i = i + 1
			return string(b), nil
		case c < 0x20:
			sc.i = i
			return "", sc.fail("invalid character in string literal")
		case c == '\\':
			if i+1 >= len(s) {
				sc.i = len(s)
				return "", sc.fail("unexpected end of JSON input")
			}
			i += 2
			switch s[i-1] {
			case '"', '\\', '/':
				b = append(b, s[i-1])
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(s, i)
				if !ok {
					sc.i = i
					return "", sc.fail("invalid character in \\u hexadecimal character escape")
				}
				i += 4
				if utf16.IsSurrogate(r) {
					// A surrogate pair is one character; a lone
					// surrogate is U+FFFD and what follows is read on
					// its own.
					r2, ok := rune(0), false
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						r2, ok = hex4(s, i+2)
					}
					if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, r)
			default:
				sc.i = i - 1
				return "", sc.fail("invalid character in string escape code")
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
	sc.i = len(s)
	return "", sc.fail("unexpected end of JSON input")
}

// hex4 reads the four hex digits of a \u escape at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
