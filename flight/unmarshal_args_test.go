package flight_test

import (
	"errors"
	"reflect"
	"testing"
	"unsafe"

	"github.com/goactions/actions/flight"
)

type (
	hiddenInner  struct{ X int }
	hiddenPtr    struct{ *hiddenInner }
	unsupportedF struct {
		F func()
		C complex128
		U unsafe.Pointer
	}
)

func TestUnmarshalArgsNumbersArgumentsFromOne(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		args    []any
		wantS   string
		wantN   int
		wantErr string
	}{
		{"every argument is stored", []any{"a", 2.0}, "a", 2, ""},
		{"extra arguments are ignored", []any{"a", 2.0, "extra"}, "a", 2, ""},
		{"a missing argument leaves its destination as it is", []any{"a"}, "a", -1, ""},
		{"no arguments leave every destination as it is", nil, "unset", -1, ""},
		{"an undefined argument leaves its destination as it is", []any{"a", flight.Undefined{}}, "a", -1, ""},
		{"the second argument is named argument 2", []any{"a", "b"}, "a", -1, `flight: argument 2: want integer, got "b"`},
		{"the first argument is named argument 1", []any{nil, 1.0}, "unset", -1, `flight: argument 1: want string, got null`},
		{"a path inside an argument is shown", []any{"a", []any{1.0}}, "a", -1, `flight: argument 2: want integer, got array`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s, n := "unset", -1
			err := flight.UnmarshalArgs(c.args, &s, &n)
			if c.wantErr != "" {
				if err == nil || err.Error() != c.wantErr {
					t.Fatalf("error %v, want %s", err, c.wantErr)
				}
				var ve *flight.ValueError
				if !errors.As(err, &ve) || ve.Arg == 0 {
					t.Errorf("error %#v does not name its argument", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s != c.wantS || n != c.wantN {
				t.Errorf("got (%q, %d), want (%q, %d)", s, n, c.wantS, c.wantN)
			}
		})
	}
}

func TestUnmarshalArgsNamesTheArgumentAndPath(t *testing.T) {
	t.Parallel()
	var o order
	var tags []string
	err := flight.UnmarshalArgs([]any{map[string]any{"items": []any{map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{"qty": "abc"}}}, []any{}}, &o, &tags)
	want := `flight: argument 1 (.items[3].qty): want integer, got "abc"`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestUnmarshalRefusesBadDestinations(t *testing.T) {
	t.Parallel()
	var n int
	var fn func()
	cases := []struct {
		name string
		call func() error
		want string
	}{
		{"Unmarshal into nil", func() error { return flight.Unmarshal(1.0, nil) }, "flight: Unmarshal needs a non-nil pointer, not nil"},
		{"Unmarshal into a non-pointer", func() error { return flight.Unmarshal(1.0, n) }, "flight: Unmarshal needs a non-nil pointer, not int"},
		{"Unmarshal into a nil pointer", func() error { return flight.Unmarshal(1.0, (*int)(nil)) }, "flight: Unmarshal needs a non-nil pointer, not *int"},
		{"UnmarshalValue into an invalid value", func() error { return flight.UnmarshalValue(1.0, reflect.Value{}) }, "flight: UnmarshalValue needs a settable reflect.Value"},
		{"UnmarshalValue into an unsettable value", func() error { return flight.UnmarshalValue(1.0, reflect.ValueOf(n)) }, "flight: UnmarshalValue needs a settable reflect.Value"},
		{"UnmarshalArgs into a non-pointer", func() error { return flight.UnmarshalArgs([]any{1.0, 2.0}, &n, n) }, "flight: UnmarshalArgs needs non-nil pointers, destination 2 is int"},
		{"a channel", func() error { return flight.Unmarshal(1.0, new(chan int)) }, "flight: cannot decode into Go type chan int"},
		{"null into a channel", func() error { return flight.Unmarshal(nil, new(chan int)) }, "flight: cannot decode into Go type chan int"},
		{"a func argument", func() error { return flight.UnmarshalArgs([]any{1.0, 2.0}, &n, &fn) }, "flight: argument 2: cannot decode into Go type func()"},
		{"a func field", func() error { return flight.Unmarshal(map[string]any{"F": nil}, new(unsupportedF)) }, "flight: .F: cannot decode into Go type func()"},
		{"a complex field", func() error { return flight.Unmarshal(map[string]any{"C": 1.0}, new(unsupportedF)) }, "flight: .C: cannot decode into Go type complex128"},
		{"an unsafe pointer field", func() error { return flight.Unmarshal(map[string]any{"U": 1.0}, new(unsupportedF)) }, "flight: .U: cannot decode into Go type unsafe.Pointer"},
		{"an embedded pointer to an unexported struct", func() error { return flight.Unmarshal(map[string]any{"X": 1.0}, new(hiddenPtr)) },
			"flight: .X: cannot set embedded pointer to unexported struct type flight_test.hiddenInner"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := c.call()
			if err == nil || err.Error() != c.want {
				t.Fatalf("error %v, want %s", err, c.want)
			}
			var ve *flight.ValueError
			if errors.As(err, &ve) {
				t.Errorf("a programming error is a *flight.ValueError, which means the client's fault")
			}
		})
	}
}

func TestUnmarshalValueStoresIntoAReflectValue(t *testing.T) {
	t.Parallel()
	v := reflect.New(reflect.TypeFor[[]item]()).Elem()
	if err := flight.UnmarshalValue([]any{map[string]any{"sku": "a"}}, v); err != nil {
		t.Fatal(err)
	}
	if got := v.Interface().([]item); !reflect.DeepEqual(got, []item{{SKU: "a"}}) {
		t.Errorf("got %#v", got)
	}
}
