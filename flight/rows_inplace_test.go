package flight_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// DecodeRows reads rows in place and leaves anything unusual to a reader of
// parsed trees (see decodeRows). These tests hold the two equal: whenever
// the in-place reader gives a value, the tree reader gives the same.

// goldenRows are the rows of testdata/rows and the benchmark's list.
func goldenRows(tb testing.TB) map[string][]byte {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "rows", "*.rows"))
	if err != nil {
		tb.Fatal(err)
	}
	paths = append(paths, filepath.Join("testdata", "bench", "list100.rows"))
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(p), ".rows")] = b
	}
	return out
}

// sameReading fails unless the in-place reader, when it gives a value,
// gives the tree reader's.
func sameReading(t *testing.T, body []byte, l flight.Limits) {
	t.Helper()
	fast, fastErr := flight.DecodeRowsInPlace(body, l)
	if fastErr != nil {
		return
	}
	want, err := flight.DecodeRowsFromTrees(body, l)
	if err != nil {
		t.Fatalf("%.300q: the in-place reader gives a value, the tree reader refuses it: %v", body, err)
	}
	if d := sameValue(want, fast); d != "" {
		t.Fatalf("%.300q: %s", body, d)
	}
}

func TestInPlaceReaderReadsEveryGoldenAsTheTreeReaderDoes(t *testing.T) {
	for name, body := range goldenRows(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, treeErr := flight.DecodeRowsFromTrees(body, flight.Limits{})
			_, fastErr := flight.DecodeRowsInPlace(body, flight.Limits{})
			if treeErr == nil && fastErr != nil {
				t.Fatalf("the in-place reader gives up on a golden: %v", fastErr)
			}
			sameReading(t, body, flight.Limits{})
		})
	}
}

// dag is a response whose row 1 holds a long string and whose root reaches
// it 2^levels times through rows of pairs: cheap for a reader that parses
// row 1 once, costly for one that reads its bytes at every reference.
func dag(levels int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "1:[\"%s\"]\n", strings.Repeat("\\u0078", 100_000))
	for i := 2; i <= levels+1; i++ {
		fmt.Fprintf(&b, "%x:[\"$%x\",\"$%x\"]\n", i, i-1, i-1)
	}
	fmt.Fprintf(&b, "0:\"$%x\"\n", levels+1)
	return []byte(b.String())
}

func TestInPlaceReaderLeavesUnusualResponsesToTheTreeReader(t *testing.T) {
	cases := []struct {
		name string
		body string
	}{
		{"an object repeats a key", `0:{"a":1,"a":"$D2025-01-01T00:00:00.000Z"}` + "\n"},
		{"an earlier member of a repeated key is broken", `0:{"a":"$Dbad","a":2}` + "\n"},
		{"a long row is referred to many times", string(dag(3))},
		{"an error hides a syntax error in a later row", "0:\"$1\"\n1:\"$Dbad\"\n2:{\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, fastErr := flight.DecodeRowsInPlace([]byte(c.body), flight.Limits{})
			leftToTheCarefulWay(t, fastErr,
				func() (any, error) { return flight.DecodeRowsFromTrees([]byte(c.body), flight.Limits{}) },
				func() (any, error) { return flight.DecodeRows(strings.NewReader(c.body), flight.Limits{}) })
		})
	}
}

// leftToTheCarefulWay fails unless the fast way gave up (fastErr) and the
// public decoder gives what the careful way gives, error included.
func leftToTheCarefulWay(t *testing.T, fastErr error, careful, public func() (any, error)) {
	t.Helper()
	if fastErr == nil {
		t.Fatal("the fast way decoded it")
	}
	want, wantErr := careful()
	got, err := public()
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Fatalf("the decoder: %v, the careful way: %v", err, wantErr)
	}
	if d := sameValue(want, got); err == nil && d != "" {
		t.Fatal(d)
	}
}

// FuzzDecodeRowsInPlace holds the in-place reader to the tree reader's
// values on any input.
func FuzzDecodeRowsInPlace(f *testing.F) {
	for _, body := range goldenRows(f) {
		f.Add(body)
	}
	f.Add([]byte("0:[\"$1:a\",\"$1:b:0\",\"$1:a\"]\n1:{\"a\":{\"x\":1},\"b\":[\"$2\"]}\n2:[7]\n"))
	f.Add([]byte("0:{\"s\":\"$@1\",\"m\":\"$Q2\",\"w\":\"$W3\",\"z\":\"$Z4\"}\n1:5\n2:[[1,2]]\n3:[1]\n4:{\"message\":\"m\"}\n"))
	f.Add([]byte("1:R\n1:{\"a\":1}\n1:C\"r\"\n0:\"$1\"\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		sameReading(t, body, flight.Limits{MaxArraySlots: 10000, MaxDepth: 32})
	})
}
