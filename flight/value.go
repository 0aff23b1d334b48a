package flight

import (
	"bytes"
	"io"
)

// This file holds the Go types of the dynamic value tree: what a decoded
// reply is made of, and what the encoders accept besides ordinary Go values.
//
// JS value                   Go value in a decoded tree
// ------------------------   ---------------------------------------------
// undefined                  [Undefined]
// null                       nil
// boolean                    bool
// number (incl. -0, NaN, ±∞) float64
// string                     string
// bigint                     *big.Int
// Date                       time.Time (UTC, millisecond precision)
// Array                      []any
// plain object               map[string]any
// Map                        *[Map] (insertion order, keys of any type)
// Set                        *[Set] (insertion order)
// FormData                   *[FormData] (entries in order, files included)
// File / Blob                *[File]
// ArrayBuffer                [ArrayBuffer]
// Int8Array … BigUint64Array the named slice types below ([Int8Array], …)
// DataView                   [DataView]
// Promise                    *[Promise] (its resolved value)
// iterator (e.g. generator)  *[Iterator]
// ReadableStream, async      *[Stream] (every chunk collected)
//   iterable / iterator
// server reference           *[ServerRef] (id and bound arguments)
// temporary reference        [TemporaryRef]
//
// The encoders also accept [Symbol] (Symbol.for), [Error] and any Go error,
// structs (by their json tags), other maps with string keys, slices, arrays,
// pointers, every integer and float type, and []byte (as Uint8Array).

// Undefined is JavaScript's undefined. It is distinct from nil, which is null.
// As the value of an object property it makes the property absent, as in JS.
type Undefined struct{}

// Map is a JavaScript Map: entries in insertion order, keys of any decoded
// type (strings, numbers, objects …).
type Map struct {
	Entries []MapEntry
}

// MapEntry is one key/value pair of a [Map].
type MapEntry struct {
	Key   any
	Value any
}

// Get returns the value of the first entry whose key is the string key.
func (m *Map) Get(key string) (any, bool) {
	if m == nil {
		return nil, false
	}
	for _, e := range m.Entries {
		if k, ok := e.Key.(string); ok && k == key {
			return e.Value, true
		}
	}
	return nil, false
}

// Set is a JavaScript Set: values in insertion order.
type Set struct {
	Values []any
}

// FormData is a JavaScript FormData: named entries in order, each a string
// or a file. Names may repeat.
type FormData struct {
	Entries []FormEntry
}

// FormEntry is one entry of a [FormData]. Exactly one of Value and File is
// meaningful: File is nil for a string entry.
type FormEntry struct {
	Name  string
	Value string
	File  *File
}

// Get returns the first string value named name, or "" when there is none
// (or the first such entry is a file).
func (f *FormData) Get(name string) string {
	if e, ok := f.first(name); ok {
		return e.Value
	}
	return ""
}

// File returns the first entry named name if it is a file.
func (f *FormData) File(name string) (*File, bool) {
	if e, ok := f.first(name); ok && e.File != nil {
		return e.File, true
	}
	return nil, false
}

// GetAll returns the string values of every entry named name, in order;
// file entries are skipped.
func (f *FormData) GetAll(name string) []string {
	var out []string
	if f == nil {
		return out
	}
	for _, e := range f.Entries {
		if e.Name == name && e.File == nil {
			out = append(out, e.Value)
		}
	}
	return out
}

// Has reports whether an entry named name exists.
func (f *FormData) Has(name string) bool {
	_, ok := f.first(name)
	return ok
}

// Append adds a string entry.
func (f *FormData) Append(name, value string) {
	f.Entries = append(f.Entries, FormEntry{Name: name, Value: value})
}

// AppendFile adds a file entry.
func (f *FormData) AppendFile(name string, file *File) {
	f.Entries = append(f.Entries, FormEntry{Name: name, File: file})
}

func (f *FormData) first(name string) (FormEntry, bool) {
	if f == nil {
		return FormEntry{}, false
	}
	for _, e := range f.Entries {
		if e.Name == name {
			return e, true
		}
	}
	return FormEntry{}, false
}

// File is a JavaScript File or Blob. A Blob posted by a browser arrives as a
// file named "blob"; a File sent to the client becomes a Blob and loses its
// name (Flight has no File row).
type File struct {
	Name string // the file name from the part's Content-Disposition
	Type string // the MIME type from the part's Content-Type; "" if none
	Data []byte
}

// Size is the file's length in bytes.
func (f *File) Size() int64 { return int64(len(f.Data)) }

// Open returns a reader over the file's content.
func (f *File) Open() io.Reader { return bytes.NewReader(f.Data) }

// Binary types. Each typed array decodes to its own named type so that a
// decoded tree says which JS type arrived; when encoding, a plain []byte is a
// Uint8Array, while other Go numeric slices are plain JS arrays of numbers
// (a []int64 result field is a list of numbers, not a BigInt64Array).
type (
	ArrayBuffer       []byte
	Int8Array         []int8
	Uint8Array        []byte
	Uint8ClampedArray []byte
	Int16Array        []int16
	Uint16Array       []uint16
	Int32Array        []int32
	Uint32Array       []uint32
	Float32Array      []float32
	Float64Array      []float64
	BigInt64Array     []int64
	BigUint64Array    []uint64
	DataView          []byte
)

// Promise is a JavaScript Promise. Decoded replies always carry the resolved
// value (encodeReply waits for it). When encoding rows, a non-nil Err makes
// the promise reject with that error.
type Promise struct {
	Value any
	Err   error
}

// Iterator is an iterator object such as a generator: its values, collected.
type Iterator struct {
	Values []any
}

// StreamKind says which JS object a [Stream] stands for.
type StreamKind int

const (
	ReadableStream     StreamKind = iota // a ReadableStream of values ($R)
	ReadableByteStream                   // a byte ReadableStream ($r); Values are Uint8Array
	AsyncIterable                        // an async iterable ($X)
	AsyncIterator                        // an async iterator ($x)
)

// Stream is a ReadableStream or an async iterable/iterator with every chunk
// collected. Return is the value an async iterator returned when it finished
// (its "C<json>" close), or nil.
type Stream struct {
	Kind   StreamKind
	Values []any
	Return any
}

// ServerRef is a reference to a server function, as React passes them in
// both directions. Bound holds the arguments bound with .bind(null, …); nil
// means none were bound. Decoded references to one part share their Bound
// array, as values reached by shared references do; its capacity is its
// length, so appending to it copies.
type ServerRef struct {
	ID    string
	Bound []any
}

// TemporaryRef stands for a client-only value (a function, a class instance,
// a JSX element …) that the client kept and sent as an opaque "$T". The
// server may send it back unchanged and the client gets its own value again.
// ID is the value's path in the reply, which is how the client finds it.
type TemporaryRef struct {
	ID string
}

// Symbol is a global symbol, Symbol.for(name). It only travels from server to
// client; a reply (client to server) cannot carry one.
type Symbol string

// Error is an error as Flight rows carry it. Any Go error can be encoded; use
// Error to choose every field. Decoding an "E" row gives an *Error.
type Error struct {
	Name    string // "Error" when empty
	Message string
	Stack   []any  // React's parsed stack frames; sent as [] when nil
	Env     string // "Server" when empty
	Digest  string
}

func (e *Error) Error() string { return e.Message }
