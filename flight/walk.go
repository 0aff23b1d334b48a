package flight

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
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
	outline(w *walker, v reflect.Value) (tok token, keep, handled bool, err error)
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

// walker encodes values for one reply or one response. What it has seen
// lives as long as the whole output, so that a value shared between rows is
// written once.
type walker struct {
	out   outliner
	seen  sightings
	paths []byte     // the paths recorded in seen, one after the other
	props []property // the properties of the large objects being written, nested

	// Room for the stacks above in the walker's own allocation: most
	// values are small and need no more (small objects' properties are
	// sorted on the goroutine's stack).
	pathRoom  [64]byte
	pathsRoom [64]byte
	seenRoom  [8]sighting
	// path is the reference path of the value being written ("$0:items:3"),
	// kept as bytes and turned into a string only when a shared value is
	// recorded or an error reports it: most values are never referred to.
	// path[base:] is the current path; noPath says React records none here
	// (below a key containing ':', in stream chunks …).
	path   []byte
	base   int
	noPath bool
}

func newWalker(out outliner) *walker { return new(walker).init(out) }

// init readies a zero walker, in place: its stacks start in its own rooms.
func (w *walker) init(out outliner) *walker {
	w.out = out
	w.path, w.paths = w.pathRoom[:0], w.pathsRoom[:0]
	w.seen.list = w.seenRoom[:0]
	return w
}

// forget drops what w holds of the values it walked, so that a pooled
// walker keeps none of them alive; init readies it again.
func (w *walker) forget() {
	// A list that grew out of its room left there what it held then.
	if cap(w.seen.list) > len(w.seenRoom) {
		clear(w.seenRoom[:])
	}
	clear(w.seen.list)
	w.seen, w.out, w.props = sightings{}, nil, nil
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

// value appends the JSON of v at the current path. ti is the info of v's
// type, or nil to look it up (v's static type was an interface).
func (w *walker) value(b []byte, v reflect.Value, ti *typeInfo) ([]byte, error) {
	for v.Kind() == reflect.Interface {
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		v, ti = v.Elem(), nil
	}
	if !v.IsValid() {
		return append(b, "null"...), nil
	}
	if ti == nil {
		ti = infoOf(v.Type())
	}
	// Scalars with types of their own come first: they are never shared.
	switch ti.special {
	case specialUndefined:
		return appendJSString(b, "$undefined"), nil
	case specialTime:
		t, _ := reflect.TypeAssert[time.Time](v)
		return appendJSDate(b, t), nil
	case specialBigInt:
		n, _ := reflect.TypeAssert[*big.Int](v)
		if n == nil {
			return append(b, "null"...), nil
		}
		return appendJSString(b, "$n"+n.String()), nil
	case specialNumber:
		f, err := strconv.ParseFloat(v.String(), 64)
		if err != nil {
			return nil, w.errHere("invalid json.Number %q", v.String())
		}
		return w.float(b, f, 64), nil
	}
	kind := v.Kind()
	switch kind {
	case reflect.Bool:
		if !ti.outlined && !ti.isError && !ti.marshaler {
			if v.Bool() {
				return append(b, "true"...), nil
			}
			return append(b, "false"...), nil
		}
	case reflect.String:
		if !ti.outlined && !ti.isError && !ti.marshaler {
			return w.str(b, v.String())
		}
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
	}
	id, tracked := w.identityOf(v)
	if !tracked {
		b, _, err := w.outlined(b, v, ti)
		return b, err
	}
	return w.shared(b, id, func(b []byte) ([]byte, string, error) { return w.outlined(b, v, ti) })
}

// shared writes, with write, a value whose address can be seen twice (id):
// the first time in full, recording its path (or the outliner's token) for
// the next times, which write a reference instead.
func (w *walker) shared(b []byte, id identity, write func([]byte) ([]byte, string, error)) ([]byte, error) {
	// React would write a cycle as a path to the ancestor; the Go decoders
	// refuse cycles (a Go consumer walking the tree would never end), so the
	// encoders refuse them too.
	if i := w.seen.find(id); i >= 0 {
		seen := w.seen.list[i]
		switch {
		case seen.active:
			return nil, w.errHere("cannot encode a cycle: the value contains itself")
		case seen.token != "":
			return appendJSString(b, seen.token), nil
		case seen.n >= 0:
			return appendJSString(b, string(w.paths[seen.off:seen.off+seen.n])), nil
		}
		// Met before where React records no path: written again, and
		// recorded now if it has a path here.
		return w.record(b, i, write)
	}
	return w.record(b, w.seen.add(sighting{id: id}), write)
}

// record writes shared value with write, its sighting at position i,
// recording its path (or the outliner's token) for later sightings.
func (w *walker) record(b []byte, i int, write func([]byte) ([]byte, string, error)) ([]byte, error) {
	seen := &w.seen.list[i]
	seen.active, seen.n = true, -1
	if !w.noPath {
		seen.off, seen.n = len(w.paths), len(w.path)-w.base
		w.paths = append(w.paths, w.path[w.base:]...)
	}
	b, token, err := write(b)
	// The list may have grown meanwhile: index it again.
	seen = &w.seen.list[i]
	seen.active, seen.token = false, token
	return b, err
}

// outlined writes v, through the outliner when its type is one it handles.
// keep is the token later sightings of v should repeat, or "" for a path
// reference.
func (w *walker) outlined(b []byte, v reflect.Value, ti *typeInfo) (_ []byte, keep string, _ error) {
	if ti.outlined {
		tok, keep, handled, err := w.out.outline(w, v)
		if err != nil {
			if _, ok := err.(*encodeError); !ok {
				err = w.errHere("%v", err)
			}
			return nil, "", err
		}
		if handled {
			b = appendToken(b, tok)
			if keep {
				return b, tok.String(), nil
			}
			return b, "", nil
		}
	}
	if ti.isError {
		token, err := w.out.errorValue(v.Interface().(error))
		if err != nil {
			return nil, "", w.errHere("%v", err)
		}
		return appendJSString(b, token), "", nil
	}
	var err error
	if ti.marshaler {
		b, err = w.marshaler(b, v)
	} else {
		b, err = w.plain(b, v, ti)
	}
	return b, "", err
}

// plain writes a value by its kind.
func (w *walker) plain(b []byte, v reflect.Value, ti *typeInfo) ([]byte, error) {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return append(b, "true"...), nil
		}
		return append(b, "false"...), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := v.Int()
		if n > maxSafeInteger || n < -maxSafeInteger {
			return nil, w.errHere("integer %d does not fit a JavaScript number exactly; use *big.Int or a string", n)
		}
		return strconv.AppendInt(b, n, 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n := v.Uint()
		if n > maxSafeInteger {
			return nil, w.errHere("integer %d does not fit a JavaScript number exactly; use *big.Int or a string", n)
		}
		return strconv.AppendUint(b, n, 10), nil
	case reflect.Float32:
		return w.float(b, v.Float(), 32), nil
	case reflect.Float64:
		return w.float(b, v.Float(), 64), nil
	case reflect.String:
		return w.str(b, v.String())
	case reflect.Slice:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return w.array(b, v)
	case reflect.Array:
		return w.array(b, v)
	case reflect.Map:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return w.object(b, v)
	case reflect.Struct:
		return w.structure(b, v, ti)
	case reflect.Pointer:
		return w.value(b, v.Elem(), staticInfo(v.Type().Elem()))
	}
	return nil, w.errHere("cannot encode a value of type %s", v.Type())
}

func (w *walker) float(b []byte, f float64, bits int) []byte {
	b, code := appendJSNumber(b, f, bits)
	if code != "" {
		return appendJSString(b, code)
	}
	return b
}

func (w *walker) str(b []byte, s string) ([]byte, error) {
	if len(s) >= textRowThreshold {
		token, outlined, err := w.out.longString(s)
		if err != nil {
			return nil, err
		}
		if outlined {
			return appendJSString(b, token), nil
		}
	}
	if len(s) > 0 && s[0] == '$' {
		b = append(b, '"', '$')
		return appendJSStringBody(b, s), nil
	}
	return appendJSString(b, s), nil
}

// marshaler encodes a json.Marshaler through its JSON: the output is parsed
// back and walked like any value, so that strings starting with '$' are
// escaped and its numbers follow the same rules as every other number.
func (w *walker) marshaler(b []byte, v reflect.Value) ([]byte, error) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return append(b, "null"...), nil
	}
	if m, ok := v.Interface().(Marshaler); ok {
		return w.flightMarshaler(b, v, m)
	}
	raw, err := v.Interface().(json.Marshaler).MarshalJSON()
	if err != nil {
		return nil, w.errHere("%s.MarshalJSON: %v", v.Type(), err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, w.errHere("%s.MarshalJSON returned invalid JSON: %v", v.Type(), err)
	}
	return w.pathless(b, reflect.ValueOf(generic))
}
