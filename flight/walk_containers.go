package flight

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// This file writes the containers of the value walk: slices and arrays as
// JS arrays, maps and structs as JS objects, and the []any and
// map[string]any of dynamic trees without reflect.

func (w *walker) array(b []byte, v reflect.Value) ([]byte, error) {
	if list, ok := reflect.TypeAssert[[]any](v); ok {
		return w.anyArray(b, list)
	}
	b = append(b, '[')
	elem := staticInfo(v.Type().Elem())
	noPath := w.noPath
	var err error
	for i := range v.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		n := w.pushIndex(i)
		b, err = w.value(b, v.Index(i), elem)
		w.pop(n, noPath)
		if err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// object writes a Go map as a JS object with its keys sorted, as
// encoding/json does, so that the output is deterministic.
func (w *walker) object(b []byte, v reflect.Value) ([]byte, error) {
	if m, ok := reflect.TypeAssert[map[string]any](v); ok {
		return w.anyObject(b, m)
	}
	type entry struct {
		key string
		val reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		k := iter.Key()
		var name string
		switch k.Kind() {
		case reflect.String:
			name = k.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			name = strconv.FormatInt(k.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			name = strconv.FormatUint(k.Uint(), 10)
		default:
			return nil, w.errHere("cannot encode a map with %s keys as an object; use *flight.Map", k.Type())
		}
		entries = append(entries, entry{name, iter.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	elem := staticInfo(v.Type().Elem())
	b = append(b, '{')
	var err error
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSString(b, e.key)
		b = append(b, ':')
		n, noPath := w.push(e.key, strings.IndexByte(e.key, ':') >= 0)
		b, err = w.value(b, e.val, elem)
		w.pop(n, noPath)
		if err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

func (w *walker) structure(b []byte, v reflect.Value, ti *typeInfo) ([]byte, error) {
	b = append(b, '{')
	first := true
	for _, f := range ti.structFieldsOf(v.Type()) {
		var fv reflect.Value
		ok := true
		if len(f.index) == 1 {
			fv = v.Field(f.index[0])
		} else {
			fv, ok = fieldByIndex(v, f.index)
		}
		if !ok || (f.omitEmpty && isEmptyValue(fv)) || (f.omitZero && fv.IsZero()) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.key...)
		n, noPath := w.push(f.name, f.hasColon)
		var err error
		b, err = w.value(b, fv, f.info)
		w.pop(n, noPath)
		if err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// anyArray is array for []any, the arrays of decoded trees and of most
// hand-built values, without reflect's indexing.
func (w *walker) anyArray(b []byte, list []any) ([]byte, error) {
	b = append(b, '[')
	noPath := w.noPath
	var err error
	for i, e := range list {
		if i > 0 {
			b = append(b, ',')
		}
		n := w.pushIndex(i)
		b, err = w.anyValue(b, e)
		w.pop(n, noPath)
		if err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// anyObject is object for map[string]any, without reflect's map iterator
// (which allocates a copy of every key and value). Its keys are sorted in
// w.keys, used as a stack since objects nest.
func (w *walker) anyObject(b []byte, m map[string]any) ([]byte, error) {
	start := len(w.keys)
	for k := range m {
		w.keys = append(w.keys, k)
	}
	defer func() { w.keys = w.keys[:start] }()
	slices.Sort(w.keys[start:])
	b = append(b, '{')
	noPath := w.noPath
	var err error
	for i := range len(m) {
		key := w.keys[start+i]
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSString(b, key)
		b = append(b, ':')
		n, _ := w.push(key, strings.IndexByte(key, ':') >= 0)
		b, err = w.anyValue(b, m[key])
		w.pop(n, noPath)
		if err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// anyValue writes the scalars of a dynamic tree without going through
// reflect, and anything else through value.
func (w *walker) anyValue(b []byte, e any) ([]byte, error) {
	switch x := e.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return w.str(b, x)
	case float64:
		return w.float(b, x, 64), nil
	case bool:
		if x {
			return append(b, "true"...), nil
		}
		return append(b, "false"...), nil
	}
	return w.value(b, reflect.ValueOf(e), nil)
}
