package flight

import "fmt"

// FormField is one hidden input of a form: its name and value.
type FormField struct {
	Name, Value string
}

// EncodeFormAction returns the hidden inputs React's server renderer
// (react-dom/server) writes into a <form action={ref}> for the server
// function id, so that the form works before JavaScript loads (and with
// none). With bound == nil it is one field, "$ACTION_ID_<id>" with an empty
// value. Otherwise it is "$ACTION_REF_<prefix>" (empty) followed by the
// fields of encodeReply({id, bound}) named "$ACTION_<prefix>:<field>", the
// bound arguments travelling as a promise in field 1. React's prefix is the
// renderer's identifierPrefix followed by the form's index in the page ("0",
// "1" …); forms on one page need distinct prefixes.
//
// A form can only carry strings, so a bound value that needs a file part (a
// File, a typed array, a byte stream) is refused, as are the values
// [EncodeReply] refuses.
func EncodeFormAction(id string, bound []any, prefix string) ([]FormField, error) {
	if bound == nil {
		return []FormField{{Name: "$ACTION_ID_" + id}}, nil
	}
	type reference struct {
		ID    string   `json:"id"`
		Bound *Promise `json:"bound"`
	}
	reply, err := encodeReply(reference{ID: id, Bound: &Promise{Value: bound}}, "")
	if err != nil {
		return nil, err
	}
	fields := []FormField{{Name: "$ACTION_REF_" + prefix}}
	for _, f := range reply.Fields() {
		if f.File != nil {
			return nil, fmt.Errorf("flight: a bound argument of %s needs a file part, which a form cannot carry", id)
		}
		fields = append(fields, FormField{Name: "$ACTION_" + prefix + ":" + f.Name, Value: f.Value})
	}
	return fields, nil
}
