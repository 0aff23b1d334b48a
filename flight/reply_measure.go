package flight

import (
	"math"
	"math/big"
)

// measure is the size a decoded value would have if every shared reference
// were a copy: slots counts elements, properties and entries (MaxArraySlots),
// bytes counts string, bigint and binary content (bounded by MaxTotalBytes,
// so references cannot make the content outgrow the body), height counts
// nesting levels (MaxDepth).
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
func (d *decoder) check(m measure, path string) error {
	switch {
	case m.slots > int64(d.lim.MaxArraySlots):
		return decodeErr("MaxArraySlots", path, "the value expands to more than %d slots", d.lim.MaxArraySlots)
	case m.bytes > d.lim.MaxTotalBytes:
		return decodeErr("MaxTotalBytes", path, "the value expands to more than %d bytes of content", d.lim.MaxTotalBytes)
	case m.height > d.lim.MaxDepth:
		return decodeErr("MaxDepth", path, "the value nests more than %d levels deep", d.lim.MaxDepth)
	}
	return nil
}

// record remembers the measure of an outlined value and checks it.
func (d *decoder) record(v any, m measure, path string) error {
	if id, ok := identOf(v); ok {
		d.measures[id] = m
	}
	return d.check(m, path)
}

// measureOf returns a decoded value's measure; containers and outlined
// values have theirs memoised.
func (d *decoder) measureOf(v any) measure {
	switch x := v.(type) {
	case string:
		return measure{bytes: int64(len(x))}
	case *big.Int:
		return measure{bytes: int64(x.BitLen()/3 + 1)}
	case map[string]any, []any:
		if c := d.containerOf(v); c != nil {
			return c.m
		}
		return measure{height: 1}
	case ArrayBuffer:
		return measure{bytes: int64(len(x))}
	case Int8Array:
		return measure{bytes: int64(len(x))}
	case Uint8Array:
		return measure{bytes: int64(len(x))}
	case Uint8ClampedArray:
		return measure{bytes: int64(len(x))}
	case DataView:
		return measure{bytes: int64(len(x))}
	case Int16Array:
		return measure{bytes: 2 * int64(len(x))}
	case Uint16Array:
		return measure{bytes: 2 * int64(len(x))}
	case Int32Array:
		return measure{bytes: 4 * int64(len(x))}
	case Uint32Array:
		return measure{bytes: 4 * int64(len(x))}
	case Float32Array:
		return measure{bytes: 4 * int64(len(x))}
	case Float64Array:
		return measure{bytes: 8 * int64(len(x))}
	case BigInt64Array:
		return measure{bytes: 8 * int64(len(x))}
	case BigUint64Array:
		return measure{bytes: 8 * int64(len(x))}
	}
	if id, ok := identOf(v); ok {
		return d.measures[id]
	}
	return measure{}
}
