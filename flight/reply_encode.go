package flight

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"sync"
)

// Reply is an encoded reply: what React's encodeReply(v) produces, ready to
// be the body of a request to a server function. It is a plain JSON text
// while every value is inline and multipart form data as soon as one has to
// be outlined. A Reply is immutable and safe for concurrent use.
type Reply struct {
	text     string // the JSON, when the reply is text
	isText   bool
	fields   []ReplyField
	boundary [boundaryLen]byte
	room     [2]ReplyField // where the fields of a small reply are kept
}

// ReplyField is one form field of a [Reply], in order: a string value, or a
// file part when File is non-nil.
type ReplyField struct {
	Name  string
	Value string
	File  *File
}

// EncodeReply encodes v as React's encodeReply(v) does; for a call, v is
// the []any of the arguments. Go values map to JS as for [EncodeRows]
// (structs by json tags, sorted map keys, shared values as path
// references), with React's reply rules: parts are named in decimal and
// referred to in hex, the root is field "0", a Map's part comes after the
// parts of its contents, and promise values and stream chunks come after
// "0". The order of fields among several promises and streams approximates
// React's, which depends on when each settles; decoders do not depend on it.
//
// EncodeReply refuses what encodeReply throws on: symbols and errors (they
// travel only from server to client), and a rejected *Promise; and, like
// [EncodeRows], cycles and integers beyond ±(2^53-1).
func EncodeReply(v any) (*Reply, error) {
	return encodeReply(v, "")
}

func encodeReply(v any, prefix string) (*Reply, error) {
	r := &Reply{}
	e := replyEncoders.Get().(*replyEncoder)
	defer e.release()
	e.next, e.prefix, e.fields = 1, prefix, r.room[:0]
	e.walk = e.walker.init(e)
	root, err := e.build(func(b []byte) ([]byte, error) { return e.walk.appendModel(b, v, 0) })
	if err != nil {
		return nil, err
	}
	if len(e.fields) == 0 && len(e.tasks) == 0 {
		r.text, r.isText = string(root), true
		return r, nil
	}
	e.addJSON(prefix+"0", root)
	for len(e.tasks) > 0 {
		task := e.tasks[0]
		e.tasks = e.tasks[1:]
		if err := task(); err != nil {
			return nil, err
		}
	}
	e.fillJSON()
	r.fields = e.fields
	e.boundary(&r.boundary)
	return r, nil
}

// build runs write on the encoder's scratch buffer for the part being
// built: parts nest (a Map's entries may hold a Set), so each level of
// nesting has a buffer of its own. What it returns is valid until the
// next build at the same level.
func (e *replyEncoder) build(write func([]byte) ([]byte, error)) ([]byte, error) {
	level := e.nesting
	if level == len(e.scratch) {
		e.scratch = append(e.scratch, nil)
	}
	e.nesting++
	b, err := write(e.scratch[level][:0])
	e.nesting--
	if b != nil {
		e.scratch[level] = b // kept, grown, for the next part
	}
	return b, err
}

// addPart adds field name holding the JSON write writes; each part is
// built apart and joins the reply's text once it is whole.
func (e *replyEncoder) addPart(name string, write func([]byte) ([]byte, error)) error {
	b, err := e.build(write)
	if err == nil {
		e.addJSON(name, b)
	}
	return err
}

// addArray adds part id holding the JSON of v, an array: a nil slice is an
// empty array too.
func (e *replyEncoder) addArray(id int, v any) error {
	return e.addPart(e.part(id), func(b []byte) ([]byte, error) {
		b, err := e.walk.appendModel(b, v, id)
		if string(b) == "null" {
			b = append(b[:0], "[]"...)
		}
		return b, err
	})
}

// addJSON adds field name holding json. The JSON of all the parts is
// gathered in e.text and becomes one string when the reply is done
// (fillJSON): one allocation, not one per part.
func (e *replyEncoder) addJSON(name string, json []byte) {
	e.spans = append(e.spans, textSpan{field: len(e.fields), start: len(e.text), end: len(e.text) + len(json)})
	e.text = append(e.text, json...)
	e.add(name, "")
}

// fillJSON gives the fields addJSON added their values.
func (e *replyEncoder) fillJSON() {
	text := string(e.text)
	for _, s := range e.spans {
		e.fields[s.field].Value = text[s.start:s.end]
	}
}

// textSpan is where the value of field is in replyEncoder.text.
type textSpan struct{ field, start, end int }

// ContentType is the request's Content-Type: "text/plain;charset=UTF-8"
// for a text reply, as fetch sends a string body, or multipart/form-data
// with the reply's boundary.
func (r *Reply) ContentType() string {
	if r.isText {
		return "text/plain;charset=UTF-8"
	}
	return "multipart/form-data; boundary=" + string(r.boundary[:])
}

// Fields returns the reply's form fields in order. A text reply has one
// field, "0", holding the JSON, which is how React puts a text reply into a
// form.
func (r *Reply) Fields() []ReplyField {
	if r.isText {
		return []ReplyField{{Name: "0", Value: r.text}}
	}
	return append([]ReplyField(nil), r.fields...)
}

// replyEncoder is the reply side of the value walk: outlined values become
// form fields, and promise values and stream chunks are queued to be
// written after the root, as React writes them when they settle.
type replyEncoder struct {
	prefix string
	fields []ReplyField
	text   []byte // see addJSON
	spans  []textSpan
	// scratch holds the buffers parts are built in, by nesting (see
	// build); rng, the generator of the reply's boundary.
	scratch [][]byte
	nesting int
	rng     *rand.ChaCha8
	tasks   []func() error
	next    int
	walk    *walker
	walker  walker // walk's, in the same allocation
}

// replyEncoders keeps encoders, with the room their walks start in, from
// one reply to the next: the encoder is larger than most replies, and
// allocating it afresh for each cost more than a small reply's encoding.
var replyEncoders = sync.Pool{New: func() any { return &replyEncoder{rng: newBoundaryGenerator()} }}

// release forgets everything the encoder held (the values it walked, the
// reply's fields) and returns it to the pool.
func (e *replyEncoder) release() {
	e.walker.forget()
	e.prefix, e.fields, e.tasks, e.walk, e.nesting = "", nil, nil, nil, 0
	if cap(e.text) > maxPooledRow {
		return // one huge reply does not pin its text for good
	}
	// Nor do its many parts or deeply nested ones.
	if len(e.scratch) > maxPooledLevels {
		clear(e.scratch[maxPooledLevels:])
		e.scratch = e.scratch[:maxPooledLevels]
	}
	for i, b := range e.scratch {
		if cap(b) > maxPooledRow {
			e.scratch[i] = nil
		}
	}
	if cap(e.spans) > maxPooledSpans {
		e.spans = nil
	}
	e.text, e.spans = e.text[:0], e.spans[:0]
	replyEncoders.Put(e)
}

// What a pooled encoder keeps at most: buffers for parts nested this deep,
// and room for this many parts.
const (
	maxPooledLevels = 8
	maxPooledSpans  = 1024
)

func (e *replyEncoder) alloc() int {
	id := e.next
	e.next++
	return id
}

func (e *replyEncoder) add(name, value string) {
	e.fields = append(e.fields, ReplyField{Name: name, Value: value})
}

func (e *replyEncoder) addFile(name string, f *File) {
	file := *f
	if file.Name == "" {
		file.Name = "blob" // what FormData calls a Blob
	}
	e.fields = append(e.fields, ReplyField{Name: name, File: &file})
}

func (e *replyEncoder) part(id int) string { return e.prefix + strconv.Itoa(id) }

func (e *replyEncoder) longString(string) (string, bool, error) { return "", false, nil }

func (e *replyEncoder) errorValue(error) (string, error) {
	return "", fmt.Errorf("an error cannot be sent in a reply (React's encodeReply refuses it)")
}

func (e *replyEncoder) outline(w *walker, v reflect.Value) (token, bool, bool, error) {
	if tag, data, ok := binaryBytes(v); ok {
		id := e.alloc()
		e.addFile(e.part(id), &File{Data: bytes.Clone(data)})
		return token{"$" + string(tag), id}, false, true, nil
	}
	if !v.CanInterface() {
		return token{}, false, false, nil
	}
	fail := func(err error) (token, bool, bool, error) { return token{}, false, false, err }
	switch x := v.Interface().(type) {
	case *Map:
		id := e.alloc()
		if err := e.addPart(e.part(id), func(b []byte) ([]byte, error) { return appendEntries(b, w, x, id) }); err != nil {
			return fail(err)
		}
		return token{"$Q", id}, false, true, nil
	case *Set:
		id := e.alloc()
		if err := e.addArray(id, x.Values); err != nil {
			return fail(err)
		}
		return token{"$W", id}, false, true, nil
	case *Iterator:
		id := e.alloc()
		if err := e.addArray(id, x.Values); err != nil {
			return fail(err)
		}
		return token{"$i", id}, false, true, nil
	case *FormData:
		id := e.alloc()
		prefix := e.prefix + "_" + strconv.Itoa(id) + "_"
		for _, entry := range x.Entries {
			if entry.File != nil {
				e.addFile(prefix+entry.Name, entry.File)
			} else {
				e.add(prefix+entry.Name, entry.Value)
			}
		}
		return token{"$K", id}, false, true, nil
	case *File:
		id := e.alloc()
		e.addFile(e.part(id), x)
		return token{"$B", id}, false, true, nil
	case *Promise:
		if x.Err != nil {
			return fail(fmt.Errorf("a rejected promise cannot be sent in a reply: %w", x.Err))
		}
		id := e.alloc()
		e.tasks = append(e.tasks, func() error {
			return e.addPart(e.part(id), func(b []byte) ([]byte, error) { return e.walk.appendModel(b, x.Value, id) })
		})
		return token{"$@", id}, true, true, nil
	case *Stream:
		tok, err := e.stream(w, x)
		if err != nil {
			return fail(err)
		}
		return tok, true, true, nil
	case *ServerRef:
		// React writes {id, bound} before it numbers the reference's own
		// part, so the bound promise gets the lower number.
		b := []byte(`{"id":`)
		b = appendJSString(b, x.ID)
		b = append(b, `,"bound":`...)
		if x.Bound == nil {
			b = append(b, "null"...)
		} else {
			var err error
			if b, err = w.pathless(b, reflect.ValueOf(&Promise{Value: x.Bound})); err != nil {
				return fail(err)
			}
		}
		id := e.alloc()
		e.addJSON(e.part(id), append(b, '}'))
		return token{"$h", id}, true, true, nil
	case TemporaryRef:
		return tokenText("$T"), false, true, nil
	case Symbol:
		return fail(fmt.Errorf("the symbol %q cannot be sent in a reply (symbols travel only from server to client)", string(x)))
	}
	return token{}, false, false, nil
}

// stream queues a stream's chunks as React's encodeReply writes them: one
// "S<id>" field per chunk, then "C" (with an async iterator's return value
// after it). A byte stream's chunks become one blob part, referred to as
// "$o<part>", numbered when the stream ends.
func (e *replyEncoder) stream(w *walker, s *Stream) (token, error) {
	var tag string
	switch s.Kind {
	case ReadableStream:
		tag = "$R"
	case ReadableByteStream:
		tag = "$r"
	case AsyncIterable:
		tag = "$X"
	case AsyncIterator:
		tag = "$x"
	default:
		return token{}, fmt.Errorf("unknown StreamKind %d", s.Kind)
	}
	id := e.alloc()
	name := e.prefix + "S" + strconv.Itoa(id)
	if s.Kind == ReadableByteStream {
		var all []byte
		for _, c := range s.Values {
			t, data, ok := binaryBytes(reflect.ValueOf(c))
			if !ok || t != 'o' {
				return token{}, fmt.Errorf("a byte stream chunk must be a Uint8Array or []byte, not %T", c)
			}
			all = append(all, data...)
		}
		e.tasks = append(e.tasks, func() error {
			blob := e.alloc()
			e.addFile(e.part(blob), &File{Data: all})
			e.add(name, `"$o`+formatHex(blob)+`"`)
			e.add(name, "C")
			return nil
		})
		return token{tag, id}, nil
	}
	i := 0
	var step func() error
	step = func() error {
		if i < len(s.Values) {
			json, err := w.pathless(nil, reflect.ValueOf(s.Values[i]))
			if err != nil {
				return err
			}
			e.addJSON(name, json)
			i++
			e.tasks = append(e.tasks, step)
			return nil
		}
		if s.Return == nil {
			e.add(name, "C")
			return nil
		}
		json, err := w.pathless(nil, reflect.ValueOf(s.Return))
		if err != nil {
			return err
		}
		e.add(name, "C"+string(json))
		return nil
	}
	e.tasks = append(e.tasks, step)
	return token{tag, id}, nil
}
