package actions

import (
	"iter"
	"strings"
	"unicode"
)

// jsNames yields the exported name of every callable action in list (sorted
// by action name), in order: the last part of the action's name
// ("example.com/app/posts.incrementLike" → incrementLike), qualified with
// the part before it when two actions would share a name (postsCreate,
// usersCreate), and made a valid JS identifier.
func jsNames(list []*Action) iter.Seq2[string, *Action] {
	return func(yield func(string, *Action) bool) {
		short := map[string]int{}
		var callable []*Action
		for _, a := range list {
			if a.settings.bound > 0 {
				continue
			}
			callable = append(callable, a)
			short[jsIdentifier(lastPart(a.name, 1))]++
		}
		used := map[string]bool{}
		for _, a := range callable {
			name := jsIdentifier(lastPart(a.name, 1))
			if short[name] > 1 {
				name = jsIdentifier(lastPart(a.name, 2))
			}
			for base, i := name, 2; used[name]; i++ {
				name = base + strings.Repeat("_", i-1)
			}
			used[name] = true
			if !yield(name, a) {
				return
			}
		}
	}
}

// lastPart returns the last n dot-separated parts of a Go function name,
// without package path or receiver punctuation, camel-cased together:
// "example.com/app/posts.(*Store).Create" → "Create" (n=1), "storeCreate" (n=2).
func lastPart(name string, n int) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.NewReplacer("(", "", ")", "", "*", "").Replace(name)
	parts := strings.Split(name, ".")
	if len(parts) > n {
		parts = parts[len(parts)-n:]
	}
	out := strings.ToLower(parts[0][:min(1, len(parts[0]))]) + parts[0][min(1, len(parts[0])):]
	for _, p := range parts[1:] {
		if p != "" {
			out += strings.ToUpper(p[:1]) + p[1:]
		}
	}
	if n == 1 {
		return parts[len(parts)-1]
	}
	return out
}

// jsIdentifier makes s a valid JavaScript identifier that is not a
// reserved word.
func jsIdentifier(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_' || r == '$' || unicode.IsLetter(r):
			b.WriteRune(r)
		case unicode.IsDigit(r) && i > 0:
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	out := b.String()
	if out == "" || jsReserved[out] {
		out += "Action"
	}
	return out
}

var jsReserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`await break case catch class const continue debugger default delete do else enum
		export extends false finally for function if implements import in instanceof interface let new null package
		private protected public return static super switch this throw true try typeof var void while with yield
		arguments eval undefined NaN Infinity`) {
		jsReserved[w] = true
	}
}
