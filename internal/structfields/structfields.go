// Package structfields lists the fields of a Go struct type the way
// encoding/json names them, for every wire format of this module: flight's
// encoders and Unmarshal (JSON names) and the runtime's form decoding (a
// `form` tag first). One implementation, so a struct reads the same in
// every direction.
package structfields

import (
	"reflect"
	"slices"
	"strings"
)

// Field is one field of a struct type as a wire format names it.
type Field struct {
	Name    string       // the wire name: the tag's, else the Go name
	GoName  string       // the Go names from the struct down, "Base.Title", for messages to programmers
	Index   []int        // for reflect's FieldByIndex, through embedded structs
	Type    reflect.Type // the field's type
	Depth   int          // how many embedded structs down the field is
	Tagged  bool         // the name came from a tag
	Options string       // what follows the name in the tag: ",omitempty" …
	// BlockedBy is the type of an embedded pointer to an unexported struct
	// the field is promoted through: reflect cannot allocate it.
	BlockedBy reflect.Type
}

// NameFunc reads the name a field's tags give it ("" for none), the tag's
// options, and whether the field is skipped altogether.
type NameFunc func(sf reflect.StructField) (name, options string, skip bool)

// JSONName is encoding/json's rule: the json tag; "-" skips the field.
func JSONName(sf reflect.StructField) (name, options string, skip bool) {
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "", "", true
	}
	name, options, _ = strings.Cut(tag, ",")
	return name, options, false
}

// List returns t's fields in declaration order: the exported ones, and
// those of embedded structs without a name of their own, promoted by
// encoding/json's rules. For each name the shallowest field wins, or the
// only tagged one among the shallowest; a tie drops the name at every
// depth, as encoding/json drops it. List does not cache: callers do, per
// type.
func List(t reflect.Type, nameOf NameFunc) []Field {
	type level struct {
		t       reflect.Type
		index   []int
		goName  string
		blocked reflect.Type
	}
	var found []Field
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
				name, options, skip := nameOf(sf)
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
				f := Field{Name: name, GoName: goName, Index: index, Type: sf.Type, Depth: depth,
					Tagged: name != "", Options: options, BlockedBy: lv.blocked}
				if f.Name == "" {
					f.Name = sf.Name
				}
				found = append(found, f)
			}
		}
		current = next
	}
	return dominant(found)
}

// dominant keeps, of the fields sharing a name, the one encoding/json
// would, and returns them in declaration order.
func dominant(found []Field) []Field {
	slices.SortStableFunc(found, func(a, b Field) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		if a.Depth != b.Depth {
			return a.Depth - b.Depth
		}
		switch {
		case a.Tagged == b.Tagged:
			return 0
		case a.Tagged:
			return -1
		}
		return 1
	})
	var out []Field
	for i := 0; i < len(found); {
		j := i + 1
		for j < len(found) && found[j].Name == found[i].Name {
			j++
		}
		group := found[i:j]
		i = j
		if len(group) > 1 && group[0].Depth == group[1].Depth && group[0].Tagged == group[1].Tagged {
			continue // ambiguous: encoding/json drops the name
		}
		out = append(out, group[0])
	}
	slices.SortStableFunc(out, func(a, b Field) int { return slices.Compare(a.Index, b.Index) })
	return out
}
