package flight

import "slices"

// This file is the scanner's first pass over a text. Before parsing, it
// counts the elements of every array and the members of every object, so
// that the parser allocates each one once at its final size: growing a
// scratch stack and copying out of it cost several times the size of the
// values themselves on long arrays, which is what an adversary sends.
//
// The pass reads brackets, commas and string boundaries only. On valid JSON
// its counts are exact; on invalid JSON they may be wrong, and the parser
// uses them only as capacities, so a wrong count costs an allocation, never
// a wrong value (and the parser refuses the text anyway).

// countContainers fills sc.counts with the size of every non-empty array
// and object of s, in the order they open. It refuses a text whose brackets
// nest deeper than maxDepth, counting them as a plain bracket depth, before
// any of it is parsed, with an error marked tooDeep.
func (sc *jsonScanner) countContainers(s string, maxDepth int) error {
	sc.counts, sc.nextCount = sc.counts[:0], 0
	open := sc.open[:0] // index in counts of each open container, -1 for an empty one
	depth := 0          // may go below zero on invalid JSON, where open stays empty
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			i = skipString(s, i+1)
		case '[', '{':
			if depth++; depth > maxDepth {
				sc.open = open
				return &jsonSyntaxError{msg: "exceeded max depth", offset: i, tooDeep: true}
			}
			at := -1
			if !closesAt(s, i+1, c+2) { // ']' is '['+2 and '}' is '{'+2
				at = len(sc.counts)
				if len(sc.counts) == cap(sc.counts) {
					// Doubling: append's gentler growth of long slices
					// would allocate four times the final size.
					sc.counts = slices.Grow(sc.counts, max(len(sc.counts), 8))
				}
				sc.counts = append(sc.counts, 1)
			}
			open = append(open, at)
		case ',':
			if n := len(open); n > 0 && open[n-1] >= 0 {
				sc.counts[open[n-1]]++ // wraps only past 4G elements, a capacity too small: harmless
			}
		case ']', '}':
			depth--
			if n := len(open); n > 0 {
				open = open[:n-1]
			}
		}
	}
	sc.open = open
	return nil
}

// skipString returns the index of the quote that closes the string whose
// content starts at s[i], or len(s) if none does.
func skipString(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(s)
}

// closesAt reports whether the first byte from s[i] on that is not JSON
// space is closer: the container just opened is empty. The parser asks the
// same question when it opens a container, so both agree on which
// containers have a count.
func closesAt(s string, i int, closer byte) bool {
	for ; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return s[i] == closer
	}
	return false
}

// takeCount returns the count of the next non-empty container to open, or
// zero once the counts run out (only on invalid JSON).
func (sc *jsonScanner) takeCount() int {
	if sc.nextCount >= len(sc.counts) {
		return 0
	}
	n := sc.counts[sc.nextCount]
	sc.nextCount++
	return int(n)
}
