package flight_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// DecodeReply reads a reply made of its root part alone in place, and
// leaves anything else to the careful decoder (reply_inplace.go). These
// tests hold the two equal: whenever the in-place reader gives a value, the
// careful decoder gives the same.

// sameReplyReading fails unless the in-place reader, when it gives a value
// for the reply root, gives the careful decoder's.
func sameReplyReading(t *testing.T, root string, l flight.Limits) {
	t.Helper()
	fast, err := flight.DecodeReplyInPlace(root, l)
	if err != nil {
		return
	}
	want, err := flight.DecodeReplyCareful(root, l)
	if err != nil {
		t.Fatalf("%.300q: the in-place reader gives a value, the careful decoder refuses it: %v", root, err)
	}
	if d := sameValue(want, fast); d != "" {
		t.Fatalf("%.300q: %s", root, d)
	}
}

// textReplies are the text bodies of testdata/decode (React's encodeReply
// output) and the benchmark's list of 100 posts.
func textReplies(tb testing.TB) map[string]string {
	tb.Helper()
	out := map[string]string{}
	types, err := filepath.Glob(filepath.Join("testdata", "decode", "*.ctype"))
	if err != nil {
		tb.Fatal(err)
	}
	types = append(types, filepath.Join("testdata", "bench", "list100-reply.type"))
	for _, p := range types {
		ct, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		if !strings.HasPrefix(string(ct), "text/plain") {
			continue
		}
		body, err := os.ReadFile(strings.TrimSuffix(p, filepath.Ext(p)) + ".body")
		if err != nil {
			tb.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))] = string(body)
	}
	if len(out) < 2 {
		tb.Fatalf("found %d text replies in testdata", len(out))
	}
	return out
}

func TestReplyInPlaceReaderReadsReactsTextRepliesAsTheCarefulDecoderDoes(t *testing.T) {
	for name, body := range textReplies(t) {
		t.Run(name, func(t *testing.T) {
			_, carefulErr := flight.DecodeReplyCareful(body, flight.Limits{})
			if carefulErr != nil {
				t.Fatalf("the careful decoder refuses a golden: %v", carefulErr)
			}
			sameReplyReading(t, body, flight.Limits{})
		})
	}
	// Plain values, the case the in-place reader is for: it must not give
	// up on them.
	for _, root := range []string{
		mustRead(t, filepath.Join("testdata", "bench", "list100-reply.body")),
		`[{"a":[1,"x",true,null],"d":"$D2025-01-02T03:04:05.678Z"},"$n-12","$$dollar","$-0","$NaN","$Infinity","$-Infinity","$undefined"]`,
	} {
		if _, err := flight.DecodeReplyInPlace(root, flight.Limits{}); err != nil {
			t.Errorf("%.60q: the in-place reader gives up: %v", root, err)
		}
		sameReplyReading(t, root, flight.Limits{})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReplyInPlaceReaderLeavesTheRestToTheCarefulDecoder(t *testing.T) {
	for _, c := range []struct {
		name, root string
		limits     flight.Limits
	}{
		{"a key given twice", `{"a":1,"a":"$D2025-01-01T00:00:00.000Z"}`, flight.Limits{}},
		{"a path reference into the root", `[{"a":1},"$0:0"]`, flight.Limits{}},
		{"a reference to a missing part", `["$1"]`, flight.Limits{}},
		{"a temporary reference", `["$T",{"k":"$T"}]`, flight.Limits{}},
		{"a Map part", `["$Q1"]`, flight.Limits{}},
		{"a server reference", `["$h1"]`, flight.Limits{}},
		{"a date that is not one", `["$Dbad"]`, flight.Limits{}},
		{"a bigint that is not one", `["$n+1"]`, flight.Limits{}},
		{"a bigint over the limit", `["$n123456"]`, flight.Limits{MaxBigIntDigits: 5}},
		{"the old server reference", `["$F1"]`, flight.Limits{}},
		{"a lone dollar", `["$"]`, flight.Limits{}},
		{"nesting over the limit", `[[[[1]]]]`, flight.Limits{MaxDepth: 3}},
		{"slots over the limit", `[[1,2],[3,4]]`, flight.Limits{MaxArraySlots: 5}},
		{"broken JSON", `[1,`, flight.Limits{}},
		{"strings over MaxTotalBytes", `["` + strings.Repeat("a", 100) + `"]`, flight.Limits{MaxTotalBytes: 50}},
		{"bigints over MaxTotalBytes", `["$n` + strings.Repeat("9", 300) + `"]`, flight.Limits{MaxTotalBytes: 320}},
		{"escaped dollars over MaxTotalBytes", `["$$` + strings.Repeat("a", 60) + `"]`, flight.Limits{MaxTotalBytes: 50}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, fastErr := flight.DecodeReplyInPlace(c.root, c.limits)
			leftToTheCarefulWay(t, fastErr,
				func() (any, error) { return flight.DecodeReplyCareful(c.root, c.limits) },
				// DecodeReplyString, which leaves MaxTotalBytes to the
				// decoders, where DecodeReply first bounds the body by it.
				func() (any, error) { return flight.DecodeReplyString(c.root, c.limits) })
		})
	}
}

// FuzzDecodeReplyInPlace holds the in-place reader to the careful
// decoder's values on any root part, under tight limits and default ones.
func FuzzDecodeReplyInPlace(f *testing.F) {
	for _, body := range textReplies(f) {
		if len(body) < 4096 { // the fuzzer minimizes long inputs slowly
			f.Add(body, false)
		}
	}
	for _, s := range []string{
		`[{"a":[1,"x",true,null],"d":"$D2025-01-02T03:04:05.678Z"},"$n-12","$$dollar","$-0","$undefined"]`,
		`{"a":"$undefined","b":{"c":[[],{}]},"a":2}`, `["$D+002025-01-02T03:04:05.678Z","$D2025-01-02T03:04:05Z"]`,
		`[[[[1]]],[1,2,3,4,5,6,7,8,9]]`, `["$n0012345","$n-","\u0024D2025-01-01T00:00:00.000Z"]`,
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, root string, tight bool) {
		l := flight.Limits{MaxArraySlots: 10000, MaxDepth: 32}
		if tight {
			l = flight.Limits{MaxArraySlots: 6, MaxDepth: 3, MaxBigIntDigits: 5, MaxTotalBytes: 40}
		}
		sameReplyReading(t, root, l)
	})
}
