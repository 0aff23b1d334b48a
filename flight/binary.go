package flight

import (
	"encoding/binary"
	"math"
	"reflect"
)

// This file maps the binary types to their Flight tags and little-endian
// bytes, for binary rows and for reply parts alike.

// binaryBytes returns the tag and bytes of a binary value, or ok=false when
// v is not one. A plain []byte (any unnamed byte slice) is a Uint8Array.
func binaryBytes(v reflect.Value) (tag byte, data []byte, ok bool) {
	if !v.IsValid() || !v.CanInterface() {
		return 0, nil, false
	}
	switch x := v.Interface().(type) {
	case ArrayBuffer:
		return 'A', x, true
	case Int8Array:
		out := make([]byte, len(x))
		for i, n := range x {
			out[i] = byte(n)
		}
		return 'O', out, true
	case Uint8Array:
		return 'o', x, true
	case []byte:
		return 'o', x, true
	case Uint8ClampedArray:
		return 'U', x, true
	case Int16Array:
		return 'S', putEach(len(x), 2, func(b []byte, i int) { binary.LittleEndian.PutUint16(b, uint16(x[i])) }), true
	case Uint16Array:
		return 's', putEach(len(x), 2, func(b []byte, i int) { binary.LittleEndian.PutUint16(b, x[i]) }), true
	case Int32Array:
		return 'L', putEach(len(x), 4, func(b []byte, i int) { binary.LittleEndian.PutUint32(b, uint32(x[i])) }), true
	case Uint32Array:
		return 'l', putEach(len(x), 4, func(b []byte, i int) { binary.LittleEndian.PutUint32(b, x[i]) }), true
	case Float32Array:
		return 'G', putEach(len(x), 4, func(b []byte, i int) { binary.LittleEndian.PutUint32(b, math.Float32bits(x[i])) }), true
	case Float64Array:
		return 'g', putEach(len(x), 8, func(b []byte, i int) { binary.LittleEndian.PutUint64(b, math.Float64bits(x[i])) }), true
	case BigInt64Array:
		return 'M', putEach(len(x), 8, func(b []byte, i int) { binary.LittleEndian.PutUint64(b, uint64(x[i])) }), true
	case BigUint64Array:
		return 'm', putEach(len(x), 8, func(b []byte, i int) { binary.LittleEndian.PutUint64(b, x[i]) }), true
	case DataView:
		return 'V', x, true
	}
	return 0, nil, false
}

func putEach(n, size int, put func(b []byte, i int)) []byte {
	out := make([]byte, n*size)
	for i := range n {
		put(out[i*size:], i)
	}
	return out
}

// binaryValue is the inverse of binaryBytes: the typed value of a tag's
// bytes. ok is false for an unknown tag or a length that is not a multiple
// of the element size.
func binaryValue(tag byte, data []byte) (any, bool) {
	data = append(make([]byte, 0, len(data)), data...)
	size := map[byte]int{'S': 2, 's': 2, 'L': 4, 'l': 4, 'G': 4, 'g': 8, 'M': 8, 'm': 8}[tag]
	if size > 0 && len(data)%size != 0 {
		return nil, false
	}
	n := len(data) / max(size, 1)
	le := binary.LittleEndian
	switch tag {
	case 'A':
		return ArrayBuffer(data), true
	case 'O':
		out := make(Int8Array, len(data))
		for i, c := range data {
			out[i] = int8(c)
		}
		return out, true
	case 'o', 'b':
		return Uint8Array(data), true
	case 'U':
		return Uint8ClampedArray(data), true
	case 'V':
		return DataView(data), true
	case 'S':
		out := make(Int16Array, n)
		for i := range out {
			out[i] = int16(le.Uint16(data[i*2:]))
		}
		return out, true
	case 's':
		out := make(Uint16Array, n)
		for i := range out {
			out[i] = le.Uint16(data[i*2:])
		}
		return out, true
	case 'L':
		out := make(Int32Array, n)
		for i := range out {
			out[i] = int32(le.Uint32(data[i*4:]))
		}
		return out, true
	case 'l':
		out := make(Uint32Array, n)
		for i := range out {
			out[i] = le.Uint32(data[i*4:])
		}
		return out, true
	case 'G':
		out := make(Float32Array, n)
		for i := range out {
			out[i] = math.Float32frombits(le.Uint32(data[i*4:]))
		}
		return out, true
	case 'g':
		out := make(Float64Array, n)
		for i := range out {
			out[i] = math.Float64frombits(le.Uint64(data[i*8:]))
		}
		return out, true
	case 'M':
		out := make(BigInt64Array, n)
		for i := range out {
			out[i] = int64(le.Uint64(data[i*8:]))
		}
		return out, true
	case 'm':
		out := make(BigUint64Array, n)
		for i := range out {
			out[i] = le.Uint64(data[i*8:])
		}
		return out, true
	}
	return nil, false
}

// binarySize is the byte length of an ArrayBuffer, typed array or DataView.
func binarySize(v any) (int64, bool) {
	switch v.(type) {
	case ArrayBuffer, Int8Array, Uint8Array, Uint8ClampedArray, DataView, Int16Array, Uint16Array,
		Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array:
		rv := reflect.ValueOf(v)
		return int64(rv.Len()) * int64(rv.Type().Elem().Size()), true
	}
	return 0, false
}
