package flight

import "strconv"

// This file keeps track of where the row decoder is, cheaply, for
// messages, and counts what it decodes against MaxArraySlots.

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
