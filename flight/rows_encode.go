package flight

import (
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// EncodeRows writes root as Flight rows, the response format React's
// createFromReadableStream and createFromFetch read (production and
// development builds). Root is row 0; every value the protocol outlines
// (Map, Set, FormData, Blob, binary, promise, iterator, stream, server
// reference, symbol, long string) gets a row of its own, written before the
// row that refers to it. A root that is a Go error becomes an "E" row, so
// the client's promise rejects with it.
//
// Go values map to JS as listed in value.go. Structs follow their json tags
// as encoding/json does; a json.Marshaler is encoded through its JSON. Maps
// with string or integer keys are objects with sorted keys. A value reached
// twice through the same pointer, map or slice is written once and referred
// to by its path, as React does. EncodeRows refuses, writing nothing: cycles,
// integers beyond ±(2^53-1) (a JS number would silently round them; use
// *big.Int or a string), channels, functions and complex numbers.
//
// Everything is encoded before the first byte is written, so a refused value
// leaves w untouched.
func EncodeRows(w io.Writer, root any) error {
	if row, ok := scalarRow(root); ok {
		_, err := w.Write(row)
		return err
	}
	e := &rowsEncoder{next: 1}
	e.walk = newWalker(e)
	if err, ok := root.(error); ok && err != nil {
		row, werr := e.errorRow(err)
		if werr != nil {
			return werr
		}
		e.row(0, 'E', row)
		_, err := w.Write(e.out)
		return err
	}
	// Row 0 is written last but built first, straight into a reused
	// buffer, while the rows it outlines collect in e.out.
	buf := rowBuffers.Get().(*[]byte)
	defer putRowBuffer(buf)
	row, err := e.walk.appendModel(append((*buf)[:0], '0', ':'), root, 0)
	if err != nil {
		return err
	}
	row = append(row, '\n')
	*buf = row
	if len(e.out) > 0 {
		if _, err := w.Write(e.out); err != nil {
			return err
		}
	}
	_, err = w.Write(row)
	return err
}

// scalarRow is the one row of a root that is an integer or a boolean, the
// commonest results of an action (a count, an id, done or not), written
// without the walk a value may need: its row is its JSON. An integer
// beyond what a JS number holds exactly is left to the walk, which
// refuses it and says why.
func scalarRow(root any) ([]byte, bool) {
	var n int64
	switch v := root.(type) {
	case int:
		n = int64(v)
	case int32:
		n = int64(v)
	case int64:
		n = v
	case bool:
		if v {
			return []byte("0:true\n"), true
		}
		return []byte("0:false\n"), true
	default:
		return nil, false
	}
	if n > maxSafeInteger || n < -maxSafeInteger {
		return nil, false
	}
	return append(strconv.AppendInt(append(make([]byte, 0, 24), '0', ':'), n, 10), '\n'), true
}

// rowBuffers keeps the buffers row 0 is built in from one response to the
// next: growing a fresh one to the size of a typical response costs more
// than encoding it.
var rowBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledRow bounds what the pool keeps, so one huge response does not
// pin its buffer for good.
const maxPooledRow = 256 << 10

func putRowBuffer(b *[]byte) {
	if cap(*b) <= maxPooledRow {
		rowBuffers.Put(b)
	}
}

// textRowThreshold is React's: a string of this many UTF-16 code units or
// more travels in a "T" row (ReactFlightServer: 1024 <= value.length).
const textRowThreshold = 1024

type rowsEncoder struct {
	out     []byte
	next    int
	walk    *walker
	symbols map[string]int
}

func (e *rowsEncoder) alloc() int {
	id := e.next
	e.next++
	return id
}

func (e *rowsEncoder) jsonRow(id int, json []byte) {
	e.out = strconv.AppendInt(e.out, int64(id), 16)
	e.out = append(e.out, ':')
	e.out = append(e.out, json...)
	e.out = append(e.out, '\n')
}

// row writes a tagged row ("E", "R", "C" …) ending in a newline.
func (e *rowsEncoder) row(id int, tag byte, body []byte) {
	e.out = strconv.AppendInt(e.out, int64(id), 16)
	e.out = append(e.out, ':', tag)
	e.out = append(e.out, body...)
	e.out = append(e.out, '\n')
}

// lengthRow writes a length-prefixed row: "T" text or a binary tag. These
// rows end after their bytes, with no newline.
func (e *rowsEncoder) lengthRow(id int, tag byte, data []byte) {
	e.out = strconv.AppendInt(e.out, int64(id), 16)
	e.out = append(e.out, ':', tag)
	e.out = strconv.AppendInt(e.out, int64(len(data)), 16)
	e.out = append(e.out, ',')
	e.out = append(e.out, data...)
}

func (e *rowsEncoder) longString(s string) (string, bool, error) {
	if len(s) < textRowThreshold || jsLength(s) < textRowThreshold {
		return "", false, nil
	}
	id := e.alloc()
	e.lengthRow(id, 'T', []byte(strings.ToValidUTF8(s, "\ufffd")))
	return "$" + formatHex(id), true, nil
}

func (e *rowsEncoder) outline(w *walker, v reflect.Value) (token, bool, bool, error) {
	if tag, data, ok := binaryBytes(v); ok {
		id := e.alloc()
		e.lengthRow(id, tag, data)
		return token{"$", id}, false, true, nil
	}
	if !v.CanInterface() {
		return token{}, false, false, nil
	}
	switch x := v.Interface().(type) {
	case *Map:
		id := e.alloc()
		json, err := entriesJSON(w, x, id)
		if err != nil {
			return token{}, false, false, err
		}
		e.jsonRow(id, json)
		return token{"$Q", id}, false, true, nil
	case *Set:
		id := e.alloc()
		json, err := w.model(x.Values, id)
		if err != nil {
			return token{}, false, false, err
		}
		e.jsonRow(id, emptyArray(json))
		return token{"$W", id}, false, true, nil
	case *FormData:
		id := e.alloc()
		b := []byte{'['}
		for i, entry := range x.Entries {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendJSString(b, escapeDollar(entry.Name))
			b = append(b, ',')
			if entry.File != nil {
				b = appendToken(b, e.blob(entry.File))
			} else {
				b = appendJSString(b, escapeDollar(entry.Value))
			}
			b = append(b, ']')
		}
		e.jsonRow(id, append(b, ']'))
		return token{"$K", id}, false, true, nil
	case *File:
		return e.blob(x), true, true, nil
	case *Promise:
		id := e.alloc()
		if x.Err != nil {
			row, err := e.errorRow(x.Err)
			if err != nil {
				return token{}, false, false, err
			}
			e.row(id, 'E', row)
		} else {
			json, err := w.model(x.Value, id)
			if err != nil {
				return token{}, false, false, err
			}
			e.jsonRow(id, json)
		}
		return token{"$@", id}, true, true, nil
	case *Iterator:
		id := e.alloc()
		json, err := w.model(x.Values, id)
		if err != nil {
			return token{}, false, false, err
		}
		e.jsonRow(id, emptyArray(json))
		return token{"$i", id}, false, true, nil
	case *Stream:
		tok, err := e.stream(w, x)
		return tok, true, err == nil, err
	case *ServerRef:
		id := e.alloc()
		b := []byte(`{"id":`)
		b = appendJSString(b, x.ID)
		b = append(b, `,"bound":`...)
		if x.Bound == nil {
			b = append(b, "null"...)
		} else {
			bid := e.alloc()
			json, err := w.model(x.Bound, bid)
			if err != nil {
				return token{}, false, false, err
			}
			e.jsonRow(bid, emptyArray(json))
			b = appendToken(b, token{"$@", bid})
		}
		e.jsonRow(id, append(b, '}'))
		return token{"$h", id}, true, true, nil
	case TemporaryRef:
		return tokenText("$T" + x.ID), false, true, nil
	case Symbol:
		id, ok := e.symbols[string(x)]
		if !ok {
			id = e.alloc()
			if e.symbols == nil {
				e.symbols = map[string]int{}
			}
			e.symbols[string(x)] = id
			e.jsonRow(id, appendJSString(nil, "$S"+string(x)))
		}
		return token{"$", id}, false, true, nil
	}
	return token{}, false, false, nil
}

// emptyArray turns the "null" of a nil slice into "[]": a Set, iterator or
// bound list with no values is still an array on the wire.
func emptyArray(json []byte) []byte {
	if string(json) == "null" {
		return []byte("[]")
	}
	return json
}

func escapeDollar(s string) string {
	if strings.HasPrefix(s, "$") {
		return "$" + s
	}
	return s
}

// entriesJSON writes a Map's entries as React does: [[key, value], ...],
// with the paths an array of pairs would have ("$<id>:<i>:0" for a key).
func entriesJSON(w *walker, m *Map, id int) ([]byte, error) {
	return appendEntries(make([]byte, 0, 16*len(m.Entries)+2), w, m, id)
}

// appendEntries is entriesJSON appending to b.
func appendEntries(b []byte, w *walker, m *Map, id int) ([]byte, error) {
	base, noPath := w.enterModel(id)
	defer w.leaveModel(base, noPath)
	b = append(b, '[')
	var err error
	for i, en := range m.Entries {
		if i > 0 {
			b = append(b, ',')
		}
		pair := w.pushIndex(i)
		b = append(b, '[')
		for j, v := range [2]any{en.Key, en.Value} {
			if j > 0 {
				b = append(b, ',')
			}
			n := w.pushIndex(j)
			b, err = w.anyValue(b, v)
			w.pop(n, false)
			if err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
		w.pop(pair, false)
	}
	return append(b, ']'), nil
}

// blob writes a Blob as React does: a row ["type", "$<binary row>"] after a
// Uint8Array row holding the bytes. A File's name does not travel.
func (e *rowsEncoder) blob(f *File) token {
	id := e.alloc()
	bin := e.alloc()
	e.lengthRow(bin, 'o', f.Data)
	b := []byte{'['}
	b = appendJSString(b, escapeDollar(f.Type))
	b = append(b, ',')
	b = appendToken(b, token{"$", bin})
	e.jsonRow(id, append(b, ']'))
	return token{"$B", id}
}

// stream writes a stream as React does: a start row ("R", "r", "X" or "x"),
// one row per chunk under the same id (strings as "T" rows, binary values as
// binary rows, byte-stream chunks as "b" rows, other values as JSON), then
// "C", with the async iterator's return value as JSON after it.
func (e *rowsEncoder) stream(w *walker, s *Stream) (token, error) {
	var start byte
	switch s.Kind {
	case ReadableStream:
		start = 'R'
	case ReadableByteStream:
		start = 'r'
	case AsyncIterable:
		start = 'X'
	case AsyncIterator:
		start = 'x'
	default:
		return token{}, errAt("", "unknown StreamKind %d", s.Kind)
	}
	id := e.alloc()
	e.row(id, start, nil)
	for _, chunk := range s.Values {
		cv := reflect.ValueOf(chunk)
		if s.Kind == ReadableByteStream {
			tag, data, ok := binaryBytes(cv)
			if !ok || tag != 'o' {
				return token{}, errAt("", "a byte stream chunk must be a Uint8Array or []byte, not %T", chunk)
			}
			e.lengthRow(id, 'b', data)
			continue
		}
		if str, ok := chunk.(string); ok {
			e.lengthRow(id, 'T', []byte(strings.ToValidUTF8(str, "\ufffd")))
			continue
		}
		if tag, data, ok := binaryBytes(cv); ok {
			e.lengthRow(id, tag, data)
			continue
		}
		json, err := w.pathless(nil, cv)
		if err != nil {
			return token{}, err
		}
		e.jsonRow(id, json)
	}
	var ret []byte
	if s.Return != nil {
		json, err := w.pathless(nil, reflect.ValueOf(s.Return))
		if err != nil {
			return token{}, err
		}
		ret = json
	}
	e.row(id, 'C', ret)
	return token{"$", id}, nil
}

// errorValue writes an Error found inside a value as React's development
// server does: "$Z<id>" and a row {name, message, stack, env}. The production
// client ignores the id and shows its generic message; the development
// client needs the row.
func (e *rowsEncoder) errorValue(err error) (string, error) {
	fields, ferr := e.errorFields(err, false)
	if ferr != nil {
		return "", ferr
	}
	id := e.alloc()
	e.jsonRow(id, fields)
	return "$Z" + formatHex(id), nil
}

// errorRow is the body of an "E" row: every field either client reads
// (the development client needs stack to be an array).
func (e *rowsEncoder) errorRow(err error) ([]byte, error) {
	return e.errorFields(err, true)
}

func (e *rowsEncoder) errorFields(err error, row bool) ([]byte, error) {
	fe := asFlightError(err)
	var b []byte
	if row {
		b = append(b, `{"digest":`...)
		b = appendJSString(b, fe.Digest)
		b = append(b, ',')
	} else {
		b = append(b, '{')
	}
	b = append(b, `"name":`...)
	b = appendJSString(b, fe.Name)
	b = append(b, `,"message":`...)
	b = appendJSString(b, fe.Message)
	b = append(b, `,"stack":`...)
	stack := fe.Stack
	if stack == nil {
		stack = []any{}
	}
	b, werr := e.walk.pathless(b, reflect.ValueOf(stack))
	if werr != nil {
		return nil, werr
	}
	b = append(b, `,"env":`...)
	b = appendJSString(b, fe.Env)
	if row {
		b = append(b, `,"owner":null`...)
	} else if fe.Digest != "" {
		b = append(b, `,"digest":`...)
		b = appendJSString(b, fe.Digest)
	}
	return append(b, '}'), nil
}

// asFlightError gives any Go error the fields of an E row: an *Error in the
// chain is used as is; otherwise the name is "Error" and the message is
// err.Error().
func asFlightError(err error) Error {
	var fe *Error
	out := Error{Name: "Error", Message: err.Error(), Env: "Server"}
	if errors.As(err, &fe) && fe != nil {
		out = *fe
		if out.Name == "" {
			out.Name = "Error"
		}
		if out.Env == "" {
			out.Env = "Server"
		}
	}
	return out
}
