package actions

import (
	"reflect"

	"github.com/goactions/actions/flight"
)

// Storing the grouped entries. Each value is converted before anything is
// allocated on the way to its field, so that a value that fails, or an
// empty one, leaves nil pointers nil.

// apply stores the entries of target t in root.
func (d *formDecoder) apply(root reflect.Value, t *formTarget) {
	switch f := t.field; f.shape {
	case shapeOne:
		e := &d.form.Entries[t.first]
		var p parsed
		if msg := parseLeaf(&f.leaf, e, &p); msg != "" {
			d.fail(e.Name, msg)
			return
		}
		if !p.empty {
			storeLeaf(d.walk(root, t.path), &f.leaf, &p)
		}
	case shapeList:
		d.applyList(root, t)
	case shapeMap:
		d.applyMap(root, t)
	}
}

// applyList replaces the slice with one element per entry. An entry that
// fails to convert adds no element (its error is reported instead), nor
// does an empty file input.
func (d *formDecoder) applyList(root reflect.Value, t *formTarget) {
	f := t.field
	list := reflect.MakeSlice(f.inner, 1+len(t.more), 1+len(t.more))
	n := 0
	for e := range d.entries(t) {
		var p parsed
		if msg := parseLeaf(&f.leaf, e, &p); msg != "" {
			d.fail(e.Name, msg)
			continue
		}
		if p.empty && e.File != nil {
			continue
		}
		if !p.empty {
			storeLeaf(list.Index(n), &f.leaf, &p)
		}
		n++
	}
	if n == 0 {
		return
	}
	if n < list.Len() {
		list = list.Slice(0, n)
	}
	deref(d.walk(root, t.path), f.ptrs).Set(list)
}

// applyMap sets the map entry of t's key: the first value, or every value
// for a map of slices. Maps take text only.
func (d *formDecoder) applyMap(root reflect.Value, t *formTarget) {
	f := t.field
	var texts []string
	for e := range d.entries(t) {
		if e.File != nil {
			if !isEmptyFile(e.File) {
				d.fail(e.Name, msgText)
			}
			continue
		}
		texts = append(texts, e.Value)
		if !f.multi {
			break
		}
	}
	if len(texts) == 0 {
		return
	}
	m := deref(d.walk(root, t.path), f.ptrs)
	if m.IsNil() {
		m.Set(reflect.MakeMap(f.inner))
	}
	var value reflect.Value
	if f.multi {
		value = reflect.MakeSlice(f.inner.Elem(), len(texts), len(texts))
		for i, s := range texts {
			value.Index(i).SetString(s)
		}
	} else {
		value = reflect.New(f.inner.Elem()).Elem()
		value.SetString(texts[0])
	}
	key := reflect.New(f.inner.Key()).Elem()
	key.SetString(t.mapKey)
	m.SetMapIndex(key, value)
}

// walk returns the field at the end of path, allocating the structs on the
// way (nested ones behind pointers, and embedded pointers).
func (d *formDecoder) walk(v reflect.Value, path string) reflect.Value {
	for {
		id, n := uvarint(path)
		f := d.plan.byID[id]
		path = path[n:]
		for i, x := range f.index {
			if i > 0 {
				v = deref(v, 1)
			}
			v = v.Field(x)
		}
		if path == "" {
			return v
		}
		v = deref(v, f.ptrs)
	}
}

// uvarint reads what binary.AppendUvarint wrote, from a string, since the
// key of a target is one.
func uvarint(s string) (x, n int) {
	for shift := 0; n < len(s); shift += 7 {
		b := s[n]
		n++
		x |= int(b&0x7f) << shift
		if b < 0x80 {
			break
		}
	}
	return x, n
}

// deref follows ptrs pointers from v, allocating the nil ones. An embedded
// field that is not a pointer passes through unchanged.
func deref(v reflect.Value, ptrs int) reflect.Value {
	for range ptrs {
		if v.Kind() != reflect.Pointer {
			break
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	return v
}

// isEmptyFile reports the part a browser sends for a file input with no
// file chosen: no file name, no data.
func isEmptyFile(f *flight.File) bool {
	return f.Name == "" && len(f.Data) == 0
}
