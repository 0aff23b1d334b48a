package flight

// This file remembers the shared values (pointers, maps, slices) a walk has
// written, so a second sighting is written as a reference and a sighting
// inside itself is refused as a cycle. Most values hold a handful of shared
// values, for which scanning a short list beats hashing an identity (an
// interface and two words) into a map twice per value; the map is built
// only once the list grows long.

// sighting is what the walk remembers of a shared value it has written.
type sighting struct {
	id     identity
	active bool   // still being written: meeting it again is a cycle
	token  string // the "$" token to repeat, when the outliner gave one
	off, n int    // else where its path is in walker.paths; n < 0: none
}

// maxScanned is how many sightings are looked up by scanning.
const maxScanned = 16

type sightings struct {
	list  []sighting
	index map[identity]int // position in list, once list is long
}

// find returns the position of id's sighting, or -1.
func (s *sightings) find(id identity) int {
	if s.index != nil {
		if i, ok := s.index[id]; ok {
			return i
		}
		return -1
	}
	for i := range s.list {
		// The address first: comparing the type, an interface, is a call.
		if s.list[i].id.p == id.p && s.list[i].id == id {
			return i
		}
	}
	return -1
}

// add records a new sighting and returns its position.
func (s *sightings) add(st sighting) int {
	i := len(s.list)
	s.list = append(s.list, st)
	switch {
	case s.index != nil:
		s.index[st.id] = i
	case len(s.list) > maxScanned:
		s.index = make(map[identity]int, 2*len(s.list))
		for j, e := range s.list {
			s.index[e.id] = j
		}
	}
	return i
}
