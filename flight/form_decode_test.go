package flight_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

func TestDecodeActionReadsForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		fields    []string
		want      flight.FormAction
		wantState *flight.FormState
	}{
		{"an unbound action keeps the user's fields in order",
			[]string{"$ACTION_ID_abc#save", "", "title", "Hi", "pic", "file:img", "title", "Again"},
			flight.FormAction{ID: "abc#save", Form: &flight.FormData{Entries: []flight.FormEntry{
				{Name: "title", Value: "Hi"}, {Name: "pic", File: &flight.File{Name: "blob", Type: "application/octet-stream", Data: []byte("img")}}, {Name: "title", Value: "Again"},
			}}}, nil},
		{"a bound action decodes its prefixed reply",
			[]string{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"abc#inc","bound":"$@1"}`, "$ACTION_1:1", `["x",2]`, "$ACTION_KEY", "k1|p", "n", "5"},
			flight.FormAction{ID: "abc#inc", Bound: []any{"x", 2.0}, Ref: true, Key: "k1|p", Form: &flight.FormData{Entries: []flight.FormEntry{{Name: "n", Value: "5"}}}},
			&flight.FormState{Key: "k1|p", ID: "abc#inc", BoundCount: 1}},
		{"a bound action with null bound has no form state",
			[]string{"$ACTION_REF_2", "", "$ACTION_2:0", `{"id":"abc#x","bound":null}`, "$ACTION_KEY", "k"},
			flight.FormAction{ID: "abc#x", Ref: true, Key: "k", Form: &flight.FormData{}}, nil},
		{"the last action field wins",
			[]string{"$ACTION_ID_first", "", "$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"second","bound":null}`, "$ACTION_ID_third", ""},
			flight.FormAction{ID: "third", Form: &flight.FormData{}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ct := multipartBody(t, tt.fields...)
			got, err := flight.DecodeAction(strings.NewReader(body), ct, flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeAction: %v", err)
			}
			assertEqual(t, *got, tt.want)
			state, ok := got.FormState()
			if (tt.wantState != nil) != ok {
				t.Fatalf("FormState() present = %v, want %v", ok, tt.wantState != nil)
			}
			if ok {
				assertEqual(t, state, *tt.wantState)
			}
		})
	}
	t.Run("an urlencoded form decodes with + and percent escapes", func(t *testing.T) {
		body := "%24ACTION_ID_abc=&q=a+b%21&bad=%zz&q=2"
		got, err := flight.DecodeAction(strings.NewReader(body), "application/x-www-form-urlencoded", flight.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, *got, flight.FormAction{ID: "abc", Form: &flight.FormData{Entries: []flight.FormEntry{
			{Name: "q", Value: "a b!"}, {Name: "bad", Value: "%zz"}, {Name: "q", Value: "2"}}}})
	})
}

// A button with its own formAction posts its $ACTION_ID_ name after the
// form's hidden $ACTION_REF_ fields. The button's action runs, but React's
// decodeFormState reads the last $ACTION_REF_ all the same, so the state is
// the form's own action's (checked against React in
// conformance_form_test.go).
func TestFormStateAfterAButtonChoseAnotherAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		fields    []string
		wantState *flight.FormState
	}{
		{"the form's bound action keeps its state",
			[]string{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"abc#save","bound":"$@1"}`, "$ACTION_1:1", `["u",1,{}]`,
				"$ACTION_KEY", "k9", "title", "x", "$ACTION_ID_abc#publish", ""},
			&flight.FormState{Key: "k9", ID: "abc#save", BoundCount: 2}},
		{"without a key there is no state",
			[]string{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"abc#save","bound":"$@1"}`, "$ACTION_1:1", `[1]`, "$ACTION_ID_abc#publish", ""},
			nil},
		{"a form action with null bound has no state",
			[]string{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"abc#save","bound":null}`, "$ACTION_KEY", "k9", "$ACTION_ID_abc#publish", ""},
			nil},
		{"invalid form action fields give no state and no error",
			[]string{"$ACTION_REF_1", "", "$ACTION_1:0", `[`, "$ACTION_KEY", "k9", "$ACTION_ID_abc#publish", ""},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ct := multipartBody(t, tt.fields...)
			got, err := flight.DecodeAction(strings.NewReader(body), ct, flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeAction: %v", err)
			}
			if got.ID != "abc#publish" || got.Ref || got.Bound != nil {
				t.Errorf("got ID %q Ref %v Bound %v, want the button's unbound abc#publish", got.ID, got.Ref, got.Bound)
			}
			state, ok := got.FormState()
			if (tt.wantState != nil) != ok {
				t.Fatalf("FormState() present = %v, want %v", ok, tt.wantState != nil)
			}
			if ok {
				assertEqual(t, state, *tt.wantState)
			}
		})
	}
}

func TestDecodeActionRefuses(t *testing.T) {
	t.Parallel()
	bound := "[" + strings.Repeat("0,", 1000) + "0]"
	tests := []struct {
		name   string
		fields []string
		lim    flight.Limits
		rule   string
	}{
		{"1001 bound arguments", []string{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"a","bound":"$@1"}`, "$ACTION_1:1", bound}, flight.Limits{}, "MaxBoundArgs"},
		{"bound arguments that are not an array", []string{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"a","bound":"x"}`}, flight.Limits{}, flight.RuleType},
		{"a bound action without its root field", []string{"$ACTION_REF_1", ""}, flight.Limits{}, flight.RuleReference},
		{"a bound action whose id is not a string", []string{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":1}`}, flight.Limits{}, flight.RuleType},
		{"a bound action with a React2Shell path", []string{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"a","bound":"$1:__proto__:then"}`, "$ACTION_1:1", `{}`}, flight.Limits{}, flight.RuleReference},
		{"more fields than MaxParts", []string{"$ACTION_ID_a", "", "a", "1", "b", "2"}, flight.Limits{MaxParts: 2}, "MaxParts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ct := multipartBody(t, tt.fields...)
			_, err := flight.DecodeAction(strings.NewReader(body), ct, tt.lim)
			assertRefused(t, err, tt.rule)
		})
	}
	t.Run("a form naming no action is ErrNoAction", func(t *testing.T) {
		body, ct := multipartBody(t, "a", "1", "$ACTION_KEY", "k")
		if _, err := flight.DecodeAction(strings.NewReader(body), ct, flight.Limits{}); !errors.Is(err, flight.ErrNoAction) {
			t.Fatalf("got %v, want ErrNoAction", err)
		}
	})
	t.Run("a text/plain body is not a form", func(t *testing.T) {
		_, err := flight.DecodeAction(strings.NewReader(`"x"`), "text/plain", flight.Limits{})
		assertRefused(t, err, flight.RuleSyntax)
	})
}
