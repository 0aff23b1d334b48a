package flight

import "unsafe"

// This file reads the objects of most lists: into structs whose fields are
// all strings, numbers, booleans and dates, with their keys in the order of
// the fields. Such an object is read in one loop that keeps its position in
// a variable, rather than through the cursor and a call or two per member
// as structRead.members reads any object; at anything else it hands the
// object over to members, from the member it stopped at.

// leafMembers reads the members of the object whose first key is at the
// cursor while each is the next field's, spelled as that field's key, with
// a value the field takes as it is. It returns how many members it read,
// the index of the last field it set, and done when it read the object's
// end too; otherwise the cursor is at the next member's key.
func (r *structRead) leafMembers() (n, last int, done bool, err error) {
	p := r.p
	s, i := p.sc.s, p.sc.i
	fields := r.plan.fields
	for f := range fields {
		field := &fields[f]
		start, ok := keyAt(s, i, field.key)
		if !ok {
			break
		}
		end, handled, err := p.leafAt(s, start, unsafe.Add(r.base, field.offset), field.plan, r.depth)
		if err != nil {
			return n, f - 1, false, err
		}
		if !handled {
			break // members reads it, from its key
		}
		n, last, i = n+1, f, end
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		p.sc.i = i
		more, err := p.sc.next('}')
		if !more || err != nil {
			return n, last, true, err
		}
		i = p.sc.i
	}
	// The fields read were met in order, each once; members goes on from
	// here, and needs to know which are set only then.
	for f := range last + 1 {
		p.fieldState[r.states+f] = fieldSet
	}
	p.sc.i = i
	return n, last, false, nil
}
