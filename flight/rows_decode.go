package flight

import (
	"io"
)

// DecodeRows reads a Flight response (what [EncodeRows] or React's
// renderToReadableStream writes) and returns its root value as the types
// listed in value.go. It is the client side, for Go clients and round-trip
// tests. The whole body is read first (bounded by limits.MaxTotalBytes), so
// promises and streams come back settled: a *Promise holds its value or its
// *Error, a *Stream every chunk. Strings in the result share the body's
// memory, and its numbers, strings and dates are boxed up to 512 to an
// allocation: a value kept keeps the memory of its neighbours too.
//
// When the root row is an error row, DecodeRows returns a nil value and the
// server's *Error. Any malformed or oversized input is refused with a
// *DecodeError naming its rule; reference cycles are refused, and shared
// references are copied, each copy counted against limits.MaxArraySlots.
// DecodeRows never panics.
func DecodeRows(r io.Reader, limits Limits) (any, error) {
	l := limits.withDefaults()
	body, err := readRows(r, l)
	if err != nil {
		return nil, err
	}
	return decodeRows(body, l)
}

// decodeRows decodes a whole response in one of two ways. The fast way
// reads each row's JSON where it lies, once, straight into values
// (rows_inplace.go); it gives up at anything unusual: an error, a key
// given twice in one object, or so many references back into rows already
// read that reading them again would cost more than parsing them. The
// careful way parses every row into a tree first and decodes the trees
// (rows_tree.go); it alone decides what is refused and how, and its cost is
// bounded by the size of the value, however often rows are referred to.
// Both give the same values.
func decodeRows(body []byte, l Limits) (any, error) {
	if v, err := newInPlaceReader(body, l).decode(); err == nil {
		return v, nil
	}
	return newTreeReader(body, l).decode()
}

// rowsDecoder is what both ways of decoding share: the rows, the limits and
// the bookkeeping, and the meaning of every "$" code and row type. How a
// row's JSON is read is up to its rowReader.
type rowsDecoder struct {
	rows   map[int]*row
	limits Limits
	read   rowReader
	slots  int
	loc    []locSeg // where the value being decoded stands
	boxes  boxes    // where scalars are boxed (rows_boxes.go)
	// reply is set when the JSON read is a reply's root part rather than
	// rows: "$" codes then mean what they mean in a reply (reply_inplace.go).
	reply bool
	// content counts a reply's string and bigint bytes (addContent).
	content int64
}

// rowReader reads row JSON into values, in place or from a parsed tree.
type rowReader interface {
	// json decodes the whole JSON text of rw: a row, a stream chunk or a
	// stream's close row.
	json(rw *row, depth int) (any, error)
	// path decodes what "$<id>:<keys>" refers to in rw, the row id; path is
	// where the reference stands.
	path(rw *row, id int, keys, path string, depth int) (any, error)
	// isActive reports whether rw's top container, or rw if it is a
	// stream, is being decoded: a reference to it is a cycle.
	isActive(rw *row) bool
	// enterStream and leaveStream bracket the decoding of a stream row.
	enterStream(rw *row)
	leaveStream()
}

// decode splits body into rows, parsing their JSON when trees is set, and
// decodes the root.
func (d *rowsDecoder) decode(body []byte, trees bool) (any, error) {
	rows, err := splitRows(body, d.limits, trees)
	if err != nil {
		return nil, err
	}
	d.rows = rows
	return d.root()
}

// root decodes row 0, the response's value.
func (d *rowsDecoder) root() (any, error) {
	root, ok := d.rows[0]
	if !ok {
		return nil, &DecodeError{Rule: RuleReference, Path: "0", Msg: "the response has no root row"}
	}
	if root.kind == rowError {
		return nil, errorFromJSON(root.tree)
	}
	return d.rowValue(0, 0)
}

// rowValue decodes row id as a value: JSON, text, binary or stream.
func (d *rowsDecoder) rowValue(id, depth int) (any, error) {
	path := formatHex(id)
	rw, ok := d.rows[id]
	if !ok {
		return nil, d.refErr(path, "a reference to a missing row")
	}
	switch rw.kind {
	case rowText:
		return rw.text, nil
	case rowBinary:
		v, ok := binaryValue(rw.tag, rw.data)
		if !ok {
			return nil, syntaxErr(path, "a binary row's length does not fit its type")
		}
		return v, nil
	case rowError:
		return nil, errorFromJSON(rw.tree)
	case rowStream:
		return d.stream(rw, path, depth)
	}
	if d.read.isActive(rw) {
		return nil, d.refErr(path, "a reference cycle")
	}
	d.enter(locSeg{name: path, kind: locRoot})
	defer d.leave()
	return d.read.json(rw, depth)
}
