package flight

import (
	"errors"
	"slices"
)

// This file is the fast way of decoding rows (see decodeRows): each row's
// JSON is read where it lies in the body, once, straight into values, with
// no tree in between. It gives up, for the tree reader to decide, at the
// first thing it does not expect. Since the tree reader then reports the
// error, and where, this reader keeps no track of the keys and indexes it
// is under: its errors name only the row.

type inPlaceReader struct {
	*rowsDecoder
	decoder rowsDecoder // rowsDecoder's
	locRoom [4]locSeg   // room for the few locations it keeps (row roots)
	// activeRoom is room for active: most responses nest a few levels.
	activeRoom [8]int
	body       []byte
	// sc reads the JSON text of the row being decoded, as a cursor: sc.s
	// is the text, sc.i the position, and base where the text starts in
	// the body.
	sc    jsonScanner
	base  int
	elems []any // elements of the arrays being read, nested
	// keyCounts is, per nesting depth, how many keys the last object there
	// had: objects side by side tend to have the same shape, so it sizes
	// the next one's map.
	keyCounts []int
	// active holds where every container and stream being decoded starts
	// in the body, so that a reference back to one of them is seen as the
	// cycle it is.
	active []int
	// budget is how many more bytes of JSON the reader may read. Each row
	// is read once when nothing refers back into rows already read; when
	// references make it read the same bytes again and again, the tree
	// reader, which reads every row once, takes over.
	budget int
}

// errGiveUp is why the in-place reader hands a response over to the tree
// reader when that is not an error in the response: a key given twice in
// one object (the tree reader knows which counts), or a spent budget.
var errGiveUp = errors.New("flight: left to the tree reader")

func newInPlaceReader(body []byte, l Limits) *inPlaceReader {
	return new(inPlaceReader).init(body, l)
}

// init readies a zero reader in place, its decoder in the same allocation.
func (p *inPlaceReader) init(body []byte, l Limits) *inPlaceReader {
	p.rowsDecoder, p.decoder.limits, p.decoder.read = &p.decoder, l, p
	p.loc, p.active = p.locRoom[:0], p.activeRoom[:0]
	p.body, p.budget = body, 2*len(body)+4096
	return p
}

func (p *inPlaceReader) decode() (any, error) {
	v, err := p.rowsDecoder.decode(p.body, false)
	if err != nil {
		return nil, err
	}
	if err := p.checkRest(); err != nil {
		return nil, err
	}
	return v, nil
}

// checkRest parses the JSON the reader has not read from end to end, so
// that a malformed row is refused even where nothing refers to it.
func (p *inPlaceReader) checkRest() error {
	check := func(rw *row) error {
		if rw == nil || rw.kind != rowJSON || rw.checked {
			return nil
		}
		_, err := parseJSON(&p.sc, rw.json, "")
		return err
	}
	for _, rw := range p.rows {
		if err := check(rw); err != nil {
			return err
		}
		for _, c := range rw.chunks {
			if err := check(c); err != nil {
				return err
			}
		}
		if err := check(rw.ret); err != nil {
			return err
		}
	}
	return nil
}

func (p *inPlaceReader) isActive(rw *row) bool {
	id := rw.rootID()
	return id >= 0 && slices.Contains(p.active, id)
}

func (p *inPlaceReader) enterStream(rw *row) { p.active = append(p.active, rw.at) }
func (p *inPlaceReader) leaveStream()        { p.active = p.active[:len(p.active)-1] }

// json decodes the whole JSON text of rw and returns to where the cursor
// was.
func (p *inPlaceReader) json(rw *row, depth int) (any, error) {
	old, err := p.seek(rw)
	if err != nil {
		return nil, err
	}
	defer p.restore(old)
	v, err := p.value(depth)
	if err != nil {
		return nil, err
	}
	if err := p.end(); err != nil {
		return nil, err
	}
	rw.checked = true
	return v, nil
}

// value decodes the JSON value at the cursor.
func (p *inPlaceReader) value(depth int) (any, error) {
	// Rows nobody has parsed yet may nest deeper than parse allows.
	if depth > p.limits.MaxDepth || depth > jsonMaxDepth {
		return nil, errGiveUp
	}
	sc := &p.sc
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return nil, p.syntax(sc.fail("unexpected end of JSON input"))
	}
	switch c := sc.s[sc.i]; {
	case c == '"':
		s, err := sc.readString()
		if err != nil {
			return nil, p.syntax(err)
		}
		if len(s) > 0 && s[0] == '$' {
			return p.code(s, depth)
		}
		return p.boxes.string(s), p.addContent(len(s))
	case c == '[':
		return p.array(depth)
	case c == '{':
		return p.object(depth)
	case c == '-' || ('0' <= c && c <= '9'):
		f, err := sc.float()
		if err != nil {
			return nil, p.syntax(err)
		}
		return p.boxes.float(f), nil
	case c == 't':
		return true, p.syntax(sc.literal("true"))
	case c == 'f':
		return false, p.syntax(sc.literal("false"))
	case c == 'n':
		return nil, p.syntax(sc.literal("null"))
	}
	return nil, p.syntax(sc.fail("invalid character looking for beginning of value"))
}

// array decodes the array at the cursor. Its elements are gathered on a
// stack shared by all arrays, so that the array itself is allocated once,
// at its size.
func (p *inPlaceReader) array(depth int) (any, error) {
	if p.containerTooDeep(depth) {
		return nil, errGiveUp
	}
	p.active = append(p.active, p.pos())
	base := len(p.elems)
	err := p.elements(func(int) error {
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		p.elems = append(p.elems, v)
		return nil
	})
	out := make([]any, len(p.elems)-base)
	copy(out, p.elems[base:])
	clear(p.elems[base:]) // let the scratch stack forget the values
	p.elems = p.elems[:base]
	if err != nil {
		return nil, err
	}
	return out, p.leaveContainer(len(out))
}

// object decodes the object at the cursor into a map. A key may repeat in
// the text, and then the last one counts and the earlier ones are not
// decoded at all; reading in order, this reader leaves that case to the
// tree reader.
func (p *inPlaceReader) object(depth int) (any, error) {
	if p.containerTooDeep(depth) {
		return nil, errGiveUp
	}
	p.active = append(p.active, p.pos())
	out := make(map[string]any, p.keyCount(depth))
	var undefined []string
	err := p.eachMember(func(key string) error {
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		if _, undef := v.(Undefined); undef {
			undefined = append(undefined, key)
		}
		n := len(out)
		out[key] = v
		if len(out) == n {
			return errGiveUp // a repeated key
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.setKeyCount(depth, len(out))
	if err := p.leaveContainer(len(out)); err != nil {
		return nil, err
	}
	for _, k := range undefined {
		delete(out, k) // as in JS, an undefined property is absent
	}
	return out, nil
}

// containerTooDeep reports whether a container at depth nests deeper than
// a reply allows: its careful decoder refuses a part whose containers nest
// more than MaxDepth levels, the root's being the first, so a container
// may stand one level less deep than a leaf. Rows have no such rule.
func (p *inPlaceReader) containerTooDeep(depth int) bool {
	return p.reply && depth >= p.limits.MaxDepth
}

// leaveContainer ends the container entered last, counting its n
// elements or properties against MaxArraySlots.
func (p *inPlaceReader) leaveContainer(n int) error {
	p.active = p.active[:len(p.active)-1]
	return p.count(n)
}

// keyCount is how many keys the last object at depth had, to size a map.
func (p *inPlaceReader) keyCount(depth int) int {
	if depth < len(p.keyCounts) {
		return p.keyCounts[depth]
	}
	return 0
}

func (p *inPlaceReader) setKeyCount(depth, n int) {
	if depth >= 64 {
		return // deep objects are rare: not worth the room
	}
	for len(p.keyCounts) <= depth {
		p.keyCounts = append(p.keyCounts, 0)
	}
	p.keyCounts[depth] = min(n, 256)
}
