package flight

import (
	"slices"
	"strconv"
	"strings"
)

// This file follows a reference path ("$<id>:<key>:<key>") through row JSON
// read in place, stepping over the values it passes.

func (p *inPlaceReader) path(rw *row, id int, keys, path string, depth int) (any, error) {
	old, err := p.seek(rw)
	if err != nil {
		return nil, err
	}
	defer p.restore(old)
	loc := formatHex(id)
	for _, k := range strings.Split(keys, ":") {
		if err := p.stepThroughRow(path, &loc); err != nil {
			return nil, err
		}
		if err := p.step(k, path); err != nil {
			return nil, err
		}
		loc += ":" + k
	}
	if id := p.containerHere(); id >= 0 && slices.Contains(p.active, id) {
		return nil, p.refErr(loc, "a reference cycle")
	}
	p.enter(locSeg{name: loc, kind: locRoot})
	defer p.leave()
	return p.value(depth)
}

// stepThroughRow moves the cursor from a plain row reference "$<id>" to
// the top of that row.
func (p *inPlaceReader) stepThroughRow(path string, loc *string) error {
	sc := &p.sc
	sc.skipSpace()
	if sc.i >= len(sc.s) || sc.s[sc.i] != '"' {
		return nil
	}
	start := sc.i
	s, err := sc.readString()
	if err != nil {
		return p.syntax(err)
	}
	rw, id, ok, err := p.throughRow(s, path)
	if err != nil {
		return err
	}
	if !ok {
		sc.i = start
		return nil
	}
	if _, err := p.seek(rw); err != nil {
		return err
	}
	*loc = formatHex(id)
	return nil
}

// step moves the cursor onto the array element or object member named k.
func (p *inPlaceReader) step(k, path string) error {
	sc := &p.sc
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return p.syntax(sc.fail("unexpected end of JSON input"))
	}
	found := -1
	var err error
	switch sc.s[sc.i] {
	case '[':
		want, aerr := strconv.Atoi(k)
		if aerr != nil || want < 0 {
			return p.refErr(path, "a path steps outside an array")
		}
		err = p.elements(func(i int) error {
			if i == want {
				found = sc.i
			}
			return p.skip()
		})
		if err == nil && found < 0 {
			err = p.refErr(path, "a path steps outside an array")
		}
	case '{':
		err = p.eachMember(func(key string) error {
			if key == k {
				found = sc.i // the last member of that name counts
			}
			return p.skip()
		})
		if err == nil && found < 0 {
			err = p.refErr(path, "a path names a missing property")
		}
	default:
		return p.refErr(path, "a path steps into a value that is not an array or object")
	}
	if err != nil {
		return err
	}
	sc.i = found
	return nil
}
