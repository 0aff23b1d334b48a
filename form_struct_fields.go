package actions

import (
	"reflect"
	"strings"

	"github.com/goactions/actions/internal/structfields"
)

// A form names a struct's fields as encoding/json does, with a `form` tag
// that takes precedence, so that a type already used as a JSON request body
// works as a form action's parameter unchanged, and a form whose input names
// differ from the JSON ones (or a field that JSON hides) can still say so.
// The walk itself is internal/structfields, shared with flight.

// formFieldInfo is one field of a struct type as a form names it.
type formFieldInfo struct {
	name   string       // the form name: form tag, else json tag, else the Go name
	goName string       // the Go names from the struct down, "Base.Title", for messages to programmers
	index  []int        // for reflect's FieldByIndex, through embedded structs
	typ    reflect.Type // the field's type
	depth  int          // how many embedded structs down the field is
	tagged bool         // the name came from a form or json tag
	// blockedBy is the type of an embedded pointer to an unexported struct
	// that the field is promoted through: reflect cannot allocate it.
	blockedBy reflect.Type
}

// formTagName returns the name a field's tags give it and whether the field
// is skipped. A form tag wins over a json tag; `json:"-"` skips a field only
// when no form tag names it, since fields hidden from JSON (a password hash,
// a role) are usually the ones a client must not set.
func formTagName(sf reflect.StructField) (name string, skip bool) {
	if tag, ok := sf.Tag.Lookup("form"); ok {
		if tag == "-" {
			return "", true
		}
		if name, _, _ = strings.Cut(tag, ","); name != "" {
			return name, false
		}
	}
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "", true
	}
	name, _, _ = strings.Cut(tag, ",")
	return name, false
}

// formFieldsOf lists t's fields as a form names them, by encoding/json's
// rules of promotion and dominance (internal/structfields).
func formFieldsOf(t reflect.Type) []formFieldInfo {
	list := structfields.List(t, func(sf reflect.StructField) (string, string, bool) {
		name, skip := formTagName(sf)
		return name, "", skip
	})
	out := make([]formFieldInfo, len(list))
	for i, f := range list {
		out[i] = formFieldInfo{name: f.Name, goName: f.GoName, index: f.Index, typ: f.Type, depth: f.Depth, tagged: f.Tagged, blockedBy: f.BlockedBy}
	}
	return out
}
