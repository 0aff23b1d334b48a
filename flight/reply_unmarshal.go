package flight

import (
	"fmt"
	"io"
	"reflect"
)

// UnmarshalReplyArgs reads a reply as [DecodeReply] does, whose root is the
// array of a call's arguments, and stores the arguments in what dsts point
// to as [UnmarshalArgs] does: the results and the errors are those of
// UnmarshalArgs(DecodeReply(…), dsts...), and a root that is not an array
// is a *DecodeError of rule "type". n is how many arguments the reply
// holds, also when one does not fit its destination, and 0 when the reply
// could not be decoded; those beyond dsts are decoded and checked, not
// stored. It is what a server calls to turn a request into the parameters
// of a Go function.
//
// When every destination is its zero value, the usual case, a reply made
// of its root part alone (what React's encodeReply sends as text/plain
// when the arguments are plain values, dates and bigints) is read straight
// into them: a decoded tree is built only for what the Go types do not say
// (an any, a type with its own UnmarshalJSON). Anything else is decoded
// whole first.
//
// Each dst must be a non-nil pointer; that is checked before body is read.
// On an error, what they point to may be partly filled.
func UnmarshalReplyArgs(body io.Reader, contentType string, limits Limits, dsts ...any) (n int, err error) {
	targets := make([]reflect.Value, len(dsts))
	zero := true
	for i, dst := range dsts {
		rv := reflect.ValueOf(dst)
		if rv.Kind() != reflect.Pointer || rv.IsNil() {
			return 0, fmt.Errorf("flight: UnmarshalReplyArgs needs non-nil pointers, destination %d is %s", i+1, goTypeName(dst))
		}
		targets[i] = rv.Elem()
		zero = zero && targets[i].IsZero()
	}
	lim := limits.withDefaults()
	fields, err := readBody(body, contentType, lim, true)
	if err != nil {
		return 0, err
	}
	if root, ok := onlyRoot(fields); ok && zero && !noArguments(fields) {
		if n, err := newReplyUnmarshaler(root, lim).args(targets); err == nil {
			return n, nil
		}
		// Back to the zero values they were, so that the careful way
		// starts where the fast one did.
		for _, t := range targets {
			t.SetZero()
		}
	}
	v, err := decodeFields(fields, lim)
	if err != nil {
		return 0, err
	}
	args, ok := v.([]any)
	if !ok {
		return 0, decodeErr(RuleType, "", "the reply's root is %s, not an array of arguments", typeName(v))
	}
	return len(args), UnmarshalArgs(args, dsts...)
}

func newReplyUnmarshaler(root string, l Limits) *rowsUnmarshaler {
	p := &rowsUnmarshaler{}
	newReplyReader(&p.inPlaceReader, root, l)
	p.fieldState = p.stateRoom[:0]
	return p
}

// args reads the root array of a reply into dsts, zero values, one
// argument each, and returns how many it holds. Any error means only that
// the careful way must decide.
func (p *rowsUnmarshaler) args(dsts []reflect.Value) (int, error) {
	old, err := p.seek(p.rows[0])
	if err != nil {
		return 0, err
	}
	defer p.restore(old)
	p.sc.skipSpace()
	if p.sc.i >= len(p.sc.s) || p.sc.s[p.sc.i] != '[' {
		return 0, errGiveUp
	}
	p.active = append(p.active, p.pos())
	n := 0
	err = p.elements(func(i int) error {
		n++
		if i >= len(dsts) {
			_, err := p.value(1)
			return err
		}
		// Each argument is a root of its own, as UnmarshalArgs has it.
		p.u.arg, p.u.depth, p.u.path = i+1, 0, p.u.path[:0]
		return p.store(dsts[i], planOf(dsts[i].Type()), 1)
	})
	if err != nil {
		return 0, err
	}
	if err := p.leaveContainer(n); err != nil {
		return 0, err
	}
	return n, p.end()
}
