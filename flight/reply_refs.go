package flight

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// This file resolves references between parts and keeps the two guarantees
// React's server learned the hard way (CVE-2025-55182 and the DoS fixes that
// followed): a path steps only through own properties of plain objects and
// arrays, and a small input cannot stand for a huge value. Every container
// and outlined value carries its measure, the size it would have if every
// shared reference were a copy, memoised so a DAG of shared references is
// measured in linear time and refused as soon as it grows past the limits.

// partModel is a JSON part: parsed once, revived once, shared by every
// reference to it.
type partModel struct {
	reviving bool
	done     bool
	root     *container // the root container while it is being revived
	value    any
}

// partUse records how a part id was consumed: as a JSON model (referenced
// any number of times) or once, by a typed array, blob or stream.
type partUse uint8

const (
	useModel partUse = iota + 1
	useOnce
)

func (d *decoder) use(id int, u partUse, path string) error {
	prev := d.uses[id]
	if prev == 0 || (prev == useModel && u == useModel) {
		d.uses[id] = u
		return nil
	}
	return decodeErr(RuleReference, path, "part %s is consumed twice", hexPath(id))
}

// pendingSlot and revivingSlot mark array slots not yet revived and being
// revived; a map slot not yet revived is absent.
type (
	pendingSlot  struct{}
	revivingSlot struct{}
)

// container is an array or object being revived into out.
type container struct {
	raw      any // the parsed JSON: []any or *jsonObject
	out      any // the decoded value, same kind
	path     string
	pathOK   bool
	done     bool
	consumed bool // by a Map, Set or iterator
	m        measure
}

func (d *decoder) newContainer(raw any, path string, pathOK bool) *container {
	c := &container{raw: raw, path: path, pathOK: pathOK}
	switch r := raw.(type) {
	case []any:
		// Capacity one keeps even empty arrays distinct, so each has its
		// own identity (and its own consumed mark).
		out := make([]any, len(r), max(len(r), 1))
		for i := range out {
			out[i] = pendingSlot{}
		}
		c.out = out
	case *jsonObject:
		c.out = make(map[string]any, len(r.members))
	}
	id, _ := identOf(c.out)
	d.containers[id] = c
	return c
}

// fill revives every slot of c not yet revived, then measures c.
func (d *decoder) fill(c *container) error {
	var m measure
	switch out := c.out.(type) {
	case []any:
		for i := range out {
			v, err := d.arraySlot(c, out, i)
			if err != nil {
				return err
			}
			m.addChild(d.measureOf(v))
		}
	case map[string]any:
		raw := c.raw.(*jsonObject)
		keys := make([]string, 0, len(raw.members))
		for _, m := range raw.members {
			keys = append(keys, m.key)
		}
		// Sorted, as they always were (errors stay deterministic whatever
		// the JSON order), and each key once: the last member of a name
		// is its value, as with encoding/json.
		slices.Sort(keys)
		keys = slices.Compact(keys)
		for _, k := range keys {
			v, err := d.slot(c, k, false)
			if err != nil {
				return err
			}
			if _, undef := v.(Undefined); undef {
				delete(out, k)
				continue
			}
			m.addChild(d.measureOf(v))
		}
	}
	c.m, c.done = m, true
	return d.check(m, c.path)
}

// slot returns the revived value of c's key, reviving it now if a path
// reference got there first. step says a path is stepping through it: then
// an absent or undefined property is an invalid reference.
func (d *decoder) slot(c *container, key string, step bool) (any, error) {
	switch out := c.out.(type) {
	case []any:
		i, ok := arrayIndex(key, len(out))
		if !ok {
			return nil, invalidRef(c.path, key)
		}
		return d.arraySlot(c, out, i)
	case map[string]any:
		raw, ok := c.raw.(*jsonObject).get(key)
		if !ok {
			return nil, invalidRef(c.path, key)
		}
		v, ok := out[key]
		switch {
		case !ok && c.done: // revived to undefined and dropped
			return nil, invalidRef(c.path, key)
		case !ok && isPlain(raw):
			v = raw
			out[key] = v
		case !ok:
			out[key] = revivingSlot{}
			var err error
			// React gives no path below a key holding ':' (it could not be
			// told apart from the separator).
			v, err = d.revive(raw, c.path+":"+key, c.pathOK && !strings.Contains(key, ":"))
			if err != nil {
				return nil, err
			}
			out[key] = v
		}
		if _, ok := v.(revivingSlot); ok {
			return nil, cycleErr(c.path + ":" + key)
		}
		if _, undef := v.(Undefined); undef && step {
			return nil, invalidRef(c.path, key)
		}
		return v, nil
	}
	return nil, invalidRef(c.path, key)
}

// arraySlot is slot for index i of an array.
func (d *decoder) arraySlot(c *container, out []any, i int) (any, error) {
	switch out[i].(type) {
	case pendingSlot:
		raw := c.raw.([]any)[i]
		if isPlain(raw) { // most slots: no path to build
			out[i] = raw
			break
		}
		out[i] = revivingSlot{}
		v, err := d.revive(raw, c.path+":"+strconv.Itoa(i), c.pathOK)
		if err != nil {
			return nil, err
		}
		out[i] = v
	case revivingSlot:
		return nil, cycleErr(c.path + ":" + strconv.Itoa(i))
	}
	return out[i], nil
}

// isPlain reports whether a raw JSON value decodes to itself.
func isPlain(raw any) bool {
	switch x := raw.(type) {
	case string:
		return x == "" || x[0] != '$'
	case *jsonObject, []any:
		return false
	}
	return true
}

// arrayIndex accepts only the canonical decimal spelling of an index, as
// own-property lookup in JS does ("01" is not a property of an array).
func arrayIndex(key string, n int) (int, bool) {
	if key == "" || len(key) > 10 || (len(key) > 1 && key[0] == '0') {
		return 0, false
	}
	i, err := strconv.Atoi(key)
	if err != nil || i < 0 || i >= n {
		return 0, false
	}
	return i, true
}

func invalidRef(path, key string) *DecodeError {
	return decodeErr(RuleReference, path, "invalid reference: no own property %q of a plain object or array", truncate(key))
}

func cycleErr(path string) *DecodeError {
	return decodeErr(RuleReference, path, "reference cycle")
}

// resolve follows a reference "<hex part>:<key>:…" and returns the fully
// revived value it reaches. at is where the reference stands, for errors.
func (d *decoder) resolve(ref, at string) (any, error) {
	head, rest, hasPath := strings.Cut(ref, ":")
	id, ok := parseHexID(head)
	if !ok {
		return nil, decodeErr(RuleSyntax, at, "invalid part id in reference %q", truncate(ref))
	}
	cur, err := d.partRoot(id, at)
	if err != nil {
		return nil, err
	}
	for hasPath {
		var key string
		key, rest, hasPath = strings.Cut(rest, ":")
		c := d.containerOf(cur)
		if c == nil {
			return nil, decodeErr(RuleReference, at, "invalid reference %q: it steps into %s", truncate(ref), typeName(cur))
		}
		if cur, err = d.slot(c, key, true); err != nil {
			return nil, err
		}
	}
	if c := d.containerOf(cur); c != nil && !c.done {
		return nil, decodeErr(RuleReference, at, "reference cycle through %q", truncate(ref))
	}
	return cur, nil
}

// partRoot returns part id's value, parsing and reviving it on first use.
// While the part is being revived its root container is returned unfinished
// so paths can step through it; resolve refuses it as a final value.
func (d *decoder) partRoot(id int, at string) (any, error) {
	if err := d.use(id, useModel, at); err != nil {
		return nil, err
	}
	pm := d.models[id]
	if pm == nil {
		pm = &partModel{}
		d.models[id] = pm
	}
	switch {
	case pm.done:
		return pm.value, nil
	case pm.reviving && pm.root != nil:
		return pm.root.out, nil
	case pm.reviving:
		return nil, decodeErr(RuleReference, at, "reference cycle through part %s", hexPath(id))
	}
	pm.reviving = true
	raw, err := d.parsePart(id, at)
	if err != nil {
		return nil, err
	}
	path := hexPath(id)
	switch raw.(type) {
	case []any, *jsonObject:
		pm.root = d.newContainer(raw, path, true)
		if err := d.fill(pm.root); err != nil {
			return nil, err
		}
		pm.value = pm.root.out
	default:
		if pm.value, err = d.revive(raw, path, true); err != nil {
			return nil, err
		}
	}
	pm.done = true
	return pm.value, nil
}

func (d *decoder) parsePart(id int, at string) (any, error) {
	text, ok := d.parts.strings[partName(id)]
	if !ok {
		if _, isFile := d.parts.files[partName(id)]; isFile {
			return nil, decodeErr(RuleType, at, "part %s is a file where JSON was expected", hexPath(id))
		}
		return nil, decodeErr(RuleReference, at, "reference to missing part %s", hexPath(id))
	}
	return d.parseJSON(text, hexPath(id))
}

// parseJSON parses one JSON text. The scanner refuses nesting past MaxDepth
// before it parses anything.
func (d *decoder) parseJSON(text, path string) (any, error) {
	raw, err := d.scanner.parse(text, d.lim.MaxDepth)
	if err != nil {
		if se, ok := err.(*jsonSyntaxError); ok && se.tooDeep {
			return nil, decodeErr("MaxDepth", path, "JSON nests more than %d levels deep", d.lim.MaxDepth)
		}
		return nil, decodeErr(RuleSyntax, path, "invalid JSON: %v", err)
	}
	return raw, nil
}

// ident is the identity of a decoded container or outlined value.
type ident struct {
	p unsafe.Pointer
	n int
}

func identOf(v any) (ident, bool) {
	switch x := v.(type) {
	case map[string]any:
		return ident{p: reflect.ValueOf(x).UnsafePointer()}, true
	case []any:
		if cap(x) == 0 {
			return ident{}, false
		}
		return ident{p: unsafe.Pointer(unsafe.SliceData(x[:1])), n: len(x)}, true
	case *Map:
		return ident{p: unsafe.Pointer(x)}, true
	case *Set:
		return ident{p: unsafe.Pointer(x)}, true
	case *FormData:
		return ident{p: unsafe.Pointer(x)}, true
	case *File:
		return ident{p: unsafe.Pointer(x)}, true
	case *Promise:
		return ident{p: unsafe.Pointer(x)}, true
	case *Iterator:
		return ident{p: unsafe.Pointer(x)}, true
	case *Stream:
		return ident{p: unsafe.Pointer(x)}, true
	case *ServerRef:
		return ident{p: unsafe.Pointer(x)}, true
	}
	return ident{}, false
}

// containerOf returns the container a decoded array or object came from, or
// nil for anything a path may not step through.
func (d *decoder) containerOf(v any) *container {
	switch v.(type) {
	case map[string]any, []any:
		if id, ok := identOf(v); ok {
			return d.containers[id]
		}
	}
	return nil
}
