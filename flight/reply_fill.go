package flight

import (
	"slices"
	"sort"
	"strings"
)

// This file revives arrays and objects. An array is revived in place: the
// scanner's []any, in the box it came in, becomes the decoded array, so the
// decoder allocates nothing for it. An object becomes a new map.
//
// No bookkeeping is kept per container. A path reference can only step into
// finished containers, and into the root of a part being revived, as React
// lets a reference point forward into its own part: only that root keeps
// the state of each slot (rootFill).

// fillArray revives the elements of a raw array in place.
func (d *decoder) fillArray(arr []any) (measure, error) {
	var m measure
	pushed := false
	for i, raw := range arr {
		if plain, ok := isPlain(raw); ok { // most elements: nothing to do
			m.addChild(plain)
			continue
		}
		if !pushed {
			d.path.push(pathStep{kind: stepIndex})
			pushed = true
		}
		d.path.top().n = i
		v, cm, err := d.revive(raw)
		if err != nil {
			return m, err
		}
		arr[i] = v
		m.addChild(cm)
	}
	if pushed {
		d.path.pop()
	}
	return m, d.check(m)
}

// fillObject revives a raw object into a new map.
func (d *decoder) fillObject(o *jsonObject) (any, measure, error) {
	sortMembers(o.members)
	out := make(map[string]any, len(o.members))
	var m measure
	pushed := false
	for i, mem := range o.members {
		if !lastOfName(o.members, i) {
			continue
		}
		v := mem.val
		cm, plain := isPlain(v)
		if !plain {
			if !pushed {
				d.path.push(pathStep{kind: stepKey})
				pushed = true
			}
			d.path.top().key = mem.key
			var err error
			if v, cm, err = d.revive(v); err != nil {
				return nil, m, err
			}
		}
		if _, undef := v.(Undefined); undef {
			continue // as in JS, an undefined property is absent
		}
		out[mem.key] = v
		m.addChild(cm)
	}
	if pushed {
		d.path.pop()
	}
	return out, m, d.check(m)
}

// sortMembers orders an object's members by key before they are revived,
// as they always were (errors stay deterministic whatever the JSON order),
// keeping the text order of a repeated name, whose last member counts (as
// with encoding/json).
func sortMembers(members []jsonMember) {
	if len(members) > 1 {
		slices.SortStableFunc(members, func(a, b jsonMember) int { return strings.Compare(a.key, b.key) })
	}
}

func lastOfName(sorted []jsonMember, i int) bool {
	return i+1 == len(sorted) || sorted[i+1].key != sorted[i].key
}

// rootFill is the root array or object of a part being revived.
type rootFill struct {
	arr    []any          // a root array, revived in place; or
	obj    *jsonObject    // a root object's members, sorted,
	out    map[string]any // and the map they are revived into
	states []slotState    // of each element or member
}

type slotState uint8

const (
	slotPending slotState = iota
	slotReviving
	slotDone
)

// reviveRoot revives the root value of part pm.
func (d *decoder) reviveRoot(pm *partModel, raw any) (any, measure, error) {
	switch x := raw.(type) {
	case []any:
		pm.root = &rootFill{arr: x, states: make([]slotState, len(x))}
		m, err := d.fillRoot(pm)
		return raw, m, err
	case *jsonObject:
		sortMembers(x.members)
		pm.root = &rootFill{obj: x, out: make(map[string]any, len(x.members)), states: make([]slotState, len(x.members))}
		m, err := d.fillRoot(pm)
		return pm.root.out, m, err
	}
	return d.revive(raw)
}

// fillRoot revives every slot of a root that a reference has not revived
// already, in order.
func (d *decoder) fillRoot(pm *partModel) (measure, error) {
	r := pm.root
	var m measure
	for i, st := range r.states {
		if r.obj != nil && !lastOfName(r.obj.members, i) {
			continue
		}
		raw := r.raw(i)
		if st == slotDone { // revived by a reference
			if v, ok := r.value(i); ok {
				m.addChild(d.measureOf(v))
			}
			continue
		}
		if plain, ok := isPlain(raw); ok {
			r.set(i, raw)
			m.addChild(plain)
			continue
		}
		v, cm, err := d.reviveRootSlot(pm, i)
		if err != nil {
			return m, err
		}
		if _, undef := v.(Undefined); !undef || r.obj == nil {
			m.addChild(cm)
		}
	}
	return m, d.check(m)
}

// rootSlot is one step of a path into the root of a part being revived:
// a slot not revived yet is revived now, at its own path.
func (d *decoder) rootSlot(pm *partModel, key, ref string) (any, error) {
	r := pm.root
	var i int
	var ok bool
	if r.obj != nil {
		i, ok = lastMember(r.obj.members, key)
	} else {
		i, ok = arrayIndex(key, len(r.arr))
	}
	if !ok {
		return nil, d.invalidRef(ref, key)
	}
	var v any
	switch r.states[i] {
	case slotReviving:
		return nil, d.errAt(RuleReference, "reference cycle through %q", truncate(ref))
	case slotDone:
		if v, ok = r.value(i); !ok {
			return nil, d.invalidRef(ref, key)
		}
		return v, nil
	}
	if _, ok := isPlain(r.raw(i)); ok {
		return r.raw(i), nil
	}
	v, _, err := d.reviveRootSlot(pm, i)
	if err != nil {
		return nil, err
	}
	if _, undef := v.(Undefined); undef && r.obj != nil {
		return nil, d.invalidRef(ref, key)
	}
	return v, nil
}

// reviveRootSlot revives slot i of a root at the slot's own path, wherever
// the decoder stood: that is the path a temporary reference in it gets.
func (d *decoder) reviveRootSlot(pm *partModel, i int) (any, measure, error) {
	r := pm.root
	step := pathStep{kind: stepIndex, n: i}
	if r.obj != nil {
		step = pathStep{kind: stepKey, key: r.obj.members[i].key}
	}
	r.states[i] = slotReviving
	d.path.push(pathStep{kind: stepPart, n: pm.id})
	d.path.push(step)
	v, m, err := d.revive(r.raw(i))
	if err != nil {
		return nil, m, err
	}
	d.path.pop()
	d.path.pop()
	r.states[i] = slotDone
	r.set(i, v)
	return v, m, nil
}

// raw is slot i's raw JSON value, or its value once revived (in an array).
func (r *rootFill) raw(i int) any {
	if r.obj != nil {
		return r.obj.members[i].val
	}
	return r.arr[i]
}

// set stores slot i's decoded value; an undefined property is absent.
func (r *rootFill) set(i int, v any) {
	if r.obj == nil {
		r.arr[i] = v
		return
	}
	if _, undef := v.(Undefined); !undef {
		r.out[r.obj.members[i].key] = v
	}
}

// value returns slot i's decoded value, false for a dropped property.
func (r *rootFill) value(i int) (any, bool) {
	if r.obj == nil {
		return r.arr[i], true
	}
	v, ok := r.out[r.obj.members[i].key]
	return v, ok
}

// lastMember finds the member that counts for key among sorted members.
func lastMember(sorted []jsonMember, key string) (int, bool) {
	i := sort.Search(len(sorted), func(j int) bool { return sorted[j].key > key }) - 1
	return i, i >= 0 && sorted[i].key == key
}
