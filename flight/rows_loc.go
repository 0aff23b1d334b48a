package flight

import (
	"slices"
	"strconv"
	"unsafe"
)

// This file keeps track of where the row decoder is, cheaply: the location
// of the value being decoded, for messages, and the raw containers being
// decoded, for the cycle guard.

// rawID is the identity of a raw container or stream row, or nil for a
// value no reference can lead back into (a scalar or an empty container).
func rawID(node any) unsafe.Pointer {
	switch n := node.(type) {
	case *jsonObject:
		if len(n.members) > 0 {
			return unsafe.Pointer(n)
		}
	case []any:
		if len(n) > 0 {
			return unsafe.Pointer(&n[0])
		}
	case *row:
		return unsafe.Pointer(n)
	}
	return nil
}

func (d *rowsDecoder) isActive(node any) bool {
	id := rawID(node)
	return id != nil && slices.Contains(d.active, id)
}

func (d *rowsDecoder) refErr(path, msg string) error {
	return &DecodeError{Rule: RuleReference, Path: path, Msg: msg}
}

func (d *rowsDecoder) typeErr(path, msg string) error {
	return &DecodeError{Rule: RuleType, Path: path, Msg: msg}
}

func (d *rowsDecoder) count(n int) error {
	d.slots += n
	if d.slots > d.limits.MaxArraySlots {
		return limitErr("MaxArraySlots", d.here(), "the value is too large")
	}
	return nil
}

// locSeg is one step of where a value stands in the response, for
// messages: the decoder keeps a stack of them as it recurses and spells it
// out ("0:items:3") only when an error reports it.
type locSeg struct {
	name  string // a row path (locRoot) or an object key (locKey)
	index int    // an array index or a stream chunk's number
	kind  uint8
}

const (
	locRoot  uint8 = iota // where a reference or a row starts afresh
	locKey                // ":<key>"
	locIndex              // ":<index>"
	locChunk              // "#<n>"
)

func (d *rowsDecoder) enter(s locSeg) { d.loc = append(d.loc, s) }
func (d *rowsDecoder) leave()         { d.loc = d.loc[:len(d.loc)-1] }

// here is the current location, from the innermost root on.
func (d *rowsDecoder) here() string {
	start := 0
	for i := len(d.loc) - 1; i >= 0; i-- {
		if d.loc[i].kind == locRoot {
			start = i
			break
		}
	}
	var b []byte
	for _, s := range d.loc[start:] {
		switch s.kind {
		case locRoot:
			b = append(b, s.name...)
		case locKey:
			b = append(append(b, ':'), s.name...)
		case locIndex:
			b = strconv.AppendInt(append(b, ':'), int64(s.index), 10)
		case locChunk:
			b = strconv.AppendInt(append(b, '#'), int64(s.index), 10)
		}
	}
	return string(b)
}
