package flight

import (
	"reflect"
	"strconv"
)

// Slices and arrays. JS has several list-like values (arrays, Sets,
// iterators, streams) and binary ones (typed arrays, ArrayBuffer, DataView);
// a Go parameter only says "a list of T", so each of them can fill one.

// elements returns the values of a list-like JS value.
func elements(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case *Set:
		return x.Values, true
	case *Iterator:
		return x.Values, true
	case *Stream:
		return x.Values, true
	}
	return nil, false
}

// binaryView returns a typed array, ArrayBuffer or DataView as a reflect slice,
// and whether it is raw bytes (ArrayBuffer, DataView) rather than numbers.
func binaryView(v any) (reflect.Value, bool, bool) {
	switch v.(type) {
	case ArrayBuffer, DataView:
		return reflect.ValueOf(v), true, true
	case Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
		Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array:
		return reflect.ValueOf(v), false, true
	}
	return reflect.Value{}, false, false
}

func (d *unmarshaler) storeList(v any, dst reflect.Value) error {
	t := dst.Type()
	if src, raw, ok := binaryView(v); ok {
		if raw && t.Elem().Kind() != reflect.Uint8 {
			return d.mismatch(want(t), v)
		}
		return d.storeBinary(src, dst)
	}
	vals, ok := elements(v)
	if !ok {
		return d.mismatch(want(t), v)
	}
	if t.Kind() == reflect.Array {
		if len(vals) != t.Len() {
			return &ValueError{Arg: d.arg, Path: d.pathString(), Want: want(t), Got: "array of length " + strconv.Itoa(len(vals))}
		}
		for i, e := range vals {
			if err := d.elem(i, e, dst.Index(i)); err != nil {
				return err
			}
		}
		return nil
	}
	s := reflect.MakeSlice(t, len(vals), len(vals))
	for i, e := range vals {
		if err := d.elem(i, e, s.Index(i)); err != nil {
			return err
		}
	}
	dst.Set(s)
	return nil
}

func (d *unmarshaler) elem(i int, v any, dst reflect.Value) error {
	d.pushIndex(i)
	err := d.value(v, dst)
	d.pop()
	return err
}

// storeBinary fills a slice or array from a typed array: by conversion,
// sharing memory, when the element types agree; else element by element.
func (d *unmarshaler) storeBinary(src, dst reflect.Value) error {
	t := dst.Type()
	n := src.Len()
	if t.Kind() == reflect.Array {
		if n != t.Len() {
			return &ValueError{Arg: d.arg, Path: d.pathString(), Want: want(t), Got: src.Type().Name() + " of length " + strconv.Itoa(n)}
		}
		if t.Elem() == src.Type().Elem() {
			reflect.Copy(dst, src)
			return nil
		}
		return d.storeElems(src, dst)
	}
	if src.Type().ConvertibleTo(t) {
		dst.Set(src.Convert(t))
		return nil
	}
	s := reflect.MakeSlice(t, n, n)
	if err := d.storeElems(src, s); err != nil {
		return err
	}
	dst.Set(s)
	return nil
}

func (d *unmarshaler) storeElems(src, dst reflect.Value) error {
	for i := range src.Len() {
		d.pushIndex(i)
		err := d.storeElem(src.Index(i), dst.Index(i))
		d.pop()
		if err != nil {
			return err
		}
	}
	return nil
}
