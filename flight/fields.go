package flight

import (
	"reflect"
	"strings"
	"sync"

	"github.com/goactions/actions/internal/structfields"
)

// This file lists the JSON fields of a struct type by encoding/json's rules,
// so a struct returned by an action reads the same in React as it would
// from json.Marshal: exported fields, `json:"name,omitempty,omitzero"`,
// "-" to skip, and fields of embedded structs promoted unless a shallower or
// tagged field of the same name wins. (The ",string" option is not
// supported: it is ignored.)

type field struct {
	name      string // the name a JS object uses: the json tag's, else the Go name
	index     []int  // for reflect's FieldByIndex, through embedded structs
	depth     int    // how many embedded structs down the field is
	tagged    bool
	omitEmpty bool
	omitZero  bool
}

var fieldCache sync.Map // reflect.Type -> []field

// structFields returns the JSON fields of struct type t in declaration
// order, worked out once per type: both encoders and Unmarshal use them on
// every request.
func structFields(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	f, _ := fieldCache.LoadOrStore(t, typeFields(t))
	return f.([]field)
}

// typeFields lists t's fields by encoding/json's rules (shared with the
// runtime's form decoding in internal/structfields).
func typeFields(t reflect.Type) []field {
	list := structfields.List(t, structfields.JSONName)
	out := make([]field, len(list))
	for i, f := range list {
		out[i] = field{name: f.Name, index: f.Index, depth: f.Depth, tagged: f.Tagged}
		for _, o := range strings.Split(f.Options, ",") {
			switch o {
			case "omitempty":
				out[i].omitEmpty = true
			case "omitzero":
				out[i].omitZero = true
			}
		}
	}
	return out
}

// fieldByIndex is v.FieldByIndex that reports a nil embedded pointer
// instead of panicking: its promoted fields are absent, as in encoding/json.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
