package flight

import (
	"fmt"
	"io"
	"reflect"
)

// UnmarshalRows reads a Flight response as [DecodeRows] does and stores its
// root value in the Go value dst points to as [Unmarshal] does: the result
// and the errors are those of Unmarshal(DecodeRows(r, limits)), dst is
// filled by the same rules (json tags, case-insensitive names, undefined
// properties left alone), and the whole response is checked, not only the
// part dst takes. It is the client side's counterpart of encoding/json's
// Unmarshal into a struct.
//
// When what dst points to is its zero value, the usual case, UnmarshalRows
// reads the rows' JSON straight into it, building dynamic values only for
// what the Go type does not say (an any field, a reference to another row,
// a type with its own UnmarshalJSON). Otherwise, and whenever the response
// holds anything unusual, it decodes the dynamic tree and unmarshals that.
//
// dst must be a non-nil pointer; that is checked before r is read. On an
// error, what dst points to may be partly filled. UnmarshalRows never
// panics, and is safe for concurrent use with distinct destinations.
func UnmarshalRows(r io.Reader, limits Limits, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("flight: UnmarshalRows needs a non-nil pointer, not %s", goTypeName(dst))
	}
	l := limits.withDefaults()
	body, err := readRows(r, l)
	if err != nil {
		return err
	}
	target := rv.Elem()
	if target.IsZero() {
		if newRowsUnmarshaler(body, l).decode(target) == nil {
			return nil
		}
		// Back to the zero value the target was, so that the careful way
		// starts where the fast one did.
		target.SetZero()
	}
	v, err := decodeRows(body, l)
	if err != nil {
		return err
	}
	u := unmarshaler{}
	return u.root(v, target)
}

// rowsUnmarshaler reads rows in place into typed Go values: the in-place
// reader, with the unmarshaler whose rules and bounds it keeps.
type rowsUnmarshaler struct {
	inPlaceReader
	u unmarshaler
	// unmatched holds, for the objects being read into structs, nested,
	// the properties no field is named exactly; fieldState, the state of
	// each field.
	unmatched  []property
	fieldState []uint8
	stateRoom  [32]uint8
}

type property struct {
	key string
	v   any
}

func newRowsUnmarshaler(body []byte, l Limits) *rowsUnmarshaler {
	p := &rowsUnmarshaler{}
	p.inPlaceReader.init(body, l)
	p.fieldState = p.stateRoom[:0]
	return p
}

// decode reads the root row into dst, a zero value. Any error means only
// that the careful way must decide.
func (p *rowsUnmarshaler) decode(dst reflect.Value) error {
	rows, err := splitRows(p.body, p.limits, false)
	if err != nil {
		return err
	}
	p.rows = rows
	root, ok := rows[0]
	if !ok || root.kind != rowJSON {
		return errGiveUp // an error root, a text root …: rare
	}
	old, err := p.seek(root)
	if err != nil {
		return err
	}
	defer p.restore(old)
	p.enter(locSeg{name: "0", kind: locRoot})
	defer p.leave()
	if err := p.store(dst, planOf(dst.Type()), 0); err != nil {
		return err
	}
	if err := p.end(); err != nil {
		return err
	}
	root.checked = true
	return p.checkRest()
}
