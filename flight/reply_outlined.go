package flight

import (
	"reflect"
	"strings"
	"time"
	"unsafe"
)

// This file decodes the values React outlines into parts of their own:
// Map, Set and iterator (a JSON array, consumed once), FormData (its own
// "_<h>_" fields), Blob/File and typed arrays (a file part, consumed once).

func (d *decoder) collection(tag byte, ref string) (any, error) {
	v, err := d.resolve(ref)
	if err != nil {
		return nil, err
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, d.errAt(RuleType, "$%c initializer is %s, want an array", tag, typeName(v))
	}
	id := identOf(arr)
	if d.consumed[id] {
		return nil, d.errAt(RuleReference, "$%c%s consumes an array already consumed", tag, truncate(ref))
	}
	if d.consumed == nil {
		d.consumed = map[unsafe.Pointer]bool{}
	}
	d.consumed[id] = true
	var out any
	switch tag {
	case 'Q':
		mp := &Map{Entries: make([]MapEntry, 0, len(arr))}
		for _, e := range arr {
			kv, ok := e.([]any)
			if !ok || len(kv) != 2 {
				return nil, d.errAt(RuleType, "Map entry is %s, want a [key, value] array", typeName(e))
			}
			mp.Entries = append(mp.Entries, MapEntry{Key: kv[0], Value: kv[1]})
		}
		out = mp
	case 'W':
		out = &Set{Values: append([]any{}, arr...)}
	case 'i':
		out = &Iterator{Values: append([]any{}, arr...)}
	}
	return out, d.check(d.measureOf(out))
}

func (d *decoder) formData(arg string) (any, error) {
	id, ok := parseHexID(arg)
	if !ok {
		return nil, d.badID("$K" + arg)
	}
	if d.formsUsed[id] {
		return nil, d.errAt(RuleReference, "FormData %s is consumed twice", hexPath(id))
	}
	if d.formsUsed == nil {
		d.formsUsed = map[int]bool{}
	}
	d.formsUsed[id] = true
	prefix := "_" + partName(id) + "_"
	fd := &FormData{Entries: make([]FormEntry, 0, len(d.parts.entries))}
	for _, e := range d.parts.entries {
		name, ok := strings.CutPrefix(e.Name, prefix)
		if !ok {
			continue
		}
		fd.Entries = append(fd.Entries, FormEntry{Name: name, Value: e.Value, File: e.File})
	}
	return fd, d.check(d.measureOf(fd))
}

// filePart consumes part arg (hex) as a file.
func (d *decoder) filePart(code, arg string) (*File, error) {
	id, ok := parseHexID(arg)
	if !ok {
		return nil, d.badID(code + arg)
	}
	if err := d.use(id, useOnce); err != nil {
		return nil, err
	}
	f, ok := d.parts.files[partName(id)]
	if !ok {
		if _, isText := d.parts.strings[partName(id)]; isText {
			return nil, d.errAt(RuleType, "%s%s refers to a text field, want a file", code, arg)
		}
		return nil, d.errAt(RuleReference, "%s%s refers to a missing part", code, arg)
	}
	return f, nil
}

func (d *decoder) blob(arg string) (any, error) {
	f, err := d.filePart("$B", arg)
	if err != nil {
		return nil, err
	}
	return f, d.check(d.measureOf(f))
}

// elementSize is the byte size of one element of each typed-array tag.
var elementSize = map[byte]int{
	'A': 1, 'O': 1, 'o': 1, 'U': 1, 'V': 1,
	'S': 2, 's': 2,
	'L': 4, 'l': 4, 'G': 4,
	'g': 8, 'M': 8, 'm': 8,
}

func (d *decoder) typedArray(tag byte, arg string) (any, error) {
	f, err := d.filePart("$"+string(tag), arg)
	if err != nil {
		return nil, err
	}
	b, size := f.Data, elementSize[tag]
	if len(b)%size != 0 {
		return nil, d.errAt(RuleType, "typed array of %d bytes is not a whole number of %d-byte elements", len(b), size)
	}
	v, _ := binaryValue(tag, b) // the length was checked above
	return v, d.check(measure{bytes: int64(len(b))})
}

// viewBytes returns the bytes behind an ArrayBuffer view (a typed array or
// DataView, not an ArrayBuffer), little-endian, for byte streams.
func viewBytes(v any) ([]byte, bool) {
	if _, ok := v.(ArrayBuffer); ok {
		return nil, false
	}
	_, b, ok := binaryBytes(reflect.ValueOf(v))
	return b, ok
}

// parseJSDate reads Date.prototype.toJSON's output: ISO 8601 in UTC, with
// six-digit signed years outside 0000–9999.
func parseJSDate(s string) (time.Time, bool) {
	if t, ok := parseISOFast(s); ok { // what toISOString writes for years 0–9999
		return t, true
	}
	year := 0
	rest := s
	if len(s) > 7 && (s[0] == '+' || s[0] == '-') {
		y := 0
		for _, c := range s[1:7] {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			y = y*10 + int(c-'0')
		}
		if s[0] == '-' {
			y = -y
		}
		year, rest = y, "2000"+s[7:]
	}
	t, err := time.Parse(time.RFC3339Nano, rest)
	if err != nil {
		return time.Time{}, false
	}
	if rest != s {
		// The year was read as 2000; the real one goes back in before the
		// offset the text gives is taken away.
		t = time.Date(year, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	}
	return t.UTC(), true
}
