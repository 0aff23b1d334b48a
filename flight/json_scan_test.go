package flight

import (
	"encoding/json"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// sameJSON is reflect.DeepEqual that also tells -0 from 0.
func sameJSON(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !sameJSON(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	}
	return a == b
}

// checkAgainstEncodingJSON fails unless the scanner accepts exactly what
// encoding/json accepts and reads it to the same value.
func checkAgainstEncodingJSON(tb testing.TB, text string) {
	tb.Helper()
	var want any
	wantErr := json.Unmarshal([]byte(text), &want)
	var sc jsonScanner
	got, err := sc.parse(text, jsonMaxDepth)
	switch {
	case (err != nil) != (wantErr != nil):
		tb.Fatalf("parse(%q): error %v, encoding/json says %v", text, err, wantErr)
	case err == nil && !sameJSON(plainJSON(got), want):
		tb.Fatalf("parse(%q) = %#v, encoding/json reads %#v", text, plainJSON(got), want)
	}
}

var scannerSamples = []string{
	``, ` `, `null`, `true`, `false`, `nul`, `truex`, `0`, `-0`, `-`, `01`, `1.`, `.5`, `1e`, `1e+`, `1E-2`,
	`-12.5e3`, `123456789012345`, `1234567890123456789`, `1e400`, `-1e400`, `1e-400`, `9007199254740993`,
	`""`, `"a"`, `"\u00e9\n\t\"\\\/\b\f\r"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ude00"`, `"\ud83d\u0041"`,
	`"\ud83dx"`, `"\ud83d\ud83d\ude00"`, `"\u12"`, `"\u12G4"`, `"\x"`, "\"a\x01\"", "\"\xff\"", "\"é\xe9\"",
	`"\u0000"`, `"unterminated`, `"a\`, `[]`, `[ ]`, `[1,]`, `[,1]`, `[1 2]`, `[1,[2,[3]]]`, `{}`, `{ }`,
	`{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":1,"a":2}`, `{"a":{"b":[true,null,"$x"]}}`,
	" \t\r\n[1]\n ", `[1]x`, `[1] [2]`, `{"a":1}}`, `[`, `{`, `{"a"`, `{"a":`, `{"a":1`, "\ufeff1",
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	strings.Repeat(`{"a":`, 50) + "1" + strings.Repeat("}", 50),
}

func TestJSONScannerReadsWhatEncodingJSONReads(t *testing.T) {
	t.Parallel()
	for _, s := range scannerSamples {
		checkAgainstEncodingJSON(t, s)
	}
}

// randomJSON writes a random, mostly valid JSON text.
func randomJSON(r *rand.Rand, sb *strings.Builder, depth int) {
	pieces := []string{`"$D2025-01-01T00:00:00.000Z"`, `"a\"b"`, `"é😀"`, `"\ud800"`, `"\u00411"`, `1`, `-0`,
		`0.5`, `1e21`, `-3.25E-7`, `12345678901234567890`, `true`, `false`, `null`, `""`, `"\\/"`}
	switch k := r.Intn(10); {
	case depth > 4 || k < 5:
		sb.WriteString(pieces[r.Intn(len(pieces))])
	case k < 7:
		sb.WriteByte('[')
		for i := range r.Intn(5) {
			if i > 0 {
				sb.WriteString(" ,")
			}
			randomJSON(r, sb, depth+1)
		}
		sb.WriteByte(']')
	default:
		sb.WriteString("{ ")
		for i := range r.Intn(5) {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString([]string{`"a"`, `"b"`, `"$"`, `"\u0062"`}[r.Intn(4)])
			sb.WriteString(" :\n")
			randomJSON(r, sb, depth+1)
		}
		sb.WriteByte('}')
	}
}

func TestJSONScannerAgreesWithEncodingJSONOnRandomTexts(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		var sb strings.Builder
		randomJSON(r, &sb, 0)
		text := sb.String()
		checkAgainstEncodingJSON(t, text)
		if len(text) > 0 { // and a damaged copy
			b := []byte(text)
			const damage = "\"\\[]{},:0e-x \x00\xff"
			b[r.Intn(len(b))] = damage[r.Intn(len(damage))]
			checkAgainstEncodingJSON(t, string(b))
			checkAgainstEncodingJSON(t, text[:r.Intn(len(text))])
		}
	}
}

func TestJSONScannerRefusesNestingBeyondItsLimit(t *testing.T) {
	t.Parallel()
	var sc jsonScanner
	if _, err := sc.parse(`[[[1]]]`, 3); err != nil {
		t.Errorf("three levels under a limit of 3: %v", err)
	}
	if _, err := sc.parse(`[[[{}]]]`, 3); err == nil {
		t.Error("four levels under a limit of 3 were accepted")
	}
}

func FuzzJSONScanner(f *testing.F) {
	for _, s := range scannerSamples[:len(scannerSamples)-3] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkAgainstEncodingJSON(t, text)
	})
}

// readString is strValue made faster for plain strings: at every length
// around its eight-byte steps, with every kind of byte that needs care at
// every place, and whatever follows the literal, the two agree.
func TestReadStringReadsWhatStrValueReads(t *testing.T) {
	t.Parallel()
	specials := []string{`"`, `\\`, `\"`, "\x01", "\x1f", " ", "\x7f", "é", "\xff", "\xe9", `\u0041`}
	tails := []string{``, `"`, `",`, `"` + strings.Repeat("x", 20), `"\\`, "\"\x01"}
	for n := 0; n <= 26; n++ {
		plain := strings.Repeat("abcdefgh", 4)[:n]
		for at := 0; at <= n; at++ {
			for _, sp := range specials {
				for _, tail := range tails {
					text := `"` + plain[:at] + sp + plain[at:] + tail
					fast, slow := jsonScanner{s: text}, jsonScanner{s: text}
					got, gotErr := fast.readString()
					want, wantErr := slow.strValue()
					if got != want || (gotErr == nil) != (wantErr == nil) || fast.i != slow.i {
						t.Fatalf("readString(%q) = %q, %v at %d; strValue: %q, %v at %d", text, got, gotErr, fast.i, want, wantErr, slow.i)
					}
				}
			}
		}
	}
}
