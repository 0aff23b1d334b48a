package flight

import (
	"math"
	"math/big"
	"reflect"
	"unsafe"
)

// measure is the size a decoded value would have if every shared reference
// were a copy: slots counts elements, properties and entries (MaxArraySlots),
// bytes counts string, bigint and binary content (bounded by MaxTotalBytes,
// so references cannot make the content outgrow the body), height counts
// nesting levels (MaxDepth).
//
// A container's measure is summed as it is revived (reply_fill.go). A value
// reached by a reference is measured again from its decoded form by
// measureOf, which is the definition the sums follow. Measuring again could
// cost a walk per reference, so values whose walk is long are remembered:
// see memoVisits.
type measure struct {
	slots, bytes int64
	height       int
}

// addChild adds one slot holding a value of measure c.
func (m *measure) addChild(c measure) {
	m.slots = satAdd(satAdd(m.slots, 1), c.slots)
	m.bytes = satAdd(m.bytes, c.bytes)
	m.height = max(m.height, c.height+1)
}

// wrapMeasure is the measure of a one-value wrapper such as a Promise.
func wrapMeasure(c measure) measure {
	c.height++
	return c
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// check refuses a value whose measure is beyond the limits.
func (d *decoder) check(m measure) error {
	switch {
	case m.slots > int64(d.lim.MaxArraySlots):
		return d.errAt("MaxArraySlots", "the value expands to more than %d slots", d.lim.MaxArraySlots)
	case m.bytes > d.lim.MaxTotalBytes:
		return d.errAt("MaxTotalBytes", "the value expands to more than %d bytes of content", d.lim.MaxTotalBytes)
	case m.height > d.lim.MaxDepth:
		return d.errAt("MaxDepth", "the value nests more than %d levels deep", d.lim.MaxDepth)
	}
	return nil
}

// memoVisits is how many values measuring one must visit for its measure to
// be remembered. Remembering every container would cost a map entry each,
// more than most containers; remembering none would let each reference walk
// a large value again. With this rule a walk either visits fewer than
// memoVisits values or ends with the value remembered, never walked again:
// the walks of a decode visit at most memoVisits values per reference and
// per slot decoded, and remember at most one value per memoVisits visits.
const memoVisits = 16

// remember records v's measure for the walks to come.
func (d *decoder) remember(v any, m measure) {
	d.rememberAt(identOf(v), m)
}

func (d *decoder) rememberAt(id unsafe.Pointer, m measure) {
	if id == nil {
		return
	}
	if d.measured == nil {
		d.measured = map[unsafe.Pointer]measure{}
	}
	d.measured[id] = m
}

// measureOf returns a decoded value's measure.
func (d *decoder) measureOf(v any) measure {
	m, _ := d.measureVisits(v)
	return m
}

// measureVisits returns v's measure and how many values measuring it again
// would visit: one once it is remembered.
func (d *decoder) measureVisits(v any) (measure, int) {
	switch x := v.(type) {
	case string:
		return measure{bytes: int64(len(x))}, 1
	case *big.Int:
		return measure{bytes: int64(x.BitLen()/3 + 1)}, 1
	case *File:
		return measure{bytes: x.Size()}, 1
	case []any, map[string]any, *Map, *Set, *Iterator, *Promise, *FormData, *ServerRef, *Stream:
		return d.measureComposite(v)
	}
	if size, ok := binarySize(v); ok {
		return measure{bytes: size}, 1
	}
	return measure{}, 1 // numbers, booleans, null, undefined, dates, temporary references
}

// measureComposite measures a value that holds other values: arrays,
// objects and server references as containers of their values, the other
// outlined values as a wrapper (one level more) around their entries.
func (d *decoder) measureComposite(v any) (measure, int) {
	switch x := v.(type) {
	case []any:
		return d.measureArray(x)
	case *ServerRef:
		// Its bound arguments are the array they were decoded into
		// (boundArgs), whose measure may be remembered already.
		return d.measureArray(x.Bound)
	case *Stream:
		// Always remembered when read (reply_stream.go): its measure
		// counts a close value a value stream does not keep.
		return d.measured[unsafe.Pointer(x)], 1
	}
	id := identOf(v)
	if m, ok := d.measured[id]; ok {
		return m, 1
	}
	var m measure
	visits := 1
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			cm, n := d.measureVisits(e)
			m.addChild(cm)
			visits += n
		}
	case *Promise:
		cm, n := d.measureVisits(x.Value)
		m, visits = wrapMeasure(cm), visits+n
	case *Set:
		m, visits = d.sumValues(x.Values)
		m = wrapMeasure(m)
	case *Iterator:
		m, visits = d.sumValues(x.Values)
		m = wrapMeasure(m)
	case *Map:
		for _, e := range x.Entries {
			km, kn := d.measureVisits(e.Key)
			vm, vn := d.measureVisits(e.Value)
			var em measure
			em.addChild(km)
			em.addChild(vm)
			m.addChild(em)
			visits += kn + vn
		}
		m = wrapMeasure(m)
	case *FormData:
		for _, e := range x.Entries {
			size := int64(len(e.Name) + len(e.Value))
			if e.File != nil {
				size += e.File.Size()
			}
			m.addChild(measure{bytes: size})
		}
		m, visits = wrapMeasure(m), visits+len(x.Entries)
	}
	if visits >= memoVisits {
		d.rememberAt(id, m)
		visits = 1
	}
	return m, visits
}

// measureArray measures an array as a container of its values.
func (d *decoder) measureArray(arr []any) (measure, int) {
	var id unsafe.Pointer
	if cap(arr) > 0 {
		id = unsafe.Pointer(unsafe.SliceData(arr))
		if m, ok := d.measured[id]; ok {
			return m, 1
		}
	}
	m, visits := d.sumValues(arr)
	if visits >= memoVisits {
		d.rememberAt(id, m)
		visits = 1
	}
	return m, visits
}

// sumValues adds up values held side by side, and the visits it took.
func (d *decoder) sumValues(values []any) (measure, int) {
	var m measure
	visits := 1
	for _, e := range values {
		cm, n := d.measureVisits(e)
		m.addChild(cm)
		visits += n
	}
	return m, visits
}

// identOf is the identity of a decoded array, object or outlined value:
// the address of its elements, map or struct. Every array the decoder makes
// has capacity, so none shares an address with another (see
// jsonScanner.distinctEmptyArrays). nil for anything else.
func identOf(v any) unsafe.Pointer {
	switch x := v.(type) {
	case []any:
		if cap(x) > 0 {
			return unsafe.Pointer(unsafe.SliceData(x))
		}
	case map[string]any, *Map, *Set, *Iterator, *Promise, *FormData, *Stream:
		return reflect.ValueOf(x).UnsafePointer()
	}
	return nil
}
