package flight_test

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

func fileName(caseName string) string { return strings.ReplaceAll(caseName, " ", "_") }

func TestEncodeRowsMatchesGoldenFiles(t *testing.T) {
	for _, c := range rowCases() {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := flight.EncodeRows(&buf, c.value); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "rows", fileName(c.name)+".rows", buf.Bytes())
		})
	}
}

// A root integer or boolean is written as it is inside a value: an int
// returned by an action reads as the same number as one in a list.
func TestEncodeRowsOfAScalarIsItsJSON(t *testing.T) {
	for _, v := range []any{0, -1, 42, 1<<53 - 1, -(1<<53 - 1), int32(-7), int64(1<<53 - 1), true, false} {
		var alone, inList bytes.Buffer
		if err := flight.EncodeRows(&alone, v); err != nil {
			t.Fatal(err)
		}
		if err := flight.EncodeRows(&inList, []any{v}); err != nil {
			t.Fatal(err)
		}
		want := "0:" + strings.TrimSuffix(strings.TrimPrefix(inList.String(), "0:["), "]\n") + "\n"
		if alone.String() != want {
			t.Errorf("EncodeRows(%T %v) = %q, want %q", v, v, alone.String(), want)
		}
	}
}

func TestEncodeRowsRefuses(t *testing.T) {
	cyclic := map[string]any{}
	cyclic["self"] = cyclic
	for _, c := range []struct {
		name  string
		value any
		want  string
	}{
		{"a cycle", cyclic, "cycle"},
		{"an int beyond 2^53", int64(1 << 53), "does not fit"},
		{"an int below -2^53", -(1 << 53), "does not fit"},
		{"a uint beyond 2^53", uint64(math.MaxUint64), "does not fit"},
		{"a channel", make(chan int), "cannot encode"},
		{"a func", func() {}, "cannot encode"},
		{"a map with struct keys", map[struct{}]int{{}: 1}, "keys"},
		{"a byte stream of strings", &flight.Stream{Kind: flight.ReadableByteStream, Values: []any{"x"}}, "byte stream"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := flight.EncodeRows(&buf, c.value)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one containing %q", err, c.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %q before refusing", buf.String())
			}
		})
	}
}

func TestEncodeRowsWritesWrappedErrorsAsTheirFlightError(t *testing.T) {
	var buf bytes.Buffer
	err := errors.Join(&flight.Error{Name: "RangeError", Message: "inner", Digest: "x"})
	if err := flight.EncodeRows(&buf, err); err != nil {
		t.Fatal(err)
	}
	want := `0:E{"digest":"x","name":"RangeError","message":"inner","stack":[],"env":"Server","owner":null}` + "\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}
