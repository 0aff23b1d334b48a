package flight

import (
	"encoding"
	"reflect"
	"strconv"
)

// Go maps. A JS object has string keys only, so it fills maps whose key is a
// string, an integer written in decimal, or a TextUnmarshaler; a JS Map has
// keys of any type and fills any Go map whose key type those keys decode to.

var textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

func (d *unmarshaler) storeMap(v any, dst reflect.Value) error {
	t := dst.Type()
	switch x := v.(type) {
	case map[string]any:
		if !objectKey(t.Key()) {
			return d.mismatch("Map", v)
		}
		if dst.IsNil() {
			dst.Set(reflect.MakeMapWithSize(t, len(x)))
		}
		// One key and one element value serve every entry: SetMapIndex
		// copies them.
		kv := reflect.New(t.Key()).Elem()
		ev := reflect.New(t.Elem()).Elem()
		for k, e := range x {
			d.pushName(k)
			err := d.objectKey(k, kv)
			if err == nil {
				ev.SetZero()
				err = d.value(e, ev)
			}
			d.pop()
			if err != nil {
				return err
			}
			dst.SetMapIndex(kv, ev)
		}
		return nil
	case *Map:
		if dst.IsNil() {
			dst.Set(reflect.MakeMapWithSize(t, len(x.Entries)))
		}
		kv := reflect.New(t.Key()).Elem()
		ev := reflect.New(t.Elem()).Elem()
		for _, e := range x.Entries {
			d.pushKey(e.Key)
			kv.SetZero()
			err := d.value(e.Key, kv)
			if err == nil && !kv.Comparable() {
				// A Go map key must be comparable, and an interface key
				// holding a slice or a map would make SetMapIndex panic.
				err = d.mismatch("comparable Map key", e.Key)
			}
			if err == nil {
				ev.SetZero()
				err = d.value(e.Value, ev)
			}
			d.pop()
			if err != nil {
				return err
			}
			dst.SetMapIndex(kv, ev)
		}
		return nil
	case *FormData:
		if t.Key().Kind() != reflect.String {
			return d.mismatch("Map", v)
		}
		return d.storeForm(x, dst)
	}
	return d.mismatch("object", v)
}

// objectKey reports whether a JS property name can become a key of type t.
func objectKey(t reflect.Type) bool {
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return true
	}
	switch t.Kind() {
	case reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// objectKey converts a property name to a map key, in encoding/json's order:
// TextUnmarshaler, string, decimal integer.
func (d *unmarshaler) objectKey(k string, kv reflect.Value) error {
	if u, ok := kv.Addr().Interface().(encoding.TextUnmarshaler); ok {
		if err := u.UnmarshalText([]byte(k)); err != nil {
			return &ValueError{Arg: d.arg, Path: d.pathString(), Want: kv.Type().String() + " key", Got: describe(k), Err: err}
		}
		return nil
	}
	switch kv.Kind() {
	case reflect.String:
		kv.SetString(k)
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(k, 10, 64)
		if err != nil || kv.OverflowInt(n) {
			return d.keyError(kv.Type(), k)
		}
		kv.SetInt(n)
		return nil
	default:
		n, err := strconv.ParseUint(k, 10, 64)
		if err != nil || kv.OverflowUint(n) {
			return d.keyError(kv.Type(), k)
		}
		kv.SetUint(n)
		return nil
	}
}

func (d *unmarshaler) keyError(t reflect.Type, k string) error {
	return &ValueError{Arg: d.arg, Path: d.pathString(), Want: t.Kind().String() + " key", Got: describe(k)}
}

// storeForm fills a map with string keys from a FormData, the shape of a
// form posted without JavaScript. A slice element collects every entry of a
// name, in order; any other element takes the first entry. File entries are
// skipped where the element is a string, as FormData.Get and GetAll do.
func (d *unmarshaler) storeForm(f *FormData, dst reflect.Value) error {
	t := dst.Type()
	if dst.IsNil() {
		dst.Set(reflect.MakeMap(t))
	}
	elem := t.Elem()
	list := elem.Kind() == reflect.Slice
	base := elem
	if list {
		base = elem.Elem()
	}
	skipFiles := base.Kind() == reflect.String
	entry := func(e FormEntry) any {
		if e.File != nil {
			return e.File
		}
		return e.Value
	}
	kv := reflect.New(t.Key()).Elem()
	if !list {
		// The first entry of a name is the one kept.
		ev := reflect.New(elem).Elem()
		seen := map[string]bool{}
		for _, e := range f.Entries {
			if e.File != nil && skipFiles || seen[e.Name] {
				continue
			}
			seen[e.Name] = true
			d.pushName(e.Name)
			ev.SetZero()
			err := d.value(entry(e), ev)
			d.pop()
			if err != nil {
				return err
			}
			kv.SetString(e.Name)
			dst.SetMapIndex(kv, ev)
		}
		return nil
	}
	var order []string
	groups := map[string][]any{}
	for _, e := range f.Entries {
		if e.File != nil && skipFiles {
			continue
		}
		if _, seen := groups[e.Name]; !seen {
			order = append(order, e.Name)
		}
		groups[e.Name] = append(groups[e.Name], entry(e))
	}
	for _, name := range order {
		ev := reflect.New(elem).Elem()
		d.pushName(name)
		err := d.value(groups[name], ev)
		d.pop()
		if err != nil {
			return err
		}
		kv.SetString(name)
		dst.SetMapIndex(kv, ev)
	}
	return nil
}
