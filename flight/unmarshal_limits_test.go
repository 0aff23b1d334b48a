package flight_test

import (
	"errors"
	"testing"

	"github.com/goactions/actions/flight"
)

// sharedTree builds a tree of n levels where each level is an array holding
// the level below twice: tiny in memory, 2^n leaves once expanded.
func sharedTree(n int) any {
	var level any = []any{}
	for range n {
		level = []any{level, level}
	}
	return level
}

func TestUnmarshalRefusesTreesTooLargeOrCyclic(t *testing.T) {
	t.Parallel()
	cyclicObject := map[string]any{}
	cyclicObject["Next"] = cyclicObject
	cyclicArray := []any{nil}
	cyclicArray[0] = cyclicArray
	cyclicPromise := &flight.Promise{}
	cyclicPromise.Value = cyclicPromise
	wide := make([]any, flight.DefaultMaxArraySlots)
	for i := range wide {
		wide[i] = 1.0
	}
	cases := []struct {
		name string
		in   any
		dst  any
		rule string
	}{
		{"a DAG of shared arrays that expands exponentially", sharedTree(40), new(tree), "MaxArraySlots"},
		{"a DAG expanding through UnmarshalJSON", []any{sharedTree(40)}, new(rawMsg), "MaxArraySlots"},
		{"an array of more elements than the bound", wide, new([]int), "MaxArraySlots"},
		{"an object that contains itself", cyclicObject, new(node), "MaxDepth"},
		{"an array that contains itself", cyclicArray, new(tree), "MaxDepth"},
		{"an array that contains itself re-encoded as JSON", cyclicArray, new(rawMsg), "MaxDepth"},
		{"a Promise that resolves to itself", cyclicPromise, new(int), "MaxDepth"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := flight.Unmarshal(c.in, c.dst)
			var de *flight.DecodeError
			if !errors.As(err, &de) || de.Rule != c.rule {
				t.Fatalf("error %v, want a DecodeError for %s", err, c.rule)
			}
			if !flight.IsLimit(err) {
				t.Errorf("IsLimit(%v) is false", err)
			}
		})
	}
}

func TestUnmarshalDoesNotWalkWhatItNeedNotCopy(t *testing.T) {
	t.Parallel()
	cyclic := []any{nil}
	cyclic[0] = cyclic
	cases := []struct {
		name string
		in   any
		dst  any
	}{
		{"a cyclic tree into an any", cyclic, new(any)},
		{"a cyclic tree into an []any", cyclic, new([]any)},
		{"a shared DAG into an []any", sharedTree(60), new([]any)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if err := flight.Unmarshal(c.in, c.dst); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestUnmarshalArgsShareOneSizeBound(t *testing.T) {
	t.Parallel()
	half := make([]any, flight.DefaultMaxArraySlots/2+1)
	for i := range half {
		half[i] = 1.0
	}
	var a, b []int
	if err := flight.UnmarshalArgs([]any{half}, &a); err != nil {
		t.Fatalf("one half alone: %v", err)
	}
	err := flight.UnmarshalArgs([]any{half, half}, &a, &b)
	var de *flight.DecodeError
	if !errors.As(err, &de) || de.Rule != "MaxArraySlots" {
		t.Fatalf("error %v, want a DecodeError for MaxArraySlots", err)
	}
	if want := "flight: argument 2 ([499997]): value expands to more than 1000000 nodes [Limits.MaxArraySlots]"; err.Error() != want {
		t.Errorf("error\n got  %s\n want %s", err, want)
	}
}
