package flight

import (
	"reflect"
	"unsafe"
)

// This file reads one value of row JSON into a typed Go value, for
// UnmarshalRows: straight from the text where the plan of the Go type and
// the JSON there allow it, else by decoding the dynamic value as DecodeRows
// does and storing it by Unmarshal's rules. Either way the value is counted
// against both their bounds, and anything they would refuse makes it give
// up: its errors only say that the careful way must decide.

// store reads the value at the cursor into dst, whose type's plan is plan,
// as Unmarshal stores what DecodeRows decodes there. dst is addressable:
// UnmarshalRows only ever fills what a pointer points to.
func (p *rowsUnmarshaler) store(dst reflect.Value, plan *typedPlan, depth int) error {
	if plan.scalar() {
		if handled, err := p.scalar(dst.Addr().UnsafePointer(), plan, depth); handled {
			return err
		}
	} else if p.isDirect(plan) {
		return p.container(dst, plan, depth)
	}
	return p.dynamic(dst, depth)
}

// storeAt is store for the value of plan's type at ptr, reading the
// elements of slices and arrays, and structs, without reflect.Value for
// the common kinds.
func (p *rowsUnmarshaler) storeAt(ptr unsafe.Pointer, plan *typedPlan, depth int) error {
	switch {
	case plan.scalar():
		if handled, err := p.scalar(ptr, plan, depth); handled {
			return err
		}
	case plan.kind == planStruct:
		if p.isDirect(plan) {
			if err := p.enterNode(depth); err != nil {
				return err
			}
			err := p.structure(ptr, plan, depth)
			p.u.depth--
			return err
		}
	default:
		return p.store(reflect.NewAt(plan.t, ptr).Elem(), plan, depth)
	}
	return p.dynamic(reflect.NewAt(plan.t, ptr).Elem(), depth)
}

// dynamic reads the value at the cursor as DecodeRows does and stores it
// in dst by Unmarshal's rules.
func (p *rowsUnmarshaler) dynamic(dst reflect.Value, depth int) error {
	v, err := p.value(depth)
	if err != nil {
		return err
	}
	return p.u.value(v, dst)
}

// isDirect reports whether the JSON at the cursor goes straight into a
// container (or pointer) of plan's type; scalar decides for the rest.
// Strings that may be "$" codes (an escape could spell the '$') and nulls
// are left to the dynamic way.
func (p *rowsUnmarshaler) isDirect(plan *typedPlan) bool {
	sc := &p.sc
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return false
	}
	c := sc.s[sc.i]
	switch plan.kind {
	case planPointer:
		return c != 'n' && (c != '"' || !p.mayBeCode())
	case planSlice, planArray:
		return c == '['
	case planStruct, planMap:
		return c == '{'
	}
	return false
}

// mayBeCode reports whether the string at the cursor may start with '$'.
func (p *rowsUnmarshaler) mayBeCode() bool { return mayBeCodeAt(p.sc.s, p.sc.i) }

// enterNode counts the value at the cursor as DecodeRows and Unmarshal
// count it; the caller goes back up with p.u.depth--.
func (p *rowsUnmarshaler) enterNode(depth int) error {
	if depth > p.limits.MaxDepth || depth > jsonMaxDepth || p.containerTooDeep(depth) {
		return errGiveUp
	}
	return p.u.enterNode()
}

// container reads the array or object at the cursor, which isDirect
// accepted for plan, into dst; a pointer goes to what it points to.
func (p *rowsUnmarshaler) container(dst reflect.Value, plan *typedPlan, depth int) error {
	if err := p.enterNode(depth); err != nil {
		return err
	}
	defer func() { p.u.depth-- }()
	plan.below()
	switch plan.kind {
	case planPointer:
		if dst.IsNil() {
			dst.Set(reflect.New(plan.t.Elem()))
		}
		return p.store(dst.Elem(), plan.elem, depth)
	case planSlice:
		return p.slice(dst, plan, depth)
	case planArray:
		return p.array(dst, plan, depth)
	case planStruct:
		return p.structure(dst.Addr().UnsafePointer(), plan, depth)
	}
	return p.object(dst, plan, depth)
}
