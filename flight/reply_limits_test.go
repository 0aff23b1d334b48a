package flight_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// assertRefused checks that err is a *DecodeError naming rule, with a
// message a person can read.
func assertRefused(tb testing.TB, err error, rule string) {
	tb.Helper()
	var de *flight.DecodeError
	if !errors.As(err, &de) {
		tb.Fatalf("got error %v (%T), want a *flight.DecodeError with rule %s", err, err, rule)
	}
	if de.Rule != rule {
		tb.Fatalf("refused by rule %q (%v), want %q", de.Rule, err, rule)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "flight: ") || len(msg) < 20 {
		tb.Fatalf("unreadable message %q", msg)
	}
}

// sharedDAG is a text reply where each of levels arrays holds its
// predecessor twice: 2^levels slots once expanded.
func sharedDAG(levels int) string {
	var b strings.Builder
	b.WriteString(`[[1,1]`)
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, `,["$0:%d","$0:%d"]`, i-1, i-1)
	}
	b.WriteString("]")
	return b.String()
}

func TestDecodeReplyStringRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		lim  flight.Limits
		rule string
	}{
		{"a path through __proto__ to then (React2Shell)", `[{"a":1},"$0:0:__proto__:then"]`, flight.Limits{}, flight.RuleReference},
		{"a path to constructor.constructor (React2Shell)", `[{"a":1},"$0:0:constructor:constructor"]`, flight.Limits{}, flight.RuleReference},
		{"a path to an array's length", `[[1],"$0:0:length"]`, flight.Limits{}, flight.RuleReference},
		{"a path through a string", `["abc","$0:0:0"]`, flight.Limits{}, flight.RuleReference},
		{"a path to a non-canonical index", `[[1,2],"$0:0:01"]`, flight.Limits{}, flight.RuleReference},
		{"a path to a dropped undefined property", `[{"u":"$undefined"},"$0:0:u"]`, flight.Limits{}, flight.RuleReference},
		{"an object that references itself", `{"self":"$0"}`, flight.Limits{}, flight.RuleReference},
		{"a slot that references itself", `{"a":"$0:a"}`, flight.Limits{}, flight.RuleReference},
		{"a child that references its ancestor", `[{"up":"$0:0"}]`, flight.Limits{}, flight.RuleReference},
		{"a promise of its own part", `"$@0"`, flight.Limits{}, flight.RuleReference},
		{"a reference to a missing part", `"$1"`, flight.Limits{}, flight.RuleReference},
		{"a Map of a missing part", `"$Q5"`, flight.Limits{}, flight.RuleReference},
		{"a lone $", `"$"`, flight.Limits{}, flight.RuleSyntax},
		{"a Map with no id", `"$Q"`, flight.Limits{}, flight.RuleSyntax},
		{"a part id that overflows", `"$ffffffffffffffffffff"`, flight.Limits{}, flight.RuleSyntax},
		{"a negative part id", `"$-1"`, flight.Limits{}, flight.RuleSyntax},
		{"an unknown $ code", `"$Zz"`, flight.Limits{}, flight.RuleSyntax},
		{"the old $F server reference", `"$F1"`, flight.Limits{}, flight.RuleSyntax},
		{"a temporary reference under a key with a colon", `{"a:b":"$T"}`, flight.Limits{}, flight.RuleReference},
		{"an invalid date", `"$Dnot a date"`, flight.Limits{}, flight.RuleType},
		{"a bigint that is not a number", `"$n12a"`, flight.Limits{}, flight.RuleSyntax},
		{"an empty bigint", `"$n"`, flight.Limits{}, flight.RuleSyntax},
		{"a 301-digit bigint", `"$n` + strings.Repeat("9", 301) + `"`, flight.Limits{}, "MaxBigIntDigits"},
		{"malformed JSON", `[1,`, flight.Limits{}, flight.RuleSyntax},
		{"a number beyond float64", `1e400`, flight.Limits{}, flight.RuleSyntax},
		{"a blob in a text reply", `"$B1"`, flight.Limits{}, flight.RuleReference},
		{"a stream with no chunks", `"$R1"`, flight.Limits{}, flight.RuleSyntax},
		{"100k nested arrays", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), flight.Limits{}, "MaxDepth"},
		{"nesting past MaxDepth", `[[[1]]]`, flight.Limits{MaxDepth: 2}, "MaxDepth"},
		{"a reply longer than MaxFieldBytes", `"` + strings.Repeat("x", 100) + `"`, flight.Limits{MaxFieldBytes: 50}, "MaxFieldBytes"},
		{"more than MaxArraySlots slots", `[1,2,3,4,5]`, flight.Limits{MaxArraySlots: 4}, "MaxArraySlots"},
		{"1e6+ array slots in nested arrays", "[" + strings.Repeat("[0,0,0,0,0,0,0,0,0,0],", 100001) + "0]", flight.Limits{MaxFieldBytes: 4 << 20}, "MaxArraySlots"},
		{"a 40-level DAG of shared references", sharedDAG(40), flight.Limits{}, "MaxArraySlots"},
		{"a string copied past MaxTotalBytes by references", `[{"s":"` + strings.Repeat("x", 1000) + `"}` + strings.Repeat(`,"$0:0"`, 20) + `]`,
			flight.Limits{MaxTotalBytes: 10000}, "MaxTotalBytes"},
		{"a reference chain deeper than the decoder goes", chain(3000), flight.Limits{}, "MaxDepth"},
		{"temporary references whose paths total past MaxTotalBytes", `{"` + strings.Repeat("k", 1000) + `":[` + strings.Repeat(`"$T",`, 20) + `"$T"]}`,
			flight.Limits{MaxTotalBytes: 10000}, "MaxTotalBytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := flight.DecodeReplyString(tt.in, tt.lim)
			if err == nil {
				t.Fatalf("accepted as %.200v", fmt.Sprint(v))
			}
			assertRefused(t, err, tt.rule)
		})
	}
}

// chain is an array whose every element references the next one.
func chain(n int) string {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `"$0:%d",`, i+1)
	}
	b.WriteString(`"end"]`)
	return b.String()
}

func TestDecodeReplyAcceptsAtTheLimits(t *testing.T) {
	t.Parallel()
	t.Run("a 300-digit bigint is accepted", func(t *testing.T) {
		if _, err := flight.DecodeReplyString(`"$n`+strings.Repeat("9", 300)+`"`, flight.Limits{}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a 16-level DAG of shared references is accepted", func(t *testing.T) {
		if _, err := flight.DecodeReplyString(sharedDAG(16), flight.Limits{}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("nesting at MaxDepth is accepted", func(t *testing.T) {
		if _, err := flight.DecodeReplyString(`[[1]]`, flight.Limits{MaxDepth: 2}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestDecodeReplyRefusesMultipart(t *testing.T) {
	t.Parallel()
	bound := make([]string, 1001)
	for i := range bound {
		bound[i] = "0"
	}
	tests := []struct {
		name   string
		fields []string
		lim    flight.Limits
		rule   string
	}{
		{"a Map part consumed twice", []string{"1", `[]`, "0", `["$Q1","$Q1"]`}, flight.Limits{}, flight.RuleReference},
		{"a Set over an array already a Map", []string{"1", `[]`, "0", `["$Q1","$W1"]`}, flight.Limits{}, flight.RuleReference},
		{"an iterator part consumed twice", []string{"1", `[1]`, "0", `["$i1","$i1"]`}, flight.Limits{}, flight.RuleReference},
		{"a typed-array part consumed twice", []string{"1", "file:ab", "0", `["$o1","$o1"]`}, flight.Limits{}, flight.RuleReference},
		{"a blob part consumed twice", []string{"1", "file:ab", "0", `["$B1","$B1"]`}, flight.Limits{}, flight.RuleReference},
		{"a stream consumed twice", []string{"S1", "C", "0", `["$R1","$R1"]`}, flight.Limits{}, flight.RuleReference},
		{"a FormData consumed twice", []string{"_1_a", "x", "0", `["$K1","$K1"]`}, flight.Limits{}, flight.RuleReference},
		{"a JSON part then used as bytes", []string{"1", `[1]`, "0", `["$1","$o1"]`}, flight.Limits{}, flight.RuleReference},
		{"a Map initializer that is not an array", []string{"1", `{"a":1}`, "0", `"$Q1"`}, flight.Limits{}, flight.RuleType},
		{"a Map entry that is not a pair", []string{"1", `[[1]]`, "0", `"$Q1"`}, flight.Limits{}, flight.RuleType},
		{"a typed array of an odd byte length", []string{"1", "file:abc", "0", `"$S1"`}, flight.Limits{}, flight.RuleType},
		{"a typed array over a text field", []string{"1", "abc", "0", `"$o1"`}, flight.Limits{}, flight.RuleType},
		{"a JSON reference to a file", []string{"1", "file:abc", "0", `"$1"`}, flight.Limits{}, flight.RuleType},
		{"a server reference with no id", []string{"1", `{"bound":null}`, "0", `"$h1"`}, flight.Limits{}, flight.RuleType},
		{"1001 bound arguments", []string{"1", `{"id":"a","bound":"$@2"}`, "2", "[" + strings.Join(bound, ",") + "]", "0", `"$h1"`}, flight.Limits{}, "MaxBoundArgs"},
		{"a byte stream of JSON values", []string{"S1", `"x"`, "S1", "C", "0", `"$r1"`}, flight.Limits{}, flight.RuleType},
		{"a stream with chunks after its close", []string{"S1", "C", "S1", `1`, "0", `"$R1"`}, flight.Limits{}, flight.RuleSyntax},
		{"a stream with no close", []string{"S1", `1`, "0", `"$R1"`}, flight.Limits{}, flight.RuleSyntax},
		{"a temporary reference in a stream chunk", []string{"S1", `"$T"`, "S1", "C", "0", `"$R1"`}, flight.Limits{}, flight.RuleReference},
		{"parts that reference each other", []string{"1", `["$2"]`, "2", `["$1"]`, "0", `"$1"`}, flight.Limits{}, flight.RuleReference},
		{"a body with no root part", []string{"1", `1`}, flight.Limits{}, flight.RuleReference},
		{"more parts than MaxParts", []string{"1", "1", "2", "2", "0", "0"}, flight.Limits{MaxParts: 2}, "MaxParts"},
		{"a field beyond MaxFieldBytes", []string{"0", `"` + strings.Repeat("x", 100) + `"`}, flight.Limits{MaxFieldBytes: 50}, "MaxFieldBytes"},
		{"a file beyond MaxFileBytes", []string{"1", "file:" + strings.Repeat("x", 100), "0", `"$B1"`}, flight.Limits{MaxFileBytes: 50}, "MaxFileBytes"},
		{"a body beyond MaxTotalBytes", []string{"1", strings.Repeat("x", 500), "0", `1`}, flight.Limits{MaxTotalBytes: 300}, "MaxTotalBytes"},
		{"nesting through outlined parts past MaxDepth", []string{"1", `[[1]]`, "0", `[["$1"]]`}, flight.Limits{MaxDepth: 3}, "MaxDepth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := decodeMultipart(t, tt.lim, tt.fields...)
			if err == nil {
				t.Fatalf("accepted as %.200v", fmt.Sprint(v))
			}
			assertRefused(t, err, tt.rule)
		})
	}
}

// infiniteReader never ends, so a decoder that does not bound its reading
// never returns.
type infiniteReader struct{ n int64 }

func (r *infiniteReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	r.n += int64(len(p))
	return len(p), nil
}

func TestDecodeReplyBoundsReading(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, ctype, prefix, rule string
	}{
		{"an endless text body", "text/plain;charset=UTF-8", `"`, "MaxFieldBytes"},
		{"an endless multipart part", "multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n", "MaxFieldBytes"},
		{"an endless multipart preamble", "multipart/form-data; boundary=B", "", flight.RuleSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name+" stops at the limit", func(t *testing.T) {
			inf := &infiniteReader{}
			lim := flight.Limits{MaxTotalBytes: 1 << 16, MaxFieldBytes: 1 << 12}
			_, err := flight.DecodeReply(ioMulti(tt.prefix, inf), tt.ctype, lim)
			assertRefused(t, err, tt.rule)
			if inf.n > lim.MaxTotalBytes+1<<16 {
				t.Errorf("read %d bytes for a limit of %d", inf.n, lim.MaxTotalBytes)
			}
		})
	}
	t.Run("an unsupported content type is refused", func(t *testing.T) {
		_, err := flight.DecodeReply(strings.NewReader("1"), "application/json", flight.Limits{})
		assertRefused(t, err, flight.RuleSyntax)
	})
}
