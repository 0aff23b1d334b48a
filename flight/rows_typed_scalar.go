package flight

import (
	"strings"
	"time"
	"unsafe"
)

// This file writes strings, numbers, booleans and Dates from row JSON
// straight into Go memory, for UnmarshalRows. They are most of what a typed
// response holds, and reflect's setters, with their checks, cost more than
// the rest of reading them; the plan has already checked the Go type, so
// each value is written as the type's own size and layout (an int of 32
// bits as an int32 …), which is what reflect would do.

// scalar reads the value at the cursor into the value of plan's kind at
// ptr, when the JSON there is of a kind the plan takes directly; handled
// is false, and nothing read, when it is not (a null, a "$" code …).
func (p *rowsUnmarshaler) scalar(ptr unsafe.Pointer, plan *typedPlan, depth int) (handled bool, err error) {
	sc := &p.sc
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return false, nil
	}
	switch c := sc.s[sc.i]; plan.kind {
	case planString:
		if c != '"' || p.mayBeCode() {
			return false, nil
		}
		if !p.leaf(depth) {
			return true, errGiveUp
		}
		s, err := sc.readString()
		*(*string)(ptr) = s
		return true, err
	case planTime:
		if c != '"' || !strings.HasPrefix(sc.s[sc.i+1:], "$D") {
			return false, nil
		}
		if !p.leaf(depth) {
			return true, errGiveUp
		}
		return true, p.date((*time.Time)(ptr))
	case planBool:
		if c != 't' && c != 'f' {
			return false, nil
		}
		if !p.leaf(depth) {
			return true, errGiveUp
		}
		*(*bool)(ptr) = c == 't'
		if c == 't' {
			return true, sc.literal("true")
		}
		return true, sc.literal("false")
	}
	if c := sc.s[sc.i]; c != '-' && (c < '0' || c > '9') {
		return false, nil
	}
	if !p.leaf(depth) {
		return true, errGiveUp
	}
	return true, p.number(ptr, plan)
}

// leaf counts a scalar against the bounds value and unmarshaler.value
// keep, and reports whether it is within them.
func (p *rowsUnmarshaler) leaf(depth int) bool {
	p.u.nodes++
	return p.u.nodes <= DefaultMaxArraySlots && p.u.depth < DefaultMaxDepth &&
		depth <= p.limits.MaxDepth && depth <= jsonMaxDepth
}

// date reads the "$D" string at the cursor into t.
func (p *rowsUnmarshaler) date(t *time.Time) error {
	s, err := p.sc.readString()
	if err != nil {
		return err
	}
	d, err := parseISO(s[2:])
	*t = d
	return err
}

// number reads the number at the cursor into the number of plan's kind
// at ptr.
func (p *rowsUnmarshaler) number(ptr unsafe.Pointer, plan *typedPlan) error {
	if n, ok := p.sc.plainInteger(); ok && plan.kind != planFloat {
		return setInt(ptr, plan, n)
	} else if ok {
		return setNumber(ptr, plan, float64(n))
	}
	f, err := p.sc.float()
	if err != nil {
		return err
	}
	return setNumber(ptr, plan, f)
}

// setInt stores integer n at ptr, an integer kind, when it is in range; n
// is a plain integer, exact in a float64, so it is in int64's range.
func setInt(ptr unsafe.Pointer, plan *typedPlan, n int64) error {
	if plan.kind == planUint {
		if n < 0 || plan.bits < 64 && n>>plan.bits != 0 {
			return errGiveUp
		}
	} else if plan.bits < 64 && n<<(64-plan.bits)>>(64-plan.bits) != n {
		return errGiveUp
	}
	putBits(ptr, plan.bits, uint64(n))
	return nil
}

// setNumber stores x at ptr when Unmarshal would: integral and in range
// for an integer kind, in range for a float kind.
func setNumber(ptr unsafe.Pointer, plan *typedPlan, x float64) error {
	switch plan.kind {
	case planInt:
		if !isIntegral(x) || !intInRange(x, plan.bits) {
			return errGiveUp
		}
		putBits(ptr, plan.bits, uint64(int64(x)))
	case planUint:
		if !isIntegral(x) || !uintInRange(x, plan.bits) {
			return errGiveUp
		}
		putBits(ptr, plan.bits, uint64(x))
	default:
		if !floatInRange(x, plan.bits) {
			return errGiveUp
		}
		if plan.bits == 32 {
			*(*float32)(ptr) = float32(x)
		} else {
			*(*float64)(ptr) = x
		}
	}
	return nil
}

// putBits writes the low bits of n at ptr, an integer of that size: the
// same bytes for a signed and an unsigned kind.
func putBits(ptr unsafe.Pointer, bits int, n uint64) {
	switch bits {
	case 8:
		*(*uint8)(ptr) = uint8(n)
	case 16:
		*(*uint16)(ptr) = uint16(n)
	case 32:
		*(*uint32)(ptr) = uint32(n)
	default:
		*(*uint64)(ptr) = n
	}
}
