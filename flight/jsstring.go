package flight

import (
	"math"
	"strconv"
	"time"
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
	return appendJSStringBody(append(b, '"'), s)
}

// jsSafe marks the bytes JSON.stringify writes as they are, alone: ASCII
// but '"', '\\' and control characters.
var jsSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendJSStringBody appends s escaped and the closing quote. Runs of bytes
// that need no escape (nearly all of most strings) are copied at once.
func appendJSStringBody(b []byte, s string) []byte {
	if plainJS(s) {
		return append(append(b, s...), '"')
	}
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && !needsCare(load64(s[i:i+8])) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if jsSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainJS reports whether s is all printable ASCII but '"' and '\\': what
// most strings are, and JSON.stringify writes as it is. It checks eight
// bytes at a time, the last eight overlapping the ones before.
func plainJS(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if needsCare(load64(s[i : i+8])) {
			return false
		}
	}
	if i == len(s) {
		return true
	}
	if len(s) >= 8 {
		return !needsCare(load64(s[len(s)-8:]))
	}
	for ; i < len(s); i++ {
		if !jsSafe[s[i]] {
			return false
		}
	}
	return true
}

// needsCare reports whether any of the eight bytes in x is one the string
// writer must look at: a control character, '"', '\\' or a non-ASCII byte.
// It tests eight bytes at once with the classic "has a zero byte" bit trick.
func needsCare(x uint64) bool { return careMask(x) != 0 }

// careMask is needsCare as a mask: the high bit of each byte that needs
// care is set. Bits above the lowest one may be set falsely (a borrow
// carries into the next byte), so only the lowest is to be trusted.
func careMask(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := x^('"'*ones), x^('\\'*ones)
	return x&highs | (x-0x20*ones)&^x&highs |
		(quote-ones)&^quote&highs | (backslash-ones)&^backslash&highs
}

// load64 reads 8 bytes of s little-endian (the compiler makes it one load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
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
	// Number::toString writes the shortest digits that read back as f: as
	// an integer or decimal when 1e-6 <= |f| < 1e21, in exponent form
	// otherwise. A float32 is compared and written at its own precision, as
	// encoding/json does and as this package always has.
	abs := math.Abs(f)
	exp := false
	if bits == 32 {
		exp = abs != 0 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)
	} else {
		exp = abs != 0 && (abs < 1e-6 || abs >= 1e21)
	}
	if !exp {
		// An integral float64 below 2^53 has no shorter spelling than its
		// integer digits, which AppendInt writes faster.
		if bits == 64 && abs < 1<<53 && f == math.Trunc(f) {
			return strconv.AppendInt(b, int64(f), 10), ""
		}
		if bits == 64 {
			if b, ok := appendShortDecimal(b, f); ok {
				return b, ""
			}
		}
		return strconv.AppendFloat(b, f, 'f', -1, bits), ""
	}
	b = strconv.AppendFloat(b, f, 'e', -1, bits)
	// Go writes at least two exponent digits ("1.5e-07"); JS writes as many
	// as it needs ("1.5e-7"). Exponents of magnitude 21 and up have two.
	if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b, ""
}

// appendShortDecimal appends f when it is not integral, |f| < 1e9 and it
// has at most three digits after the point (prices, scores, halves), as
// AppendFloat's shortest form writes it, without its general algorithm.
// With k digits, the decimal is n/10^k for the integer n nearest f·10^k,
// when that division (exact operands, so correctly rounded, as parsing
// the decimal would be) gives back f: then it reads back as f, no decimal
// with fewer digits does (the smaller k failed), and none other with k
// digits does either, since below 1e9 a float64's spacing is far finer
// than 10^-3.
func appendShortDecimal(b []byte, f float64) ([]byte, bool) {
	if f == math.Trunc(f) || !(math.Abs(f) < 1e9) {
		return b, false
	}
	for k, scale := 1, 10.0; k <= 3; k, scale = k+1, scale*10 {
		n := math.Round(f * scale)
		if n/scale != f {
			continue
		}
		if f < 0 {
			b, n = append(b, '-'), -n
		}
		whole, frac := int64(n)/int64(scale), int64(n)%int64(scale)
		b = strconv.AppendInt(b, whole, 10)
		b = append(b, '.')
		return appendDigits(b, int(frac), k), true
	}
	return b, false
}

// appendJSDate appends the quoted "$D" code of t: Date.prototype.toISOString,
// UTC with millisecond precision and a six-digit signed year outside
// 0000–9999.
func appendJSDate(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	hour, minute, sec := t.Clock()
	b = append(b, '"', '$', 'D')
	switch {
	case year < 0:
		b = appendDigits(append(b, '-'), -year, 6)
	case year > 9999:
		b = appendDigits(append(b, '+'), year, 6)
	default:
		b = appendDigits(b, year, 4)
	}
	b = appendDigits(append(b, '-'), int(month), 2)
	b = appendDigits(append(b, '-'), day, 2)
	b = appendDigits(append(b, 'T'), hour, 2)
	b = appendDigits(append(b, ':'), minute, 2)
	b = appendDigits(append(b, ':'), sec, 2)
	b = appendDigits(append(b, '.'), t.Nanosecond()/1e6, 3)
	return append(b, 'Z', '"')
}

// appendDigits appends n (>= 0) in decimal, zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	if width == 2 && n < 100 {
		return append(b, byte('0'+n/10), byte('0'+n%10))
	}
	var buf [20]byte
	i := len(buf)
	for n >= 10 || width > 1 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	i--
	buf[i] = byte('0' + n)
	return append(b, buf[i:]...)
}

// formatHex is how React writes row ids and part references.
func formatHex(n int) string { return strconv.FormatInt(int64(n), 16) }
