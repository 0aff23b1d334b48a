package flight

import (
	"reflect"
	"sort"
	"strings"
	"sync"
)

// This file lists the JSON fields of a struct type by encoding/json's rules,
// so a struct returned by an action reads the same in React as it would
// from json.Marshal: exported fields, `json:"name,omitempty,omitzero"`,
// "-" to skip, and fields of embedded structs promoted unless a shallower or
// tagged field of the same name wins. (The ",string" option is not
// supported: it is ignored.)

type field struct {
	name      string // the name a JS object uses: the json tag's, else the Go name
	index     []int  // for reflect's FieldByIndex, through embedded structs
	depth     int    // how many embedded structs down the field is
	tagged    bool
	omitEmpty bool
	omitZero  bool
}

var fieldCache sync.Map // reflect.Type -> []field

// structFields returns the JSON fields of struct type t in declaration
// order, worked out once per type: both encoders and Unmarshal use them on
// every request.
func structFields(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	f, _ := fieldCache.LoadOrStore(t, typeFields(t))
	return f.([]field)
}

// typeFields walks t and its embedded structs breadth first, then keeps,
// for each name, the field encoding/json would: the shallowest, or the only
// tagged one among the shallowest. A name with a tie is dropped at every
// depth, deeper fields included, as encoding/json drops it.
func typeFields(t reflect.Type) []field {
	type level struct {
		t     reflect.Type
		index []int
	}
	var found []field
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
				if !sf.IsExported() && !(sf.Anonymous && ft.Kind() == reflect.Struct) {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				index := append(append([]int(nil), lv.index...), i)
				if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
					if !visited[ft] {
						visited[ft] = true
						next = append(next, level{t: ft, index: index})
					}
					continue
				}
				if !sf.IsExported() {
					continue
				}
				f := field{name: name, index: index, depth: depth, tagged: name != ""}
				if f.name == "" {
					f.name = sf.Name
				}
				for _, o := range strings.Split(opts, ",") {
					switch o {
					case "omitempty":
						f.omitEmpty = true
					case "omitzero":
						f.omitZero = true
					}
				}
				found = append(found, f)
			}
		}
		current = next
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.name != b.name {
			return a.name < b.name
		}
		if a.depth != b.depth {
			return a.depth < b.depth
		}
		return a.tagged && !b.tagged
	})
	var out []field
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
	sort.SliceStable(out, func(i, j int) bool { return lessIndex(out[i].index, out[j].index) })
	return out
}

func lessIndex(a, b []int) bool {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// fieldByIndex is v.FieldByIndex that reports a nil embedded pointer
// instead of panicking: its promoted fields are absent, as in encoding/json.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
