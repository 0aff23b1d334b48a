package actions

import (
	"reflect"
	"slices"
	"strings"
)

// A form names a struct's fields as encoding/json does, with a `form` tag
// that takes precedence, so that a type already used as a JSON request body
// works as a form action's parameter unchanged, and a form whose input names
// differ from the JSON ones (or a field that JSON hides) can still say so.
// flight has the same walk for JSON names, but unexported; this one also
// reads the form tag.

// formFieldInfo is one field of a struct type as a form names it.
type formFieldInfo struct {
	name   string       // the form name: form tag, else json tag, else the Go name
	goName string       // the Go names from the struct down, "Base.Title", for messages to programmers
	index  []int        // for reflect's FieldByIndex, through embedded structs
	typ    reflect.Type // the field's type
	depth  int          // how many embedded structs down the field is
	tagged bool         // the name came from a form or json tag
	// blockedBy is the type of an embedded pointer to an unexported struct
	// that the field is promoted through: reflect cannot allocate it.
	blockedBy reflect.Type
}

// formTagName returns the name a field's tags give it and whether the field
// is skipped. A form tag wins over a json tag; `json:"-"` skips a field only
// when no form tag names it, since fields hidden from JSON (a password hash,
// a role) are usually the ones a client must not set.
func formTagName(sf reflect.StructField) (name string, skip bool) {
	if tag, ok := sf.Tag.Lookup("form"); ok {
		if tag == "-" {
			return "", true
		}
		if name, _, _ = strings.Cut(tag, ","); name != "" {
			return name, false
		}
	}
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "", true
	}
	name, _, _ = strings.Cut(tag, ",")
	return name, false
}

// formFieldsOf lists t's fields in declaration order: the exported ones,
// and those of embedded structs without a name of their own promoted by
// encoding/json's rules. For each name the shallowest field wins, or the
// only tagged one among the shallowest; a tie drops the name at every
// depth, as encoding/json drops it.
func formFieldsOf(t reflect.Type) []formFieldInfo {
	type level struct {
		t       reflect.Type
		index   []int
		goName  string
		blocked reflect.Type
	}
	var found []formFieldInfo
	visited := map[reflect.Type]bool{t: true}
	current := []level{{t: t}}
	for depth := 0; len(current) > 0; depth++ {
		var next []level
		for _, lv := range current {
			for i := range lv.t.NumField() {
				sf := lv.t.Field(i)
				ft := sf.Type
				if sf.Anonymous && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				embeddedStruct := sf.Anonymous && ft.Kind() == reflect.Struct
				if !sf.IsExported() && !embeddedStruct {
					continue
				}
				name, skip := formTagName(sf)
				if skip {
					continue
				}
				index := append(append([]int(nil), lv.index...), i)
				goName := sf.Name
				if lv.goName != "" {
					goName = lv.goName + "." + sf.Name
				}
				if name == "" && embeddedStruct {
					if !visited[ft] {
						visited[ft] = true
						blocked := lv.blocked
						if sf.Type.Kind() == reflect.Pointer && !sf.IsExported() && blocked == nil {
							blocked = sf.Type
						}
						next = append(next, level{t: ft, index: index, goName: goName, blocked: blocked})
					}
					continue
				}
				if !sf.IsExported() {
					continue
				}
				f := formFieldInfo{name: name, goName: goName, index: index, typ: sf.Type, depth: depth,
					tagged: name != "", blockedBy: lv.blocked}
				if f.name == "" {
					f.name = sf.Name
				}
				found = append(found, f)
			}
		}
		current = next
	}
	return formDominantFields(found)
}

// formDominantFields keeps, of the fields sharing a name, the one encoding/json
// would, and returns them in declaration order.
func formDominantFields(found []formFieldInfo) []formFieldInfo {
	slices.SortStableFunc(found, func(a, b formFieldInfo) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if a.depth != b.depth {
			return a.depth - b.depth
		}
		switch {
		case a.tagged == b.tagged:
			return 0
		case a.tagged:
			return -1
		}
		return 1
	})
	var out []formFieldInfo
	for i := 0; i < len(found); {
		j := i + 1
		for j < len(found) && found[j].name == found[i].name {
			j++
		}
		group := found[i:j]
		i = j
		if len(group) > 1 && group[0].depth == group[1].depth && group[0].tagged == group[1].tagged {
			continue // ambiguous: encoding/json drops the name
		}
		out = append(out, group[0])
	}
	slices.SortStableFunc(out, func(a, b formFieldInfo) int { return slices.Compare(a.index, b.index) })
	return out
}
