package flight

import (
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// This file is the careful way of decoding rows (see decodeRows): every
// row's JSON is parsed into a tree first, in body order, so the first
// malformed row is the one refused, and the trees are then decoded. A row
// referred to many times is parsed once, so the work is bounded by the size
// of the decoded value (MaxArraySlots), not by the bytes referred to.

type treeReader struct {
	*rowsDecoder
	body []byte
	// active holds every raw container and stream being decoded, so that a
	// reference back to one of them is seen as the cycle it is. It is a
	// stack as deep as the nesting (bounded by MaxDepth) and is searched
	// only when a reference is followed.
	active []unsafe.Pointer
}

func newTreeReader(body []byte, l Limits) *treeReader {
	t := &treeReader{rowsDecoder: &rowsDecoder{limits: l}, body: body}
	t.read = t
	return t
}

func (t *treeReader) decode() (any, error) { return t.rowsDecoder.decode(t.body, true) }

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

func (t *treeReader) activeNode(node any) bool {
	id := rawID(node)
	return id != nil && slices.Contains(t.active, id)
}

func (t *treeReader) isActive(rw *row) bool {
	if rw.kind == rowStream {
		return t.activeNode(rw)
	}
	return t.activeNode(rw.tree)
}

func (t *treeReader) enterStream(rw *row) { t.active = append(t.active, rawID(rw)) }
func (t *treeReader) leaveStream()        { t.active = t.active[:len(t.active)-1] }

func (t *treeReader) json(rw *row, depth int) (any, error) { return t.value(rw.tree, depth) }

func (t *treeReader) value(node any, depth int) (any, error) {
	if depth > t.limits.MaxDepth {
		return nil, limitErr("MaxDepth", t.here(), "values nest too deeply")
	}
	switch n := node.(type) {
	case string:
		if strings.HasPrefix(n, "$") {
			return t.code(n, depth)
		}
		return node, nil // already boxed: no need to box n again
	case []any:
		if err := t.count(len(n)); err != nil {
			return nil, err
		}
		t.active = append(t.active, rawID(n))
		out := make([]any, len(n))
		for i, e := range n {
			t.enter(locSeg{index: i, kind: locIndex})
			v, err := t.value(e, depth+1)
			t.leave()
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		t.active = t.active[:len(t.active)-1]
		return out, nil
	case *jsonObject:
		return t.object(n, depth)
	}
	return node, nil // nil, bool, float64
}

// object decodes a raw object. A key may repeat in the text; the last one
// counts, so members are decoded from the last and a key already decoded is
// skipped.
func (t *treeReader) object(n *jsonObject, depth int) (any, error) {
	t.active = append(t.active, rawID(n))
	out := make(map[string]any, len(n.members))
	var undefined []string
	for i := len(n.members) - 1; i >= 0; i-- {
		m := n.members[i]
		if _, dup := out[m.key]; dup {
			continue
		}
		t.enter(locSeg{name: m.key, kind: locKey})
		v, err := t.value(m.val, depth+1)
		t.leave()
		if err != nil {
			return nil, err
		}
		if _, undef := v.(Undefined); undef {
			undefined = append(undefined, m.key)
		}
		out[m.key] = v
	}
	t.active = t.active[:len(t.active)-1]
	if err := t.count(len(out)); err != nil {
		return nil, err
	}
	for _, k := range undefined {
		delete(out, k) // as in JS, an undefined property is absent
	}
	return out, nil
}

func (t *treeReader) path(rw *row, id int, keys, path string, depth int) (any, error) {
	node, loc := rw.tree, formatHex(id)
	for _, k := range strings.Split(keys, ":") {
		if s, ok := node.(string); ok {
			nrw, next, ok, err := t.throughRow(s, path)
			if err != nil {
				return nil, err
			}
			if ok {
				node, loc = nrw.tree, formatHex(next)
			}
		}
		switch n := node.(type) {
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(n) {
				return nil, t.refErr(path, "a path steps outside an array")
			}
			node = n[i]
		case *jsonObject:
			v, ok := n.get(k)
			if !ok {
				return nil, t.refErr(path, "a path names a missing property")
			}
			node = v
		default:
			return nil, t.refErr(path, "a path steps into a value that is not an array or object")
		}
		loc += ":" + k
	}
	if t.activeNode(node) {
		return nil, t.refErr(loc, "a reference cycle")
	}
	t.enter(locSeg{name: loc, kind: locRoot})
	defer t.leave()
	return t.value(node, depth)
}
