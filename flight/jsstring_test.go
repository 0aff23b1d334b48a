package flight

import (
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// These tests pin the JSON.stringify spellings the encoders rely on; the
// conformance suite checks them against React as a whole, these one by one.

func TestAppendJSNumberWritesWhatJSONStringifyWrites(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-1, "-1"}, {0.1, "0.1"}, {1.5, "1.5"}, {-2.25, "-2.25"},
		{1e20, "100000000000000000000"}, {1e21, "1e+21"}, {1.5e300, "1.5e+300"},
		{1e-6, "0.000001"}, {1.5e-7, "1.5e-7"}, {5e-324, "5e-324"}, {1e-10, "1e-10"},
		{1<<53 - 1, "9007199254740991"}, {1 << 60, "1152921504606847000"},
		{math.MaxFloat64, "1.7976931348623157e+308"}, {123456789.125, "123456789.125"},
	} {
		if got, code := appendJSNumber(nil, c.f, 64); string(got) != c.want || code != "" {
			t.Errorf("appendJSNumber(%v) = %s %q, want %s", c.f, got, code, c.want)
		}
	}
	for _, c := range []struct {
		f    float64
		want string
	}{{math.NaN(), "$NaN"}, {math.Inf(1), "$Infinity"}, {math.Inf(-1), "$-Infinity"}, {math.Copysign(0, -1), "$-0"}} {
		if got, code := appendJSNumber(nil, c.f, 64); len(got) != 0 || code != c.want {
			t.Errorf("appendJSNumber(%v) = %s %q, want code %q", c.f, got, code, c.want)
		}
	}
}

// The short-decimal way of writing numbers must agree with AppendFloat's
// shortest form everywhere it answers: around every short decimal, at the
// edges of its range and on random values.
func TestAppendJSNumberShortDecimalsAgreeWithAppendFloat(t *testing.T) {
	t.Parallel()
	check := func(f float64) {
		t.Helper()
		want := strconv.AppendFloat(nil, f, 'f', -1, 64)
		if got, ok := appendShortDecimal(nil, f); ok && string(got) != string(want) {
			t.Fatalf("appendShortDecimal(%v) = %s, AppendFloat writes %s", f, got, want)
		}
		if a := math.Abs(f); a < 1e-6 || a >= 1e21 {
			return // written in exponent form
		}
		if got, _ := appendJSNumber(nil, f, 64); string(got) != string(want) {
			t.Fatalf("appendJSNumber(%v) = %s, AppendFloat writes %s", f, got, want)
		}
	}
	for n := int64(-20000); n <= 20000; n++ {
		for _, scale := range []float64{10, 100, 1000} {
			f := float64(n) / scale
			if f != math.Trunc(f) {
				check(f)
				check(math.Nextafter(f, math.Inf(1)))
				check(math.Nextafter(f, math.Inf(-1)))
			}
		}
	}
	for _, f := range []float64{999999999.5, 999999999.999, -999999999.001, 999999999.9999, 0.001, 0.0005, 1e-3 / 3, 123456789.125, 0.1 + 0.2} {
		check(f)
	}
	r := rand.New(rand.NewSource(1))
	for range 200000 {
		check((r.Float64() - 0.5) * math.Pow(10, float64(r.Intn(12)-2)))
		check(float64(r.Int63n(2e12)-1e12) / 1000)
	}
}

// slowJSString is the byte-at-a-time definition of JSON.stringify on a Go
// string (invalid UTF-8 as U+FFFD), for appendJSString to agree with.
func slowJSString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[r>>4])
			b.WriteByte(hexDigits[r&0xf])
		default:
			b.WriteRune(r) // RuneError for invalid bytes is U+FFFD
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestAppendJSStringEscapesAsJSONStringify(t *testing.T) {
	t.Parallel()
	alphabet := []string{"a", "Z", " ", "~", "\x7f", `"`, `\`, "\n", "\x00", "\x1f", "é", "😀", "\u2028", "<", "\xff", "\xed\xa0\x80", "$"}
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		var sb strings.Builder
		for range r.Intn(40) {
			sb.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		s := sb.String()
		if got, want := string(appendJSString(nil, s)), slowJSString(s); got != want {
			t.Fatalf("appendJSString(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestAppendJSDateWritesToISOString(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2025, 1, 2, 3, 4, 5, 6e6+999, time.UTC), `"$D2025-01-02T03:04:05.006Z"`},
		{time.Date(1, 12, 31, 23, 59, 59, 999e6, time.UTC), `"$D0001-12-31T23:59:59.999Z"`},
		{time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), `"$D-000001-01-01T00:00:00.000Z"`},
		{time.Date(275760, 9, 13, 0, 0, 0, 0, time.UTC), `"$D+275760-09-13T00:00:00.000Z"`},
		{time.Date(2025, 6, 1, 2, 0, 0, 0, time.FixedZone("x", 3600)), `"$D2025-06-01T01:00:00.000Z"`},
	} {
		if got := string(appendJSDate(nil, c.t)); got != c.want {
			t.Errorf("appendJSDate(%v) = %s, want %s", c.t, got, c.want)
		}
	}
}
