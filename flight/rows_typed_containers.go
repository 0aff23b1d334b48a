package flight

import (
	"reflect"
	"strings"
	"unsafe"
)

// This file reads row JSON arrays and objects into Go slices, arrays,
// structs and maps, for UnmarshalRows. As DecodeRows, it counts each
// container against MaxArraySlots and guards it against reference cycles;
// as Unmarshal, it matches properties to fields; and it gives up where
// reading in order cannot tell what they would do: a key given twice.

// Field states while an object is read into a struct.
const (
	fieldUnseen    uint8 = iota
	fieldUndefined       // its property is undefined: as if absent
	fieldSet
)

// slice reads an array into a fresh slice, cut to its length at the end
// as Unmarshal makes it. Its first capacity is the length of the last
// slice of the type (see typedPlan.lastLen), and it grows as append grows
// a slice.
func (p *rowsUnmarshaler) slice(dst reflect.Value, plan *typedPlan, depth int) error {
	plan.below()
	p.active = append(p.active, p.pos())
	// The elements are read in place at their addresses, the slice grown
	// as append grows one (its length kept in step only for Grow, which
	// copies that much), fresh: its capacity is cut to its length at the
	// end, as Unmarshal makes it.
	dst.SetZero()
	elem, size := plan.elem, plan.t.Elem().Size()
	var data unsafe.Pointer
	n := 0
	err := p.elements(func(int) error {
		if n == dst.Cap() {
			dst.SetLen(n)
			dst.Grow(max(plan.lengthHint(), n))
			data = dst.UnsafePointer()
		}
		n++
		return p.storeAt(unsafe.Add(data, uintptr(n-1)*size), elem, depth+1)
	})
	if err != nil {
		return err
	}
	switch {
	case n == 0:
		dst.Set(reflect.MakeSlice(plan.t, 0, 0)) // an empty array is an empty slice, not nil
	default:
		dst.SetLen(n)
		dst.SetCap(n)
	}
	plan.lastLen.Store(int64(n))
	return p.leaveContainer(n)
}

// array reads an array into a Go array of exactly its length.
func (p *rowsUnmarshaler) array(dst reflect.Value, plan *typedPlan, depth int) error {
	plan.below()
	p.active = append(p.active, p.pos())
	n := 0
	err := p.elements(func(i int) error {
		if i >= dst.Len() {
			return errGiveUp
		}
		n++
		return p.store(dst.Index(i), plan.elem, depth+1)
	})
	if err != nil {
		return err
	}
	if n != dst.Len() {
		return errGiveUp
	}
	return p.leaveContainer(n)
}

// object reads an object into a map with string keys. A property whose
// value is undefined is absent, as DecodeRows drops it.
func (p *rowsUnmarshaler) object(dst reflect.Value, plan *typedPlan, depth int) error {
	plan.below()
	p.active = append(p.active, p.pos())
	if dst.IsNil() {
		dst.Set(reflect.MakeMapWithSize(plan.t, p.keyCount(depth)))
	}
	kv := reflect.New(plan.t.Key()).Elem()
	ev := reflect.New(plan.t.Elem()).Elem()
	base := len(p.unmatched)
	defer p.forget(base)
	keys := 0
	err := p.eachMember(func(key string) error {
		keys++
		// The only properties kept aside here are undefined ones.
		if p.seenUnmatched(base, key) {
			return errGiveUp // a repeated key
		}
		ev.SetZero()
		if p.isDirect(plan.elem) {
			if err := p.store(ev, plan.elem, depth+1); err != nil {
				return err
			}
		} else {
			v, err := p.value(depth + 1)
			if err != nil {
				return err
			}
			if _, undef := v.(Undefined); undef {
				if kv.SetString(key); dst.MapIndex(kv).IsValid() {
					return errGiveUp // a repeated key
				}
				p.unmatched = append(p.unmatched, property{key: key, v: v})
				return nil
			}
			if err := p.u.value(v, ev); err != nil {
				return err
			}
		}
		kv.SetString(key)
		n := dst.Len()
		dst.SetMapIndex(kv, ev)
		if dst.Len() == n {
			return errGiveUp
		}
		return nil
	})
	if err != nil {
		return err
	}
	p.setKeyCount(depth, keys)
	return p.leaveContainer(keys)
}

// structure reads an object into a struct, matching properties to fields
// as Unmarshal does: exact names first, then, for the fields left, the
// least property that matches case-insensitively and names no field.
func (p *rowsUnmarshaler) structure(ptr unsafe.Pointer, plan *typedPlan, depth int) error {
	plan.below()
	p.active = append(p.active, p.pos())
	r := structRead{p: p, base: ptr, plan: plan, depth: depth + 1,
		states: len(p.fieldState), props: len(p.unmatched)}
	p.fieldState = append(p.fieldState, make([]uint8, len(plan.fields))...)
	keys, err := r.members()
	if err == nil {
		err = p.leaveContainer(keys)
	}
	if len(p.unmatched) > r.props {
		if err == nil {
			err = p.foldMatch(r.dst(), plan, r.states, r.props)
		}
		p.forget(r.props)
	}
	p.fieldState = p.fieldState[:r.states]
	return err
}

// structRead is one object being read into a struct.
type structRead struct {
	p     *rowsUnmarshaler
	base  unsafe.Pointer // where the struct is in memory
	plan  *typedPlan
	depth int // of the members' values
	// where the state of the fields and the properties kept aside start
	// in the unmarshaler's stacks
	states, props int
}

// dst is the struct, for reflect.
func (r *structRead) dst() reflect.Value { return reflect.NewAt(r.plan.t, r.base).Elem() }

// members reads the members of the object at the cursor, and returns how
// many there were. Objects of one shape mostly list their keys in the
// order of the fields, so a key spelled as the field after the last one
// found is taken as that field without being read as a string.
func (r *structRead) members() (int, error) {
	sc, fields := &r.p.sc, r.plan.fields
	if sc.opens('}') {
		return 0, nil
	}
	n, last := 0, -1
	if r.plan.leaves {
		var done bool
		var err error
		if n, last, done, err = r.leafMembers(); done || err != nil {
			return n, err
		}
	}
	for n++; ; n++ {
		var err error
		if i := last + 1; i < len(fields) && fields[i].key != nil && sc.hasKey(fields[i].key) {
			last = i
			err = r.field(i)
		} else if key, kerr := sc.key(); kerr != nil {
			return n, kerr
		} else if i = r.plan.fieldNamed(key); i >= 0 {
			last = i
			err = r.field(i)
		} else {
			err = r.unmatched(key)
		}
		if err != nil {
			return n, err
		}
		if sc.i < len(sc.s) && sc.s[sc.i] == ',' { // the usual case, at once
			sc.i++
			continue
		}
		more, err := sc.next('}')
		if !more || err != nil {
			return n, err
		}
	}
}

// unmatched keeps aside the value at the cursor, of a member whose key
// names no field exactly.
func (r *structRead) unmatched(key string) error {
	p := r.p
	if p.seenUnmatched(r.props, key) {
		return errGiveUp // a repeated key
	}
	v, err := p.value(r.depth)
	p.unmatched = append(p.unmatched, property{key: key, v: v})
	return err
}

// field reads the value at the cursor into field i, which its member's
// key names exactly.
func (r *structRead) field(i int) error {
	p := r.p
	state := &p.fieldState[r.states+i]
	if *state != fieldUnseen {
		return errGiveUp // a repeated key
	}
	*state = fieldSet
	f := &r.plan.fields[i]
	if f.leaf {
		if handled, err := p.scalar(unsafe.Add(r.base, f.offset), f.plan, r.depth); handled {
			return err
		}
	} else if p.isDirect(f.plan) {
		fv, err := p.u.fieldByIndex(r.dst(), f.index)
		if err != nil {
			return err
		}
		return p.store(fv, f.plan, r.depth)
	}
	v, err := p.value(r.depth)
	if err != nil {
		return err
	}
	if _, undef := v.(Undefined); undef {
		p.fieldState[r.states+i] = fieldUndefined // as if absent
		return nil
	}
	return p.u.field(f.field, f.name, v, r.dst())
}

// foldMatch gives each field no property named exactly the least property
// that names it case-insensitively and names no field exactly.
func (p *rowsUnmarshaler) foldMatch(dst reflect.Value, plan *typedPlan, states, base int) error {
	props := p.unmatched[base:]
	if len(props) == 0 {
		return nil
	}
	for i := range plan.fields {
		if p.fieldState[states+i] == fieldSet {
			continue
		}
		f := &plan.fields[i]
		best := -1
		for j, prop := range props {
			if _, undef := prop.v.(Undefined); undef || !strings.EqualFold(prop.key, f.name) {
				continue
			}
			if best < 0 || prop.key < props[best].key {
				best = j
			}
		}
		if best >= 0 {
			if err := p.u.field(f.field, props[best].key, props[best].v, dst); err != nil {
				return err
			}
		}
	}
	return nil
}

// seenUnmatched reports whether the object being read has had a property
// key kept aside before.
func (p *rowsUnmarshaler) seenUnmatched(base int, key string) bool {
	for _, prop := range p.unmatched[base:] {
		if prop.key == key {
			return true
		}
	}
	return false
}

// forget drops the unmatched properties of the object read last.
func (p *rowsUnmarshaler) forget(base int) {
	clear(p.unmatched[base:])
	p.unmatched = p.unmatched[:base]
}
