package flight

import (
	"math"
	"math/big"
	"reflect"
	"time"
)

// Numbers: JS has float64 numbers and bigints; Go has a dozen numeric kinds.
// A number fits an integer kind only when no information is lost, so 1.5 or
// 300 into an int8 is an error, never a silent truncation.

// 2^63 and 2^64 as float64, the first numbers out of int64's and uint64's
// range (both are exact in float64).
const (
	twoTo63 = 9223372036854775808.0
	twoTo64 = 18446744073709551616.0
)

func (d *unmarshaler) storeInt(v any, dst reflect.Value) error {
	switch x := v.(type) {
	case float64:
		if !isIntegral(x) {
			return d.mismatch("integer", v)
		}
		if !intInRange(x, dst.Type().Bits()) {
			return d.outOfRange(dst.Type(), v)
		}
		dst.SetInt(int64(x))
		return nil
	case *big.Int:
		if !x.IsInt64() || dst.OverflowInt(x.Int64()) {
			return d.outOfRange(dst.Type(), v)
		}
		dst.SetInt(x.Int64())
		return nil
	}
	return d.mismatch("integer", v)
}

func (d *unmarshaler) storeUint(v any, dst reflect.Value) error {
	switch x := v.(type) {
	case float64:
		if !isIntegral(x) {
			return d.mismatch("integer", v)
		}
		if !uintInRange(x, dst.Type().Bits()) {
			return d.outOfRange(dst.Type(), v)
		}
		dst.SetUint(uint64(x))
		return nil
	case *big.Int:
		if !x.IsUint64() || dst.OverflowUint(x.Uint64()) {
			return d.outOfRange(dst.Type(), v)
		}
		dst.SetUint(x.Uint64())
		return nil
	}
	return d.mismatch("integer", v)
}

func (d *unmarshaler) storeFloat(v any, dst reflect.Value) error {
	x, ok := v.(float64)
	if !ok {
		return d.mismatch("number", v)
	}
	if !floatInRange(x, dst.Type().Bits()) {
		return &ValueError{Arg: d.arg, Path: d.pathString(), Want: "number in " + dst.Kind().String() + " range", Got: describe(v)}
	}
	dst.SetFloat(x)
	return nil
}

func (d *unmarshaler) outOfRange(t reflect.Type, v any) error {
	return &ValueError{Arg: d.arg, Path: d.pathString(), Want: "integer in " + t.Kind().String() + " range", Got: describe(v)}
}

// intInRange reports whether integral number x fits a signed integer of
// that many bits.
func intInRange(x float64, bits int) bool {
	if x < -twoTo63 || x >= twoTo63 {
		return false
	}
	n := int64(x)
	return n<<(64-bits)>>(64-bits) == n
}

// uintInRange reports whether integral number x fits an unsigned integer
// of that many bits.
func uintInRange(x float64, bits int) bool {
	if x < 0 || x >= twoTo64 {
		return false
	}
	n := uint64(x)
	return n<<(64-bits)>>(64-bits) == n
}

// floatInRange reports whether number x fits a float of that many bits:
// ±Infinity always does, a finite number beyond float32's range does not.
func floatInRange(x float64, bits int) bool {
	return bits == 64 || math.IsInf(x, 0) || math.Abs(x) <= math.MaxFloat32 || math.IsNaN(x)
}

// isIntegral is false for fractions, NaN and ±Infinity.
func isIntegral(x float64) bool {
	return x == math.Trunc(x) && !math.IsInf(x, 0)
}

func (d *unmarshaler) storeBigInt(v any, dst reflect.Value) error {
	z := dst.Addr().Interface().(*big.Int)
	switch x := v.(type) {
	case *big.Int:
		z.Set(x)
		return nil
	case float64:
		if !isIntegral(x) {
			return d.mismatch("integer", v)
		}
		new(big.Float).SetFloat64(x).Int(z)
		return nil
	}
	return d.mismatch("bigint", v)
}

func (d *unmarshaler) storeTime(v any, dst reflect.Value) error {
	s, ok := v.(string)
	if !ok {
		return d.mismatch("Date", v)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return &ValueError{Arg: d.arg, Path: d.pathString(), Want: "Date or RFC 3339 string", Got: describe(v)}
	}
	dst.Set(reflect.ValueOf(t))
	return nil
}

// storeElem stores one element of a typed array (src, of a numeric kind) in
// dst, with the same range rules as a number; it does not go through value
// because the elements of a typed array are not nodes of the tree.
func (d *unmarshaler) storeElem(src, dst reflect.Value) error {
	var (
		i       int64
		u       uint64
		f       float64
		signed  = false
		integer = true
	)
	switch src.Kind() {
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, signed = src.Int(), true
		f = float64(i)
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u = src.Uint()
		f = float64(u)
	default:
		f, integer = src.Float(), false
	}
	got := func() any {
		if src.Kind() == reflect.Int64 || src.Kind() == reflect.Uint64 {
			if signed {
				return new(big.Int).SetInt64(i)
			}
			return new(big.Int).SetUint64(u)
		}
		return f
	}
	t := dst.Type()
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !integer {
			return d.storeInt(f, dst)
		}
		if !signed && (u > math.MaxInt64 || dst.OverflowInt(int64(u))) || signed && dst.OverflowInt(i) {
			return d.outOfRange(t, got())
		}
		if signed {
			dst.SetInt(i)
		} else {
			dst.SetInt(int64(u))
		}
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if !integer {
			return d.storeUint(f, dst)
		}
		if signed && (i < 0 || dst.OverflowUint(uint64(i))) || !signed && dst.OverflowUint(u) {
			return d.outOfRange(t, got())
		}
		if signed {
			dst.SetUint(uint64(i))
		} else {
			dst.SetUint(u)
		}
		return nil
	case reflect.Float32, reflect.Float64:
		if integer && (src.Kind() == reflect.Int64 || src.Kind() == reflect.Uint64) {
			return d.mismatch("number", got())
		}
		return d.storeFloat(f, dst)
	case reflect.Interface:
		return d.storeInterface(got(), dst)
	}
	return d.value(got(), dst)
}
