package actions

import "strings"

// Posted names reach into nested structs and maps in the two spellings
// people write: dotted, "address.city", and bracketed as in PHP and Rails,
// "address[city]", mixed as they like ("items[en].title"). A trailing "[]",
// which PHP needs to collect repeated names, is accepted and means nothing
// more: repeated names already fill slices. Anything else that does not
// parse is an unknown name, ignored like any other.

// maxFormDepth bounds how many segments a posted name may have. A type that
// contains itself through a pointer could otherwise be walked, and
// allocated, as deep as a name is long.
const maxFormDepth = 32

// nextSegment cuts the first segment off rest: "a" from "a.b" or "a[b]",
// "b" from "[b].c". tail keeps its leading "." or "[". ok is false for an
// unclosed bracket.
func nextSegment(rest string) (seg, tail string, ok bool) {
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return "", "", false
		}
		return rest[1:end], rest[end+1:], true
	}
	end := strings.IndexAny(rest, ".[")
	if end < 0 {
		return rest, "", true
	}
	return rest[:end], rest[end:], true
}

// continueName turns the tail after a segment into the rest of the name:
// ".city" gives "city", "[city]" stays as it is, and anything else (an empty
// segment, text right after "]") is not a name.
func continueName(tail string) (string, bool) {
	switch {
	case strings.HasPrefix(tail, "."):
		return tail[1:], len(tail) > 1
	case strings.HasPrefix(tail, "["):
		return tail, true
	}
	return "", false
}

// match finds the field that rest starts with. A field whose name is the
// whole of rest comes first, so that a tag may itself contain a dot
// (`form:"user.email"`); then the first segment; each exactly, else
// case-insensitively. fold reports a case-insensitive match.
func (s *formStruct) match(rest string) (f *formField, tail string, fold bool) {
	// Case folding can turn one byte into three ("k" and the Kelvin sign).
	whole := len(rest) <= 3*s.longest
	if whole {
		if f := s.exact[rest]; f != nil {
			return f, "", false
		}
	}
	seg, tail, ok := nextSegment(rest)
	if ok && seg != rest {
		if f := s.exact[seg]; f != nil {
			return f, tail, false
		}
	}
	if whole {
		if f := s.foldMatch(rest); f != nil {
			return f, "", true
		}
	}
	if ok && seg != rest {
		if f := s.foldMatch(seg); f != nil {
			return f, tail, true
		}
	}
	return nil, "", false
}

// foldMatch is the first field, in declaration order, whose name equals
// name case-insensitively.
func (s *formStruct) foldMatch(name string) *formField {
	for _, f := range s.fields {
		if strings.EqualFold(f.name, name) {
			return f
		}
	}
	return nil
}

// mapKeyOf reads the rest of a name after a map field as the key: "[color]"
// and ".color" give "color"; deeper segments are joined with dots, so
// "meta[a][b]" and "meta.a.b" both give "a.b". An empty segment, and a bare
// "[]", give no key.
func mapKeyOf(tail string, depth int) (string, bool) {
	key := ""
	for first := true; tail != ""; first = false {
		depth++
		rest, ok := continueName(tail)
		if !ok || depth > maxFormDepth {
			return "", false
		}
		var seg string
		if seg, tail, ok = nextSegment(rest); !ok || seg == "" {
			return "", false
		}
		if first {
			key = seg
		} else {
			key += "." + seg
		}
	}
	return key, key != ""
}
