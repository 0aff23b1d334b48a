package flight

import (
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file renders what a ValueError shows: where (the path), what the
// target wanted and what the client sent. Everything here ends up in error
// messages that may reach logs and users, so values are described, never
// dumped: strings are quoted and cut, containers are named by their JS type.

// pathSeg is one step of the path to the value being decoded. The path is
// kept as a stack of steps and rendered only when an error needs it, so the
// happy path builds no strings.
type pathSeg struct {
	kind  uint8
	index int
	name  string
	key   any
}

const (
	segIndex uint8 = iota // [3]
	segName               // .name, or ["not an identifier"]
	segKey                // a Map key of any type: [1], [object]
)

func (d *unmarshaler) pushIndex(i int) { d.path = append(d.path, pathSeg{kind: segIndex, index: i}) }
func (d *unmarshaler) pushName(name string) {
	d.path = append(d.path, pathSeg{kind: segName, name: name})
}
func (d *unmarshaler) pushKey(key any) { d.path = append(d.path, pathSeg{kind: segKey, key: key}) }
func (d *unmarshaler) pop()            { d.path = d.path[:len(d.path)-1] }

func (d *unmarshaler) pathString() string {
	var b strings.Builder
	for _, s := range d.path {
		switch s.kind {
		case segIndex:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		case segName:
			writeName(&b, s.name)
		case segKey:
			if k, ok := s.key.(string); ok {
				writeName(&b, k)
				continue
			}
			b.WriteByte('[')
			if f, ok := s.key.(float64); ok {
				b.WriteString(formatNumber(f))
			} else {
				b.WriteString(describe(s.key))
			}
			b.WriteByte(']')
		}
	}
	return b.String()
}

func writeName(b *strings.Builder, name string) {
	if isIdentifier(name) {
		b.WriteByte('.')
		b.WriteString(name)
		return
	}
	b.WriteByte('[')
	b.WriteString(strconv.Quote(cut(name)))
	b.WriteByte(']')
}

// isIdentifier reports whether name can follow a dot in JS (ASCII only, to
// keep the rule obvious).
func isIdentifier(name string) bool {
	if name == "" || len(name) > maxShown {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		letter := c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// maxShown is how many characters of a client's string an error shows.
const maxShown = 40

// cut shortens s to maxShown runes, marking the cut with "…".
func cut(s string) string {
	if len(s) <= maxShown {
		return s
	}
	n := 0
	for i := range s {
		if n == maxShown {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// describe names a JS value for an error message.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case Undefined:
		return "undefined"
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return "number " + formatNumber(x)
	case string:
		if !utf8.ValidString(x) {
			x = strings.ToValidUTF8(x, "\uFFFD")
		}
		return strconv.Quote(cut(x))
	case *big.Int:
		if x == nil {
			return "null"
		}
		return "bigint " + cut(x.String())
	case time.Time:
		return "Date"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case *Stream:
		if x == nil {
			return "null"
		}
		switch x.Kind {
		case AsyncIterable:
			return "AsyncIterable"
		case AsyncIterator:
			return "AsyncIterator"
		}
		return "ReadableStream"
	}
	if isNull(v) {
		return "null"
	}
	switch v.(type) {
	case *Map:
		return "Map"
	case *Set:
		return "Set"
	case *FormData:
		return "FormData"
	case *File:
		return "File"
	case *Promise:
		return "Promise"
	case *Iterator:
		return "Iterator"
	case *ServerRef:
		return "server reference"
	case TemporaryRef:
		return "temporary reference"
	case ArrayBuffer, Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
		Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView:
		return reflect.TypeOf(v).Name()
	}
	// Not a type of the value model: a hand-built tree.
	return "Go " + reflect.TypeOf(v).String()
}

// formatNumber writes a number as JS would print it, near enough for errors.
func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

var (
	formDataType     = reflect.TypeFor[FormData]()
	fileType         = reflect.TypeFor[File]()
	mapType          = reflect.TypeFor[Map]()
	setType          = reflect.TypeFor[Set]()
	serverRefType    = reflect.TypeFor[ServerRef]()
	temporaryRefType = reflect.TypeFor[TemporaryRef]()
	iteratorType     = reflect.TypeFor[Iterator]()
	streamType       = reflect.TypeFor[Stream]()
	promiseValueType = reflect.TypeFor[Promise]()
)

// modelType lists the struct types of the value model.
var modelType = map[reflect.Type]bool{
	formDataType: true, fileType: true, mapType: true, setType: true, serverRefType: true,
	temporaryRefType: true, iteratorType: true, streamType: true, promiseValueType: true,
}

// want names, in JS terms, what a Go type accepts.
func want(t reflect.Type) string {
	switch t {
	case timeType:
		return "Date"
	case bigIntType:
		return "bigint"
	case formDataType:
		return "FormData"
	case fileType:
		return "File"
	case mapType:
		return "Map"
	case setType:
		return "Set"
	case serverRefType:
		return "server reference"
	case temporaryRefType:
		return "temporary reference"
	case iteratorType:
		return "Iterator"
	case streamType:
		return "stream"
	case promiseValueType:
		return "Promise"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice:
		return "array"
	case reflect.Array:
		return "array of length " + strconv.Itoa(t.Len())
	case reflect.Map, reflect.Struct:
		return "object"
	case reflect.Pointer:
		return want(t.Elem())
	}
	return t.String()
}
