package actions

import (
	"encoding"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/goactions/actions/flight"
)

// How a struct type takes a form is worked out once per type and cached, as
// a plan: for each field, what shape of value it takes and how one posted
// value converts. Building the plan is also where a type no form can fill
// is found, so that the mistake shows on the first request whatever was
// posted, rather than only when some input happens to reach the field.

// leafKind is how one posted value becomes a Go value.
type leafKind uint8

const (
	leafString  leafKind = iota + 1 // string kinds: the text as it is
	leafBool                        // checkbox semantics
	leafInt                         // signed integer kinds
	leafUint                        // unsigned integer kinds
	leafFloat                       // float kinds
	leafTime                        // time.Time from date, datetime-local or RFC 3339
	leafText                        // encoding.TextUnmarshaler
	leafFile                        // flight.File, a copy sharing the data
	leafFilePtr                     // *flight.File, the posted file itself
	leafAny                         // any: the text as a string, or the *flight.File
)

// formLeaf says how one posted value is stored in a Go type: typ is that
// type, base the type once its ptrs pointers are followed (a *flight.File
// is a base of its own: the file is stored, not copied).
type formLeaf struct {
	typ  reflect.Type
	base reflect.Type
	ptrs int
	kind leafKind
}

// fieldShape is what a field takes from the posted entries that name it.
type fieldShape uint8

const (
	shapeOne    fieldShape = iota + 1 // one value, from the first entry
	shapeList                         // a slice: one element per entry, in order
	shapeStruct                       // a nested struct: names go on ("address.city")
	shapeMap                          // map[string]string or map[string][]string: the rest of the name is the key
)

// formField is one field of a plan. id is unique within the plan, so that a
// path of fields can be written as a short key.
type formField struct {
	id     int
	name   string
	goName string
	index  []int
	shape  fieldShape
	ptrs   int          // for a slice, struct or map: pointers in front of it
	inner  reflect.Type // for a slice, struct or map: its type, without those pointers
	leaf   formLeaf     // shapeOne, the elements of shapeList, the values of shapeMap
	multi  bool         // shapeMap: every value ([]string), not the first
	nested *formStruct  // shapeStruct
	typ    reflect.Type // the field's own type
}

// formStruct is a struct type's fields, with an index by exact name.
// longest is the length of the longest name, so that a long posted name
// is not hashed whole at every level of its nesting only to find no field.
type formStruct struct {
	fields  []*formField
	exact   map[string]*formField
	longest int
}

// formPlan is everything decodeFormInto needs to know about one root type.
type formPlan struct {
	root *formStruct
	byID []*formField
}

type planResult struct {
	plan *formPlan
	err  error
}

var formPlans sync.Map // reflect.Type -> planResult

var (
	timeType            = reflect.TypeFor[time.Time]()
	fileType            = reflect.TypeFor[flight.File]()
	filePtrType         = reflect.TypeFor[*flight.File]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// formPlanFor returns the plan of struct type t, or the error saying which
// field no form can fill.
func formPlanFor(t reflect.Type) (*formPlan, error) {
	if r, ok := formPlans.Load(t); ok {
		return r.(planResult).plan, r.(planResult).err
	}
	b := planBuilder{plan: &formPlan{}, structs: map[reflect.Type]*formStruct{}}
	root, err := b.structOf(t, t.String())
	b.plan.root = root
	r, _ := formPlans.LoadOrStore(t, planResult{plan: b.plan, err: err})
	return r.(planResult).plan, r.(planResult).err
}

type planBuilder struct {
	plan    *formPlan
	structs map[reflect.Type]*formStruct // built or being built: a type may contain itself through a pointer
}

func (b *planBuilder) structOf(t reflect.Type, goPath string) (*formStruct, error) {
	if s, ok := b.structs[t]; ok {
		return s, nil
	}
	s := &formStruct{exact: map[string]*formField{}}
	b.structs[t] = s
	for _, info := range formFieldsOf(t) {
		where := goPath + "." + info.goName
		if info.blockedBy != nil {
			return nil, fmt.Errorf("actions: cannot decode a form into %s: it is promoted through the embedded pointer %s, which reflection cannot allocate", where, info.blockedBy)
		}
		f := &formField{id: len(b.plan.byID), name: info.name, goName: where, index: info.index, typ: info.typ}
		b.plan.byID = append(b.plan.byID, f) // before shape adds the fields of a nested struct
		if err := b.shape(f, info.typ, where); err != nil {
			return nil, err
		}
		s.fields = append(s.fields, f)
		s.exact[f.name] = f
		s.longest = max(s.longest, len(f.name))
	}
	return s, nil
}

// shape works out how field f of type t takes posted values.
func (b *planBuilder) shape(f *formField, t reflect.Type, where string) error {
	if leaf, ok := leafOf(t); ok {
		f.shape, f.leaf = shapeOne, leaf
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
		f.ptrs++
	}
	f.inner = t
	unsupported := func(why string) error {
		return fmt.Errorf("actions: cannot decode a form into %s (%s): %s", where, f.typ, why)
	}
	switch t.Kind() {
	case reflect.Struct:
		nested, err := b.structOf(t, where)
		f.shape, f.nested = shapeStruct, nested
		return err
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return unsupported("[]byte could be text or a file's content; use string or *flight.File")
		}
		leaf, ok := leafOf(t.Elem())
		if !ok {
			return unsupported("a slice takes one element per posted value, so its elements must be text, numbers, booleans, times or files")
		}
		f.shape, f.leaf = shapeList, leaf
		return nil
	case reflect.Map:
		if t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.String {
			f.shape, f.leaf = shapeMap, formLeaf{typ: t.Elem(), base: t.Elem(), kind: leafString}
			return nil
		}
		if t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.Slice && t.Elem().Elem().Kind() == reflect.String {
			f.shape, f.multi = shapeMap, true
			f.leaf = formLeaf{typ: t.Elem().Elem(), base: t.Elem().Elem(), kind: leafString}
			return nil
		}
		return unsupported("the only maps a form fills are map[string]string and map[string][]string")
	case reflect.Interface:
		return unsupported("the only interface a form fills is any")
	case reflect.Array:
		return unsupported("arrays are not supported; use a slice")
	}
	return unsupported(t.Kind().String() + " is not supported")
}

// leafOf reports how one posted value is stored in t, if t takes one.
func leafOf(t reflect.Type) (formLeaf, bool) {
	l := formLeaf{typ: t, base: t}
	for l.base.Kind() == reflect.Pointer && l.base != filePtrType {
		l.base = l.base.Elem()
		l.ptrs++
	}
	switch {
	case l.base == filePtrType:
		l.kind = leafFilePtr
	case l.base == fileType:
		l.kind = leafFile
	case l.base == timeType:
		l.kind = leafTime
	case reflect.PointerTo(l.base).Implements(textUnmarshalerType):
		l.kind = leafText
	case l.base.Kind() == reflect.Interface && l.base.NumMethod() == 0:
		l.kind = leafAny
	default:
		switch l.base.Kind() {
		case reflect.String:
			l.kind = leafString
		case reflect.Bool:
			l.kind = leafBool
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			l.kind = leafInt
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			l.kind = leafUint
		case reflect.Float32, reflect.Float64:
			l.kind = leafFloat
		default:
			return formLeaf{}, false
		}
	}
	return l, true
}
