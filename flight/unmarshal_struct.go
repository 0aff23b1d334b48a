package flight

import (
	"reflect"
	"strings"
	"sync"
)

// Structs are filled from JS objects by the names encoding/json uses, so a
// Go type that already works as a JSON request body works as an action
// argument. What a struct type's fields are called is worked out once per
// type and cached: action arguments are decoded on every request.

// structInfo is a struct type's fields (see structFields, shared with the
// encoders) with an index by exact name.
type structInfo struct {
	fields []field
	exact  map[string]int // name -> index in fields
}

var structCache sync.Map // reflect.Type -> *structInfo

func cachedStructInfo(t reflect.Type) *structInfo {
	if si, ok := structCache.Load(t); ok {
		return si.(*structInfo)
	}
	fields := structFields(t)
	si := &structInfo{fields: fields, exact: make(map[string]int, len(fields))}
	for i, f := range fields {
		si.exact[f.name] = i
	}
	v, _ := structCache.LoadOrStore(t, si)
	return v.(*structInfo)
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
func (d *unmarshaler) field(f *field, key string, e any, dst reflect.Value) error {
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
