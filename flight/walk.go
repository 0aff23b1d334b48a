package flight

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"time"
)

// This file is the value walk shared by the row encoder and the reply
// encoder: it turns a Go value into the JSON text of one row or part, the
// way React's serializers do, and hands every value that the protocol puts
// in a row or part of its own to an outliner.

// outliner is what differs between rows (server to client) and replies
// (client to server): how outlined values, long strings and errors travel.
type outliner interface {
	// outline encodes v if its type is one the protocol outlines (Map, Set,
	// binary, promise …). It returns the "$" token to write in place of v,
	// whether later sightings of v should repeat that token rather than a
	// path reference, and handled=false when v is an ordinary value.
	outline(w *walker, v reflect.Value) (token string, keep, handled bool, err error)
	// longString may move s to a row of its own and return its token.
	longString(s string) (token string, outlined bool, err error)
	// errorValue encodes a Go error found inside a value.
	errorValue(err error) (token string, e error)
}

// identity names a Go object whose address can be seen twice: React refers
// to an object it has already written by the path where it first appeared,
// and so does this walk.
type identity struct {
	t reflect.Type
	p uintptr
	n int
}

// walker encodes values for one reply or one response. Its seen map lives as
// long as the whole output, so that a value shared between rows is written
// once.
type walker struct {
	out    outliner
	seen   map[identity]string
	active map[identity]bool
}

func newWalker(out outliner) *walker {
	return &walker{out: out, seen: map[identity]string{}, active: map[identity]bool{}}
}

// encodeError is why a Go value cannot be encoded.
type encodeError struct {
	path string
	msg  string
}

func (e *encodeError) Error() string {
	if e.path == "" {
		return "flight: " + e.msg
	}
	return "flight: " + e.msg + " (at " + e.path + ")"
}

func errAt(path, format string, args ...any) error {
	return &encodeError{path: path, msg: fmt.Sprintf(format, args...)}
}

// model encodes v as the whole JSON text of row or part id.
func (w *walker) model(v any, id int) ([]byte, error) {
	return w.value(nil, reflect.ValueOf(v), "$"+formatHex(id))
}

var (
	typeTime       = reflect.TypeFor[time.Time]()
	typeBigInt     = reflect.TypeFor[*big.Int]()
	typeUndefined  = reflect.TypeFor[Undefined]()
	typeSymbol     = reflect.TypeFor[Symbol]()
	typeNumber     = reflect.TypeFor[json.Number]()
	typeErrorIface = reflect.TypeFor[error]()
	typeMarshaler  = reflect.TypeFor[json.Marshaler]()
)

func (w *walker) identityOf(v reflect.Value) (identity, bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return identity{}, false
		}
		k := v.Type().Elem().Kind()
		if k != reflect.Struct && k != reflect.Array && k != reflect.Slice && k != reflect.Map {
			return identity{}, false
		}
		return identity{t: v.Type(), p: v.Pointer()}, true
	case reflect.Map:
		if v.IsNil() {
			return identity{}, false
		}
		return identity{t: v.Type(), p: v.Pointer()}, true
	case reflect.Slice:
		if v.IsNil() || v.Cap() == 0 {
			return identity{}, false
		}
		return identity{t: v.Type(), p: v.Pointer(), n: v.Len()}, true
	}
	return identity{}, false
}

// value appends the JSON of v. path is v's reference path ("$0:items:3"),
// or "" when React would not record one (below a key containing ':').
func (w *walker) value(b []byte, v reflect.Value, path string) ([]byte, error) {
	for v.Kind() == reflect.Interface {
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return append(b, "null"...), nil
	}
	// Scalars with types of their own come first: they are never shared.
	switch v.Type() {
	case typeUndefined:
		return appendJSString(b, "$undefined"), nil
	case typeTime:
		return appendJSString(b, "$D"+isoString(v.Interface().(time.Time))), nil
	case typeBigInt:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return appendJSString(b, "$n"+v.Interface().(*big.Int).String()), nil
	case typeNumber:
		f, err := strconv.ParseFloat(v.String(), 64)
		if err != nil {
			return nil, errAt(path, "invalid json.Number %q", v.String())
		}
		return w.float(b, f, 64, path)
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return append(b, "null"...), nil
	}
	id, tracked := w.identityOf(v)
	if tracked {
		// React would write a cycle as a path to the ancestor; the Go
		// decoders refuse cycles (a Go consumer walking the tree would
		// never end), so the encoders refuse them too.
		if w.active[id] {
			return nil, errAt(path, "cannot encode a cycle: the value contains itself")
		}
		if ref, ok := w.seen[id]; ok {
			return appendJSString(b, ref), nil
		}
		if path != "" {
			w.seen[id] = path
		}
		w.active[id] = true
		defer delete(w.active, id)
	}
	token, keep, handled, err := w.out.outline(w, v)
	if err != nil {
		if _, ok := err.(*encodeError); !ok {
			err = errAt(path, "%v", err)
		}
		return nil, err
	}
	if handled {
		if keep && tracked {
			w.seen[id] = token
		}
		return appendJSString(b, token), nil
	}
	if v.Type().Implements(typeErrorIface) && !(v.Kind() == reflect.Pointer && v.IsNil()) {
		token, err := w.out.errorValue(v.Interface().(error))
		if err != nil {
			return nil, errAt(path, "%v", err)
		}
		return appendJSString(b, token), nil
	}
	if v.Type().Implements(typeMarshaler) {
		return w.marshaler(b, v, path)
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return append(b, "true"...), nil
		}
		return append(b, "false"...), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := v.Int()
		if n > maxSafeInteger || n < -maxSafeInteger {
			return nil, errAt(path, "integer %d does not fit a JavaScript number exactly; use *big.Int or a string", n)
		}
		return strconv.AppendInt(b, n, 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n := v.Uint()
		if n > maxSafeInteger {
			return nil, errAt(path, "integer %d does not fit a JavaScript number exactly; use *big.Int or a string", n)
		}
		return strconv.AppendUint(b, n, 10), nil
	case reflect.Float32:
		return w.float(b, v.Float(), 32, path)
	case reflect.Float64:
		return w.float(b, v.Float(), 64, path)
	case reflect.String:
		return w.str(b, v.String())
	case reflect.Slice:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return w.array(b, v, path)
	case reflect.Array:
		return w.array(b, v, path)
	case reflect.Map:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return w.object(b, v, path)
	case reflect.Struct:
		return w.structure(b, v, path)
	case reflect.Pointer:
		return w.value(b, v.Elem(), path)
	}
	return nil, errAt(path, "cannot encode a value of type %s", v.Type())
}

func (w *walker) float(b []byte, f float64, bits int, path string) ([]byte, error) {
	b, code := appendJSNumber(b, f, bits)
	if code != "" {
		return appendJSString(b, code), nil
	}
	return b, nil
}

func (w *walker) str(b []byte, s string) ([]byte, error) {
	token, outlined, err := w.out.longString(s)
	if err != nil {
		return nil, err
	}
	if outlined {
		return appendJSString(b, token), nil
	}
	if len(s) > 0 && s[0] == '$' {
		s = "$" + s
	}
	return appendJSString(b, s), nil
}

// childPath extends a reference path by one key. React records no path
// below a key containing ':' since it could not be parsed back.
func childPath(path, key string) string {
	if path == "" || bytes.IndexByte([]byte(key), ':') >= 0 {
		return ""
	}
	return path + ":" + key
}

func (w *walker) array(b []byte, v reflect.Value, path string) ([]byte, error) {
	b = append(b, '[')
	var err error
	for i := range v.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = w.value(b, v.Index(i), childPath(path, strconv.Itoa(i))); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// object writes a Go map as a JS object with its keys sorted, as
// encoding/json does, so that the output is deterministic.
func (w *walker) object(b []byte, v reflect.Value, path string) ([]byte, error) {
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
			return nil, errAt(path, "cannot encode a map with %s keys as an object; use *flight.Map", k.Type())
		}
		entries = append(entries, entry{name, iter.Value()})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
	b = append(b, '{')
	var err error
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSString(b, e.key)
		b = append(b, ':')
		if b, err = w.value(b, e.val, childPath(path, e.key)); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

func (w *walker) structure(b []byte, v reflect.Value, path string) ([]byte, error) {
	b = append(b, '{')
	first := true
	for _, f := range structFields(v.Type()) {
		fv, ok := fieldByIndex(v, f.index)
		if !ok || (f.omitEmpty && isEmptyValue(fv)) || (f.omitZero && fv.IsZero()) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSString(b, f.name)
		b = append(b, ':')
		var err error
		if b, err = w.value(b, fv, childPath(path, f.name)); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// marshaler encodes a json.Marshaler through its JSON: the output is parsed
// back and walked like any value, so that strings starting with '$' are
// escaped and its numbers follow the same rules as every other number.
func (w *walker) marshaler(b []byte, v reflect.Value, path string) ([]byte, error) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return append(b, "null"...), nil
	}
	raw, err := v.Interface().(json.Marshaler).MarshalJSON()
	if err != nil {
		return nil, errAt(path, "%s.MarshalJSON: %v", v.Type(), err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, errAt(path, "%s.MarshalJSON returned invalid JSON: %v", v.Type(), err)
	}
	return w.value(b, reflect.ValueOf(generic), "")
}

// isoString is Date.prototype.toISOString: UTC, millisecond precision, and
// a six-digit signed year outside 0000–9999.
func isoString(t time.Time) string {
	t = t.UTC()
	year := t.Year()
	rest := t.Format("-01-02T15:04:05.000Z")
	switch {
	case year < 0:
		return fmt.Sprintf("-%06d", -year) + rest
	case year > 9999:
		return fmt.Sprintf("+%06d", year) + rest
	}
	return fmt.Sprintf("%04d", year) + rest
}
