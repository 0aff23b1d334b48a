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
	p.sc.skipSpace()
	end, handled, err := p.leafAt(p.sc.s, p.sc.i, ptr, plan, depth)
	if handled && err == nil {
		p.sc.i = end
	}
	return handled, err
}

// leafAt is scalar for the value at s[i], s being the text the cursor is
// in, with the position in a variable rather than the cursor: it returns
// where the value ends.
func (p *rowsUnmarshaler) leafAt(s string, i int, ptr unsafe.Pointer, plan *typedPlan, depth int) (end int, handled bool, err error) {
	if i >= len(s) {
		return i, false, nil
	}
	switch c := s[i]; plan.kind {
	case planString:
		if c != '"' || mayBeCodeAt(s, i) {
			return i, false, nil
		}
		if !p.leaf(depth) {
			return i, true, errGiveUp
		}
		str, end, err := p.stringAt(s, i)
		if err == nil {
			err = p.addContent(len(str))
		}
		*(*string)(ptr) = str
		return end, true, err
	case planTime:
		if c != '"' || !strings.HasPrefix(s[i+1:], "$D") {
			return i, false, nil
		}
		if !p.leaf(depth) {
			return i, true, errGiveUp
		}
		// "$D" and the 24 characters toISOString writes for most dates:
		// parseISOFast checks every one of them, so the literal is plain.
		if end := i + 28; end <= len(s) && s[end-1] == '"' {
			if t, ok := parseISOFast(s[i+3 : end-1]); ok {
				*(*time.Time)(ptr) = t
				return end, true, nil
			}
		}
		str, end, err := p.stringAt(s, i)
		if err != nil {
			return end, true, err
		}
		t, ok := p.date(str[2:])
		if !ok {
			return end, true, errGiveUp
		}
		*(*time.Time)(ptr) = t
		return end, true, nil
	case planBool:
		if c != 't' && c != 'f' {
			return i, false, nil
		}
		if !p.leaf(depth) {
			return i, true, errGiveUp
		}
		word := "false"
		if c == 't' {
			word = "true"
		}
		if !strings.HasPrefix(s[i:], word) {
			return i, true, errGiveUp // not JSON: the careful way says why
		}
		*(*bool)(ptr) = c == 't'
		return i + len(word), true, nil
	}
	if c := s[i]; c != '-' && (c < '0' || c > '9') {
		return i, false, nil
	}
	if !p.leaf(depth) {
		return i, true, errGiveUp
	}
	return p.numberAt(s, i, ptr, plan)
}

// mayBeCodeAt reports whether the string literal at s[i] may start with
// '$' (an escape could spell it).
func mayBeCodeAt(s string, i int) bool {
	return i+1 < len(s) && (s[i+1] == '$' || s[i+1] == '\\')
}

// leaf counts a scalar against the bounds value and unmarshaler.value
// keep, and reports whether it is within them.
func (p *rowsUnmarshaler) leaf(depth int) bool {
	p.u.nodes++
	return p.u.nodes <= DefaultMaxArraySlots && p.u.depth < DefaultMaxDepth &&
		depth <= p.limits.MaxDepth && depth <= jsonMaxDepth
}

// stringAt reads the string literal at s[i]: a plain one where it lies,
// any other as strValue does.
func (p *rowsUnmarshaler) stringAt(s string, i int) (str string, end int, err error) {
	if str, end, ok := plainStringAt(s, i); ok {
		return str, end, nil
	}
	p.sc.i = i
	str, err = p.sc.strValue()
	return str, p.sc.i, err
}

// numberAt reads the number at s[i] into the number of plan's kind at ptr.
func (p *rowsUnmarshaler) numberAt(s string, i int, ptr unsafe.Pointer, plan *typedPlan) (end int, handled bool, err error) {
	if n, end, ok := plainIntegerAt(s, i); ok && plan.kind != planFloat {
		return end, true, setInt(ptr, plan, n)
	} else if ok {
		return end, true, setNumber(ptr, plan, float64(n))
	}
	p.sc.i = i
	f, err := p.sc.float()
	if err != nil {
		return p.sc.i, true, err
	}
	return p.sc.i, true, setNumber(ptr, plan, f)
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
