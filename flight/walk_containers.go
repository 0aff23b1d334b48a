package flight

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"
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
// (which allocates a copy of every key and value). Its properties are
// sorted, values with their keys so that none is looked up again: a small
// object's in arrays on the stack, where writing them costs no write
// barrier, and sorted by their order (no pointers to move); a larger
// one's in w.props, used as a stack since objects nest.
func (w *walker) anyObject(b []byte, m map[string]any) ([]byte, error) {
	if len(m) > smallObject {
		return w.largeObject(b, m)
	}
	var keys [smallObject]string
	var values [smallObject]any
	var order [smallObject]uint8
	n := 0
	for k, v := range m {
		keys[n], values[n], order[n] = k, v, uint8(n)
		n++
	}
	for i := 1; i < n; i++ { // insertion sort: the best for a few keys
		for j := i; j > 0 && keys[order[j]] < keys[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	b = append(b, '{')
	var err error
	for i, o := range order[:n] {
		if b, err = w.property(b, i, keys[o], values[o]); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// smallObject is the most properties anyObject sorts on the stack.
const smallObject = 8

// largeObject is anyObject for objects of more than smallObject properties.
func (w *walker) largeObject(b []byte, m map[string]any) ([]byte, error) {
	start := len(w.props)
	for k, v := range m {
		w.props = append(w.props, property{key: k, v: v})
	}
	defer func() { clear(w.props[start:]); w.props = w.props[:start] }()
	props := w.props[start:]
	slices.SortFunc(props, func(a, b property) int { return strings.Compare(a.key, b.key) })
	b = append(b, '{')
	var err error
	for i, prop := range props {
		if b, err = w.property(b, i, prop.key, prop.v); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// property writes the i-th property of an object.
func (w *walker) property(b []byte, i int, key string, v any) ([]byte, error) {
	if i > 0 {
		b = append(b, ',')
	}
	b = appendJSString(b, key)
	b = append(b, ':')
	noPath := w.noPath
	n, _ := w.push(key, strings.IndexByte(key, ':') >= 0)
	b, err := w.anyValue(b, v)
	w.pop(n, noPath)
	return b, err
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
	case time.Time:
		return appendJSDate(b, x), nil
	case *Map:
		return w.value(b, reflect.ValueOf(x), infoMapPtr)
	case []any:
		// What value would do for these, without reflect: written once,
		// referred to by path when met again (see identityOf).
		if x == nil {
			return append(b, "null"...), nil
		}
		write := func(b []byte) ([]byte, string, error) { b, err := w.anyArray(b, x); return b, "", err }
		if cap(x) == 0 {
			b, _, err := write(b)
			return b, err
		}
		return w.shared(b, identity{t: typeAnys, p: uintptr(unsafe.Pointer(unsafe.SliceData(x))), n: len(x)}, write)
	case map[string]any:
		if x == nil {
			return append(b, "null"...), nil
		}
		return w.shared(b, identity{t: typeObject, p: reflect.ValueOf(x).Pointer()},
			func(b []byte) ([]byte, string, error) { b, err := w.anyObject(b, x); return b, "", err })
	}
	return w.value(b, reflect.ValueOf(e), nil)
}
