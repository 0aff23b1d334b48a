package flight

// This file moves the in-place reader's cursor: from row to row as
// references are followed, and through the members and elements of the
// containers it reads.

// saved is where the cursor was before it moved to another row.
type saved struct {
	s       string
	i, base int
}

// seek moves the cursor to the start of rw's JSON text, charging the text
// to the budget.
func (p *inPlaceReader) seek(rw *row) (saved, error) {
	old := saved{s: p.sc.s, i: p.sc.i, base: p.base}
	if p.budget -= len(rw.json); p.budget < 0 {
		return old, errGiveUp
	}
	p.sc.s, p.sc.i, p.base = rw.json, 0, rw.at
	p.sc.depth, p.sc.maxDepth = 0, jsonMaxDepth
	return old, nil
}

func (p *inPlaceReader) restore(old saved) {
	p.sc.s, p.sc.i, p.base = old.s, old.i, old.base
}

// pos is where the cursor is in the body: a container's identity.
func (p *inPlaceReader) pos() int { return p.base + p.sc.i }

// containerHere is the identity of the container at the cursor, or -1 when
// the value there is not one.
func (p *inPlaceReader) containerHere() int {
	p.sc.skipSpace()
	if p.sc.i < len(p.sc.s) && (p.sc.s[p.sc.i] == '[' || p.sc.s[p.sc.i] == '{') {
		return p.pos()
	}
	return -1
}

// rootID is the identity of what a reference to rw leads into: a stream, or
// the container at the top of a JSON row; -1 for anything else.
func (rw *row) rootID() int {
	switch rw.kind {
	case rowStream:
		return rw.at
	case rowJSON:
		for i := 0; i < len(rw.json); i++ {
			switch rw.json[i] {
			case ' ', '\t', '\n', '\r':
				continue
			case '[', '{':
				return rw.at + i
			}
			return -1
		}
	}
	return -1
}

// end checks that nothing but space follows the row's value.
func (p *inPlaceReader) end() error {
	p.sc.skipSpace()
	if p.sc.i < len(p.sc.s) {
		return p.syntax(p.sc.fail("invalid character after top-level value"))
	}
	return nil
}

// syntax is a scanner error as a *DecodeError where the reader stands.
func (p *inPlaceReader) syntax(err error) error {
	if err == nil {
		return nil
	}
	return syntaxErr(p.here(), "invalid JSON: "+err.Error())
}

// skip moves past the value at the cursor.
func (p *inPlaceReader) skip() error { return p.syntax(p.sc.skipValue()) }

// eachMember calls f with the key of each member of the object at the
// cursor, the cursor on the member's value; f must move past the value.
func (p *inPlaceReader) eachMember(f func(key string) error) error {
	if p.sc.opens('}') {
		return nil
	}
	for {
		key, err := p.sc.key()
		if err != nil {
			return p.syntax(err)
		}
		if err := f(key); err != nil {
			return err
		}
		more, err := p.sc.next('}')
		if !more || err != nil {
			return p.syntax(err)
		}
	}
}

// elements calls f with the index of each element of the array at the
// cursor, the cursor on the element; f must move past it.
func (p *inPlaceReader) elements(f func(i int) error) error {
	if p.sc.opens(']') {
		return nil
	}
	for i := 0; ; i++ {
		if err := f(i); err != nil {
			return err
		}
		more, err := p.sc.next(']')
		if !more || err != nil {
			return p.syntax(err)
		}
	}
}
