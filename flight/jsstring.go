package flight

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"
)

// This file writes JSON text exactly as JavaScript's JSON.stringify does, so
// that encoded rows and replies match React's bytes: only '"', '\\' and
// control characters are escaped (not '<', '>', '&' or U+2028 as Go's
// encoding/json does), and numbers use ECMAScript's Number::toString.

const hexDigits = "0123456789abcdef"

// appendJSString appends s as a JSON string literal. Invalid UTF-8 becomes
// U+FFFD, since a JS string cannot hold raw bytes.
func appendJSString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c >= 0x20:
				b = append(b, c)
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\ufffd"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// jsLength is the length of s in UTF-16 code units, JavaScript's
// String.prototype.length, which React compares with its text-row threshold.
func jsLength(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 && r <= utf8.MaxRune {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// maxSafeInteger is Number.MAX_SAFE_INTEGER: larger integers do not survive
// the trip through a JS number, so the encoders refuse them.
const maxSafeInteger = 1<<53 - 1

// appendJSNumber appends a finite float64 as JSON.stringify writes it, or
// the "$" code for -0, NaN and the infinities (without quotes: the caller
// quotes codes). ok is false when f needs a code.
func appendJSNumber(b []byte, f float64, bits int) ([]byte, string) {
	switch {
	case math.IsNaN(f):
		return b, "$NaN"
	case math.IsInf(f, 1):
		return b, "$Infinity"
	case math.IsInf(f, -1):
		return b, "$-Infinity"
	case f == 0 && math.Signbit(f):
		return b, "$-0"
	}
	// encoding/json already follows ECMAScript's Number::toString for the
	// choice between plain and exponent form; reuse its formatting.
	if bits == 32 {
		out, _ := json.Marshal(float32(f))
		return append(b, out...), ""
	}
	out, _ := json.Marshal(f)
	return append(b, out...), ""
}

// formatHex is how React writes row ids and part references.
func formatHex(n int) string { return strconv.FormatInt(int64(n), 16) }
