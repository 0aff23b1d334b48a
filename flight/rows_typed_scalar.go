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
	c := sc.s[sc.i]
	switch plan.kind {
	case planString:
		if c != '"' || p.mayBeCode() {
			return false, nil
		}
	case planTime:
		if c != '"' || !strings.HasPrefix(sc.s[sc.i+1:], "$D") {
			return false, nil
		}
	case planBool:
		if c != 't' && c != 'f' {
			return false, nil
		}
	default:
		if c != '-' && (c < '0' || c > '9') {
			return false, nil
		}
	}
	// The bounds value and unmarshaler.value keep, for a leaf.
	if p.u.nodes++; p.u.nodes > DefaultMaxArraySlots || p.u.depth >= DefaultMaxDepth ||
		depth > p.limits.MaxDepth || depth > jsonMaxDepth {
		return true, errGiveUp
	}
	switch plan.kind {
	case planString:
		s, err := sc.readString()
		if err != nil {
			return true, err
		}
		*(*string)(ptr) = s
	case planTime:
		s, err := sc.readString()
		if err != nil {
			return true, err
		}
		t, err := parseISO(s[2:])
		if err != nil {
			return true, err
		}
		*(*time.Time)(ptr) = t
	case planBool:
		word := "false"
		if c == 't' {
			word = "true"
		}
		if err := sc.literal(word); err != nil {
			return true, err
		}
		*(*bool)(ptr) = c == 't'
	default:
		if n, ok := sc.plainInteger(); ok && plan.kind != planFloat {
			return true, setInt(ptr, plan, n)
		} else if ok {
			return true, setNumber(ptr, plan, float64(n))
		}
		f, err := sc.float()
		if err != nil {
			return true, err
		}
		return true, setNumber(ptr, plan, f)
	}
	return true, nil
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
