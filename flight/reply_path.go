package flight

import (
	"strconv"
	"strings"
)

// replyPath is where the reply decoder stands, kept as a stack of steps.
// Its string, React's spelling of a path ("0:items:3": the part id in hex,
// then keys), is built only when an error or a temporary reference needs
// it: building one for every value cost more than most values themselves.
type replyPath struct {
	steps []pathStep
}

type stepKind uint8

const (
	stepPart  stepKind = iota // the root of part n: a path starts again here
	stepChunk                 // into a stream chunk, which React gives no path
	stepIndex                 // array element n
	stepKey                   // object property key
)

type pathStep struct {
	kind stepKind
	n    int
	key  string
}

func (p *replyPath) push(s pathStep) { p.steps = append(p.steps, s) }

func (p *replyPath) pop() { p.steps = p.steps[:len(p.steps)-1] }

// top is the innermost step, for a container to move it from slot to slot.
func (p *replyPath) top() *pathStep { return &p.steps[len(p.steps)-1] }

// start is the index of the innermost part root.
func (p *replyPath) start() int {
	for i := len(p.steps) - 1; i > 0; i-- {
		if p.steps[i].kind == stepPart {
			return i
		}
	}
	return 0
}

func (p *replyPath) String() string {
	var b strings.Builder
	b.Grow(p.len()) // once: a long path is built exactly, not by doubling
	var num [20]byte
	for _, s := range p.steps[p.start():] {
		b.Write(s.appendTo(num[:0]))
		if s.kind == stepKey {
			b.WriteString(s.key)
		}
	}
	return b.String()
}

// len is the length of String's result.
func (p *replyPath) len() int {
	n := 0
	var num [20]byte
	for _, s := range p.steps[p.start():] {
		n += len(s.appendTo(num[:0])) + len(s.key)
	}
	return n
}

// appendTo appends the step's separator and number; a key's text is left
// to the caller, to be written without a copy.
func (s pathStep) appendTo(b []byte) []byte {
	switch s.kind {
	case stepPart:
		return strconv.AppendInt(b, int64(s.n), 16)
	case stepIndex:
		return strconv.AppendInt(append(b, ':'), int64(s.n), 10)
	case stepKey:
		return append(b, ':')
	}
	return b
}

// ok reports whether React gives the value here a path, which a temporary
// reference needs: not inside a stream chunk, and not below a key holding
// ':' (it could not be told apart from the separator).
func (p *replyPath) ok() bool {
	for _, s := range p.steps[p.start():] {
		if s.kind == stepChunk || (s.kind == stepKey && strings.Contains(s.key, ":")) {
			return false
		}
	}
	return true
}
