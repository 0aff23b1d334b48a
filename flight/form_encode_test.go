package flight_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// The want lists are the hidden inputs react-dom/server 19.3.1 rendered for
// <form action={ref}> with ref = createServerReference("mod#act") (unbound)
// and ref.bind(null, "a", 2, {k: "$x"}) (bound, first form on the page).
func TestEncodeFormActionMatchesReactSSR(t *testing.T) {
	for _, c := range []struct {
		name  string
		bound []any
		want  []flight.FormField
	}{
		{"an unbound action is one ID field", nil, []flight.FormField{{Name: "$ACTION_ID_mod#act"}}},
		{"a bound action is a REF field and the reply of {id, bound}", []any{"a", 2, map[string]any{"k": "$x"}}, []flight.FormField{
			{Name: "$ACTION_REF_0"},
			{Name: "$ACTION_0:0", Value: `{"id":"mod#act","bound":"$@1"}`},
			{Name: "$ACTION_0:1", Value: `["a",2,{"k":"$$x"}]`},
		}},
		{"an empty bound list is still a REF", []any{}, []flight.FormField{
			{Name: "$ACTION_REF_0"},
			{Name: "$ACTION_0:0", Value: `{"id":"mod#act","bound":"$@1"}`},
			{Name: "$ACTION_0:1", Value: `[]`},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := flight.EncodeFormAction("mod#act", c.bound, "0")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestEncodeFormActionOutlinesBoundMapsIntoMoreFields(t *testing.T) {
	got, err := flight.EncodeFormAction("x", []any{&flight.Set{Values: []any{1}}}, "r1")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range got {
		b.WriteString(f.Name + " = " + f.Value + "\n")
	}
	checkGolden(t, "reply", "form_action_with_a_set.txt", []byte(b.String()))
}

func TestEncodeFormActionRefusesFiles(t *testing.T) {
	for _, bound := range [][]any{
		{&flight.File{Data: []byte("x")}},
		{flight.Uint8Array{1}},
	} {
		if _, err := flight.EncodeFormAction("x", bound, "0"); err == nil || !strings.Contains(err.Error(), "file") {
			t.Errorf("EncodeFormAction(%#v) err = %v, want a refusal naming files", bound, err)
		}
	}
}
