package flight_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

type (
	nameA      struct{ Name string }
	nameB      struct{ Name string }
	nameDeep   struct{ nameA }
	nameTagged struct {
		Name string `json:"Name"`
	}
	ambiguousNames struct {
		nameA
		nameB
		nameDeep
		Other int
	}
	taggedWins struct {
		nameA
		nameTagged
	}
	shallowWins struct {
		nameDeep
		Name string
	}
	options struct {
		Skip   string          `json:"-"`
		Empty  string          `json:"empty,omitempty"`
		Zero   struct{ A int } `json:"zero,omitzero"`
		Rename int             `json:"renamed"`
	}
)

// Structs travel with the field names json.Marshal gives them, so that a
// type that already works as a JSON response works as an action's result,
// and Unmarshal fills them by the same names.
func TestStructFieldsFollowEncodingJSON(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		value any
	}{
		{"an ambiguous embedded name is dropped, deeper ones too", ambiguousNames{nameA{"a"}, nameB{"b"}, nameDeep{nameA{"deep"}}, 1}},
		{"the one tagged field of a name wins the tie", taggedWins{nameA{"a"}, nameTagged{"tagged"}}},
		{"the shallowest field of a name wins", shallowWins{nameDeep{nameA{"deep"}}, "top"}},
		{"json tag options are honoured", options{Skip: "x", Rename: 3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			want, err := json.Marshal(c.value)
			if err != nil {
				t.Fatal(err)
			}
			var rows bytes.Buffer
			if err := flight.EncodeRows(&rows, c.value); err != nil {
				t.Fatal(err)
			}
			got := strings.TrimSuffix(strings.TrimPrefix(rows.String(), "0:"), "\n")
			if got != string(want) {
				t.Errorf("EncodeRows wrote %s, json.Marshal %s", got, want)
			}
			var back map[string]any
			if err := json.Unmarshal(want, &back); err != nil {
				t.Fatal(err)
			}
			// Decoding the object back must fill the fields it came from.
			fresh := reflect.New(reflect.TypeOf(c.value)).Interface()
			if err := flight.Unmarshal(back, fresh); err != nil {
				t.Fatal(err)
			}
			again, _ := json.Marshal(fresh)
			if string(again) != string(want) {
				t.Errorf("Unmarshal of %s gave a struct that marshals as %s", want, again)
			}
		})
	}
}
