package actions

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/goactions/actions/flight"
)

// decodeFormInto decodes form into dst (a settable struct value, or pointer
// to struct): the Go form of JS's Object.fromEntries(formData), for actions
// that declare a struct parameter instead of a *flight.FormData.
//
// A value that cannot be converted is not an error return: it becomes a
// field error, and every field is tried, so the user sees all problems at
// once. fieldErrors is keyed by the names as posted ("address.city") and
// lists messages meant for end users, shown next to inputs, like zod's
// flatten().fieldErrors; it is nil when every value converted. err is only
// for programmer mistakes (a target type no form can fill), never for
// client input; it depends on dst's type alone, so the first request finds
// it whatever was posted.
//
// The rules:
//
//   - Names. A field is named by its `form` tag, else its `json` tag, else
//     its Go name; `form:"-"` skips it, and so does `json:"-"` unless a form
//     tag names the field (a field hidden from JSON is usually one a client
//     must not set). A posted name matches a field exactly, else
//     case-insensitively; an exact match outranks a case-insensitive one
//     when both are posted. Unexported fields are ignored, and fields of
//     embedded structs are promoted as encoding/json promotes them.
//     Unknown names are ignored, and so are names starting with "$ACTION_"
//     (React's own fields).
//   - Nesting. "address.city" fills Address.City, as does the PHP/Rails
//     spelling "address[city]"; a tag may also contain a dot
//     (`form:"user.email"`), and the field whose name is the whole posted
//     name wins. Names have at most 32 segments; deeper ones are ignored. A
//     pointer to a struct is allocated only when a value is stored in it.
//     Slices of structs ("items[0].name") are not supported.
//   - Repeats. A slice field takes one element per entry of its name, in
//     order (checkbox groups, multi-selects, several file inputs); a
//     trailing "[]" on the name is accepted. Any other field takes the
//     first entry, as formData.get does.
//   - Empty values. An empty value leaves a field as it is: numbers stay 0,
//     times stay zero, pointers stay nil (a *string too), files stay nil;
//     so optional inputs need no pointer. Strings take "" and bools take
//     false. In a slice, an empty value is a zero element, so parallel
//     lists stay aligned; an empty file input (a part with no file name and
//     no data, which browsers send when no file was chosen) adds no
//     element and leaves a file field nil.
//   - Strings take the text as it is; a file there is an error, "must be
//     text".
//   - Bools follow checkbox semantics: "on", "true", "1", "yes" are true;
//     "off", "false", "0", "no" and "" false, in any case; an unchecked
//     checkbox is not posted and leaves the field false. Anything else:
//     "must be true or false".
//   - Numbers: ints and uints take whole numbers, also written "1e3" or
//     "2.0" ("must be a whole number"), in the type's range ("must be
//     between 0 and 255"); floats take decimal numbers ("must be a number";
//     no NaN or infinities). Spaces around numbers, bools and times are
//     ignored.
//   - time.Time takes what <input type=date> ("2006-01-02") and
//     <input type=datetime-local> ("2006-01-02T15:04", with seconds and
//     fractions when the input has a step) send, read in UTC since those
//     carry no zone (convert with the user's zone yourself when it
//     matters), and RFC 3339 with its offset. Else "must be a date".
//   - A type implementing encoding.TextUnmarshaler gets the text (untrimmed;
//     an empty value leaves it as it is); when it refuses, "is not valid",
//     since its error is written for programmers.
//   - Files: *flight.File takes the posted file itself and flight.File a
//     copy sharing its data; []*flight.File takes every file of a multiple
//     file input. Text in a file field is "must be a file".
//   - any takes the text as a string, or the *flight.File.
//   - map[string]string and map[string][]string (and types like
//     url.Values) take the rest of the name as key: "meta[color]" or
//     "meta.color" sets meta["color"]; entries are added to an existing
//     map.
//   - Everything else is a programmer error: channels, funcs, arrays,
//     []byte (text or file content? say which with string or *flight.File),
//     slices of structs, interfaces other than any, other maps.
//
// The form is bounded by the codec's limits; decoding adds no more than one
// slice element per posted entry, and never panics.
func decodeFormInto(form *flight.FormData, dst reflect.Value) (fieldErrors map[string][]string, err error) {
	if !dst.IsValid() {
		return nil, errors.New("actions: decoding a form needs a struct or a pointer to one, not an invalid reflect.Value")
	}
	t := dst.Type()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if _, leaf := leafOf(t); leaf || t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("actions: a form decodes into a struct with fields, not %s", t)
	}
	plan, err := formPlanFor(t)
	if err != nil {
		return nil, err
	}
	for dst.Kind() == reflect.Pointer {
		if dst.IsNil() {
			if !dst.CanSet() {
				return nil, fmt.Errorf("actions: decoding a form needs a settable %s or a non-nil pointer", dst.Type())
			}
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		dst = dst.Elem()
	}
	if !dst.CanSet() {
		return nil, fmt.Errorf("actions: decoding a form needs a settable %s", dst.Type())
	}
	d := formDecoder{plan: plan, form: form, key: make([]byte, 0, 64)}
	d.group()
	for i := range d.targets {
		d.apply(dst, &d.targets[i])
	}
	return d.errs, nil
}

// formTarget is one destination in dst and the entries posted for it.
// Entries are grouped before anything is stored so that a slice is built
// once at its final length, and so that an exact name can outrank a
// case-insensitive one posted earlier.
type formTarget struct {
	field  *formField
	key    string // path and mapKey together: what identifies the target
	path   string // the ids of the fields from the root down to field, as uvarints
	mapKey string // for a map field: the key
	fold   bool   // the name matched case-insensitively somewhere
	first  int    // the first entry, an index into form.Entries
	more   []int  // the later entries, for fields that take every value
}

type formDecoder struct {
	plan    *formPlan
	form    *flight.FormData
	targets []formTarget
	byKey   map[string]int // key -> index in targets, once there are many
	key     []byte
	errs    map[string][]string
}

// fewTargets is how many targets are searched one by one before a map
// indexes them: most forms have a few dozen inputs at most, and a map would
// cost more than it saves.
const fewTargets = 32

// group resolves each posted name to its target, in order.
func (d *formDecoder) group() {
	if d.form == nil {
		return
	}
	d.targets = make([]formTarget, 0, min(len(d.form.Entries), fewTargets))
	for i := range d.form.Entries {
		name := d.form.Entries[i].Name
		if strings.HasPrefix(name, "$ACTION_") {
			continue
		}
		f, mapKey, fold, ok := d.resolve(name)
		if !ok {
			continue
		}
		pathLen := len(d.key)
		d.key = append(d.key, mapKey...)
		at, seen := d.find(d.key)
		if !seen {
			key := string(d.key)
			d.add(formTarget{field: f, key: key, path: key[:pathLen], mapKey: key[pathLen:], fold: fold, first: i})
			continue
		}
		t := &d.targets[at]
		switch {
		case t.fold && !fold:
			t.fold, t.first, t.more = false, i, t.more[:0]
		case fold && !t.fold:
			// a case-insensitive spelling of a name also posted exactly
		case f.shape == shapeList || f.multi:
			t.more = append(t.more, i)
		}
	}
}

func (d *formDecoder) find(key []byte) (int, bool) {
	if d.byKey != nil {
		at, ok := d.byKey[string(key)]
		return at, ok
	}
	for at := range d.targets {
		if d.targets[at].key == string(key) {
			return at, true
		}
	}
	return 0, false
}

func (d *formDecoder) add(t formTarget) {
	d.targets = append(d.targets, t)
	switch {
	case d.byKey != nil:
		d.byKey[t.key] = len(d.targets) - 1
	case len(d.targets) > fewTargets:
		d.byKey = make(map[string]int, 2*len(d.targets))
		for at := range d.targets {
			d.byKey[d.targets[at].key] = at
		}
	}
}

// resolve walks name through the plan, leaving the path of field ids in
// d.key. It touches no value, so that an unknown name allocates nothing.
func (d *formDecoder) resolve(name string) (f *formField, mapKey string, fold, ok bool) {
	d.key = d.key[:0]
	if strings.HasPrefix(name, "[") {
		return nil, "", false, false // brackets follow a name, they do not start one
	}
	s, rest := d.plan.root, name
	for depth := 1; depth <= maxFormDepth; depth++ {
		f, tail, folded := s.match(rest)
		if f == nil {
			return nil, "", false, false
		}
		fold = fold || folded
		d.key = binary.AppendUvarint(d.key, uint64(f.id))
		switch f.shape {
		case shapeStruct:
			if rest, ok = continueName(tail); !ok {
				return nil, "", false, false
			}
			s = f.nested
		case shapeMap:
			mapKey, ok = mapKeyOf(tail, depth)
			return f, mapKey, fold, ok
		default:
			return f, "", fold, tail == "" || tail == "[]"
		}
	}
	return nil, "", false, false
}

// fail records msg for the posted name, once.
func (d *formDecoder) fail(name, msg string) {
	if d.errs == nil {
		d.errs = map[string][]string{}
	}
	if !slices.Contains(d.errs[name], msg) {
		d.errs[name] = append(d.errs[name], msg)
	}
}

// entries returns the entries of t in posted order.
func (d *formDecoder) entries(t *formTarget) func(yield func(*flight.FormEntry) bool) {
	return func(yield func(*flight.FormEntry) bool) {
		if !yield(&d.form.Entries[t.first]) {
			return
		}
		for _, i := range t.more {
			if !yield(&d.form.Entries[i]) {
				return
			}
		}
	}
}
