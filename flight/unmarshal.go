package flight

import (
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Unmarshal stores the decoded value v (a tree of the types listed in
// value.go, as [DecodeReply] returns it) in the Go value dst points to.
// dst must be a non-nil pointer.
//
// A value that does not fit the target is refused with a *[ValueError]
// naming where and why; a tree that is too large or too deep once shared
// subtrees are counted as copies (or that has a cycle) is refused with a
// *[DecodeError] whose Rule is "MaxArraySlots" or "MaxDepth". Any other error
// is the program's fault, not the client's: dst is not a non-nil pointer, or
// the target contains a Go type no JS value can become (channels, funcs,
// unsafe pointers, complex numbers). Unmarshal never panics.
//
// The bounds are DefaultMaxArraySlots nodes visited (shared subtrees counted
// each time they are reached) and DefaultMaxDepth levels, whatever [Limits]
// the tree was decoded with: the unmarshaler enforces those; these only stop a
// tree built by hand or by other code from exploding or looping.
// Unmarshal never modifies v and is safe for concurrent use.
//
// The rules, per target type:
//
//   - Undefined, JS's "no value", leaves the target as it is, except that a
//     pointer becomes nil and an empty interface receives [Undefined]. A
//     struct field whose property is undefined or absent is left as it is.
//   - null makes a pointer, slice, map or interface nil; into anything else
//     it is an error ("want string, got null").
//   - A value whose Go type is assignable to the target is stored as it is,
//     without a copy: a []any into []any, a *[FormData] into *FormData, a
//     [Uint8Array] into []byte share memory with the tree.
//   - any (an empty interface): the dynamic value unchanged. Another
//     interface: the value if its type implements it (undefined leaves it
//     as it is).
//   - A pointer is allocated when nil (an existing pointee is reused, as
//     encoding/json does) and the value stored in what it points to.
//   - A *[Promise] is unwrapped to its value for every target but *Promise,
//     Promise and an empty interface.
//   - A target whose type is *[FormData], [FormData], *[File], [File],
//     *[Map], [Map], *[Set], [Set], *[ServerRef], [ServerRef], [TemporaryRef],
//     *[Iterator], *[Stream] (or one of those struct types) takes exactly
//     that JS type, never a plain object with the same fields.
//   - bool from a boolean; string kinds from a string.
//   - Integer kinds from a number when it is integral and in range, or from a
//     bigint in range ("want integer", "want integer in int8 range").
//   - Float kinds from a number; NaN and ±Infinity are kept; a finite number
//     beyond float32's range is refused for float32.
//   - big.Int and *big.Int from a bigint, or from an integral number.
//   - time.Time from a Date, or from an RFC 3339 string (what JSON clients
//     send; a zone is required, so an <input type=datetime-local> value is
//     refused rather than guessed).
//   - []byte (any slice of a uint8 kind) from Uint8Array, Uint8ClampedArray,
//     ArrayBuffer or DataView, sharing memory with the tree; not from a File
//     or a base64 string.
//   - Numeric slices and arrays from a typed array of the same element type
//     (sharing memory when it is a slice), from any other numeric typed array
//     element by element with range checks ([]int from Int32Array), and from
//     a plain array of numbers.
//   - Slices and arrays from an array, a Set, an iterator or a stream (its
//     chunks); an array's length must match exactly. Slices are always
//     fresh; an empty JS array gives an empty non-nil slice.
//   - Maps with string, integer or encoding.TextUnmarshaler keys from a
//     plain object; maps with any key type from a Map (each key decoded like
//     a value). Entries are added to an existing map, as encoding/json does.
//   - Maps with string keys from a FormData, for forms posted without JS:
//     map[string]string takes each name's first string value,
//     map[string][]string (and url.Values) every string value, in order;
//     file entries are skipped for string elements and decode as *[File]
//     into *File or any elements. Decoding a FormData into a struct by field
//     name is the runtime's job, not this function's.
//   - Structs from a plain object (or a Map with string keys), matching
//     properties to fields as encoding/json does: the `json` tag name, else
//     the field name; an exact match first, then a case-insensitive one;
//     fields of embedded structs are promoted by encoding/json's rules;
//     `json:"-"` fields and unknown properties are ignored; tag options such
//     as ",string" are ignored.
//   - A type implementing json.Unmarshaler (pointer receiver) receives the
//     value re-encoded as JSON, as JSON.stringify would write it (a bigint as
//     its digits); a value with no JSON form (a Map, a File …) is refused.
//     This comes before encoding.TextUnmarshaler, as in encoding/json.
//   - A type implementing encoding.TextUnmarshaler receives a string's text;
//     a value of another JS type is decoded by the type's kind (a [16]byte
//     UUID type also takes a 16-byte Uint8Array).
//   - chan, func, unsafe.Pointer and complex kinds are not supported.
func Unmarshal(v any, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("flight: Unmarshal needs a non-nil pointer, not %s", goTypeName(dst))
	}
	d := unmarshaler{}
	return d.root(v, rv.Elem())
}

// UnmarshalValue is [Unmarshal] into a settable reflect.Value, for code that
// builds a function's arguments by reflection.
func UnmarshalValue(v any, dst reflect.Value) error {
	if !dst.IsValid() || !dst.CanSet() {
		return errors.New("flight: UnmarshalValue needs a settable reflect.Value")
	}
	d := unmarshaler{}
	return d.root(v, dst)
}

// UnmarshalArgs stores the arguments of a call, args[i], in what dsts[i]
// points to, as [Unmarshal] does; every dsts[i] must be a non-nil pointer.
// Errors name the argument, counting from 1 as people do.
//
// As in a JS call, a missing argument is undefined: its destination is left
// as it is (normally its zero value), and extra arguments are ignored. The
// size bound (MaxArraySlots) is shared by all the arguments of one call.
func UnmarshalArgs(args []any, dsts ...any) error {
	d := unmarshaler{}
	for i, dst := range dsts {
		rv := reflect.ValueOf(dst)
		if rv.Kind() != reflect.Pointer || rv.IsNil() {
			return fmt.Errorf("flight: UnmarshalArgs needs non-nil pointers, destination %d is %s", i+1, goTypeName(dst))
		}
		if i >= len(args) {
			continue
		}
		d.arg = i + 1
		if err := d.root(args[i], rv.Elem()); err != nil {
			return err
		}
	}
	return nil
}

// ValueError says that a value does not fit its Go target: a client's
// mistake, for a 400 answer.
//
// Arg is the 1-based argument of [UnmarshalArgs], 0 when not an argument.
// Path says where in the value, JS style: ".items[3].qty"; a property is
// named as the client sent it, and a key that is not an identifier is
// quoted: `["first name"]`; empty for the value itself. Want describes what
// the target takes ("integer", "string", "Date", "array of length 3" …) and
// Got the value that arrived, short and safe to show: strings quoted and
// cut to 40 characters, else "null", "undefined", "number 1.5", "object",
// "array", "Map", "Date" …. Err is the cause when a decoding method of the
// target (UnmarshalText, UnmarshalJSON) or a parser refused the value.
type ValueError struct {
	Arg  int
	Path string
	Want string
	Got  string
	Err  error
}

// Error reads like `flight: argument 1 (.items[3].qty): want integer, got "abc"`.
func (e *ValueError) Error() string {
	var b strings.Builder
	b.WriteString("flight: ")
	b.WriteString(where(e.Arg, e.Path))
	b.WriteString("want ")
	b.WriteString(e.Want)
	b.WriteString(", got ")
	b.WriteString(e.Got)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns Err.
func (e *ValueError) Unwrap() error { return e.Err }

// where renders "argument 1 (.a.b): ", "argument 1: ", ".a.b: " or "".
func where(arg int, path string) string {
	switch {
	case arg > 0 && path != "":
		return "argument " + strconv.Itoa(arg) + " (" + path + "): "
	case arg > 0:
		return "argument " + strconv.Itoa(arg) + ": "
	case path != "":
		return path + ": "
	}
	return ""
}

// typeError is a target type no JS value can be stored in: the program's
// fault, so deliberately not a *ValueError.
type typeError struct {
	arg  int
	path string
	msg  string
}

func (e *typeError) Error() string { return "flight: " + where(e.arg, e.path) + e.msg }

func goTypeName(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}

// unmarshaler walks one value tree into Go values. It counts what it visits,
// because a tree that shares subtrees by reference (a DAG) expands when
// copied into Go values, and a hand-built tree may even be cyclic.
type unmarshaler struct {
	arg   int
	nodes int
	depth int
	path  []pathSeg
}

func (d *unmarshaler) root(v any, dst reflect.Value) error {
	d.depth = 0
	d.path = d.path[:0]
	return d.value(v, dst)
}

// value is the one entry for every node, so that it alone keeps the size and
// depth bounds.
func (d *unmarshaler) value(v any, dst reflect.Value) error {
	if err := d.enterNode(); err != nil {
		return err
	}
	err := d.store(v, dst)
	d.depth--
	return err
}

// enterNode counts one more node, one level down, against the bounds; the
// caller goes back up with depth--.
func (d *unmarshaler) enterNode() error {
	d.nodes++
	if d.nodes > DefaultMaxArraySlots {
		return d.limit("MaxArraySlots", "value expands to more than "+strconv.Itoa(DefaultMaxArraySlots)+" nodes")
	}
	if d.depth >= DefaultMaxDepth {
		return d.limit("MaxDepth", "value nests deeper than "+strconv.Itoa(DefaultMaxDepth)+" levels")
	}
	d.depth++
	return nil
}

func (d *unmarshaler) limit(rule, msg string) error {
	return &DecodeError{Rule: rule, Msg: where(d.arg, d.pathString()) + msg}
}

func (d *unmarshaler) mismatch(want string, v any) error {
	return &ValueError{Arg: d.arg, Path: d.pathString(), Want: want, Got: describe(v)}
}

func (d *unmarshaler) unsupported(t reflect.Type) error {
	return &typeError{arg: d.arg, path: d.pathString(), msg: "cannot decode into Go type " + t.String()}
}

var (
	anyType    = reflect.TypeFor[any]()
	timeType   = reflect.TypeFor[time.Time]()
	bigIntType = reflect.TypeFor[big.Int]()
)

func (d *unmarshaler) store(v any, dst reflect.Value) error {
	t := dst.Type()
	if t.Kind() == reflect.Interface {
		return d.storeInterface(v, dst)
	}
	if isNull(v) {
		switch t.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Slice:
			dst.SetZero()
			return nil
		}
		if !supported(t) {
			return d.unsupported(t)
		}
		return d.mismatch(want(t), v)
	}
	if _, ok := v.(Undefined); ok {
		if t.Kind() == reflect.Pointer {
			dst.SetZero()
		}
		return nil
	}
	vt := reflect.TypeOf(v)
	if vt.AssignableTo(t) {
		dst.Set(reflect.ValueOf(v))
		return nil
	}
	if vt.Kind() == reflect.Pointer && vt.Elem().AssignableTo(t) {
		dst.Set(reflect.ValueOf(v).Elem())
		return nil
	}
	if p, ok := v.(*Promise); ok {
		return d.value(p.Value, dst)
	}
	if t.Kind() == reflect.Pointer {
		if dst.IsNil() {
			dst.Set(reflect.New(t.Elem()))
		}
		return d.value(v, dst.Elem())
	}
	switch t {
	case timeType:
		return d.storeTime(v, dst)
	case bigIntType:
		return d.storeBigInt(v, dst)
	}
	if done, err := d.storeUnmarshaler(v, dst); done {
		return err
	}
	switch t.Kind() {
	case reflect.Bool:
		if b, ok := v.(bool); ok {
			dst.SetBool(b)
			return nil
		}
	case reflect.String:
		if s, ok := v.(string); ok {
			dst.SetString(s)
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return d.storeInt(v, dst)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return d.storeUint(v, dst)
	case reflect.Float32, reflect.Float64:
		return d.storeFloat(v, dst)
	case reflect.Slice, reflect.Array:
		return d.storeList(v, dst)
	case reflect.Map:
		return d.storeMap(v, dst)
	case reflect.Struct:
		if modelType[t] {
			// The value model's own types take only their JS type, which the
			// assignability test above has already accepted.
			return d.mismatch(want(t), v)
		}
		return d.storeStruct(v, dst)
	default:
		return d.unsupported(t)
	}
	return d.mismatch(want(t), v)
}

func (d *unmarshaler) storeInterface(v any, dst reflect.Value) error {
	t := dst.Type()
	if v == nil {
		dst.SetZero()
		return nil
	}
	if t.NumMethod() == 0 {
		if t == anyType && dst.CanAddr() {
			// Avoids the allocation dst.Set(reflect.ValueOf(v)) makes for
			// values that are not pointers.
			*dst.Addr().Interface().(*any) = v
		} else {
			dst.Set(reflect.ValueOf(v))
		}
		return nil
	}
	if _, ok := v.(Undefined); ok {
		return nil
	}
	if reflect.TypeOf(v).Implements(t) {
		dst.Set(reflect.ValueOf(v))
		return nil
	}
	if p, ok := v.(*Promise); ok && p != nil {
		return d.value(p.Value, dst)
	}
	return d.mismatch(t.String(), v)
}

// isNull reports JS null: nil, or a nil pointer a hand-built tree may hold.
func isNull(v any) bool {
	if v == nil {
		return true
	}
	switch x := v.(type) {
	case string, float64, bool, []any, map[string]any, Undefined:
		return false
	case *Map:
		return x == nil
	case *Set:
		return x == nil
	case *Promise:
		return x == nil
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// supported reports whether t's kind is one a JS value can become.
func supported(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128, reflect.Invalid:
		return false
	}
	return true
}
