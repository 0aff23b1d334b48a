package flight

import (
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Structs are filled from JS objects by the names encoding/json uses, so a
// Go type that already works as a JSON request body works as an action
// argument. What a struct type's fields are called is worked out once per
// type and cached: action arguments are decoded on every request.

// structField is one settable field of a struct type, promoted fields of
// embedded structs included.
type structField struct {
	name  string // the name a client sends: the json tag's, else the Go name
	index []int  // for reflect's FieldByIndex, through embedded structs
}

type structInfo struct {
	fields []structField
	exact  map[string]int // name -> index in fields
}

var structCache sync.Map // reflect.Type -> *structInfo

func cachedStructInfo(t reflect.Type) *structInfo {
	if si, ok := structCache.Load(t); ok {
		return si.(*structInfo)
	}
	si, _ := structCache.LoadOrStore(t, buildStructInfo(t))
	return si.(*structInfo)
}

// candidate is a field found while walking embedded structs.
type candidate struct {
	structField
	depth  int
	tagged bool
}

// buildStructInfo lists the fields of t as encoding/json sees them: exported
// fields and the promoted fields of embedded structs, breadth first; of
// several fields with one name, the shallowest wins, then the only tagged
// one among the shallowest; a tie drops them all.
func buildStructInfo(t reflect.Type) *structInfo {
	type level struct {
		typ   reflect.Type
		index []int
	}
	var found []candidate
	visited := map[reflect.Type]bool{t: true}
	current := []level{{typ: t}}
	for depth := 0; len(current) > 0; depth++ {
		var next []level
		for _, l := range current {
			for i := range l.typ.NumField() {
				sf := l.typ.Field(i)
				ft := sf.Type
				if sf.Anonymous && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !sf.IsExported() && !(sf.Anonymous && ft.Kind() == reflect.Struct) {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, _, _ := strings.Cut(tag, ",")
				index := append(append([]int(nil), l.index...), i)
				if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
					if !visited[ft] {
						visited[ft] = true
						next = append(next, level{typ: ft, index: index})
					}
					continue
				}
				if !sf.IsExported() {
					continue
				}
				tagged := name != ""
				if !tagged {
					name = sf.Name
				}
				found = append(found, candidate{structField{name: name, index: index}, depth, tagged})
			}
		}
		current = next
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.name != b.name {
			return a.name < b.name
		}
		if a.depth != b.depth {
			return a.depth < b.depth
		}
		return a.tagged && !b.tagged
	})
	si := &structInfo{exact: map[string]int{}}
	for i := 0; i < len(found); {
		j := i + 1
		for j < len(found) && found[j].name == found[i].name {
			j++
		}
		group := found[i:j]
		i = j
		if len(group) > 1 && group[0].depth == group[1].depth && group[0].tagged == group[1].tagged {
			continue // ambiguous: encoding/json drops them all
		}
		si.exact[group[0].name] = len(si.fields)
		si.fields = append(si.fields, group[0].structField)
	}
	// Declaration order, so that errors come in an order people expect.
	sort.SliceStable(si.fields, func(i, j int) bool { return lessIndex(si.fields[i].index, si.fields[j].index) })
	for i, f := range si.fields {
		si.exact[f.name] = i
	}
	return si
}

func (d *unmarshaler) storeStruct(v any, dst reflect.Value) error {
	var obj map[string]any
	switch x := v.(type) {
	case map[string]any:
		obj = x
	case *Map:
		obj = make(map[string]any, len(x.Entries))
		for _, e := range x.Entries {
			if k, ok := e.Key.(string); ok {
				obj[k] = e.Value
			}
		}
	default:
		return d.mismatch(want(dst.Type()), v)
	}
	si := cachedStructInfo(dst.Type())
	matched := 0
	for i := range si.fields {
		f := &si.fields[i]
		e, ok := obj[f.name]
		if !ok {
			continue
		}
		matched++
		if err := d.field(f, f.name, e, dst); err != nil {
			return err
		}
	}
	if matched == len(obj) {
		return nil // every property matched exactly: no case-insensitive search
	}
	for i := range si.fields {
		f := &si.fields[i]
		if _, ok := obj[f.name]; ok {
			continue
		}
		key, ok := foldKey(obj, f.name, si)
		if !ok {
			continue
		}
		if err := d.field(f, key, obj[key], dst); err != nil {
			return err
		}
	}
	return nil
}

// foldKey finds the property that matches name case-insensitively and no
// field exactly; of several, the least in byte order, for determinism.
func foldKey(obj map[string]any, name string, si *structInfo) (string, bool) {
	best, found := "", false
	for k := range obj {
		if !strings.EqualFold(k, name) {
			continue
		}
		if _, exact := si.exact[k]; exact {
			continue
		}
		if !found || k < best {
			best, found = k, true
		}
	}
	return best, found
}

// field stores e, the property key, in the field f of the struct dst.
func (d *unmarshaler) field(f *structField, key string, e any, dst reflect.Value) error {
	if _, ok := e.(Undefined); ok {
		return nil // an absent property: the field keeps its value
	}
	d.pushName(key)
	defer d.pop()
	fv, err := d.fieldByIndex(dst, f.index)
	if err != nil {
		return err
	}
	return d.value(e, fv)
}

// fieldByIndex is reflect's FieldByIndex, allocating nil embedded pointers.
func (d *unmarshaler) fieldByIndex(v reflect.Value, index []int) (reflect.Value, error) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return reflect.Value{}, &typeError{arg: d.arg, path: d.pathString(),
						msg: "cannot set embedded pointer to unexported struct type " + v.Type().Elem().String()}
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, nil
}
