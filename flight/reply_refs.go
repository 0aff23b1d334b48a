package flight

import (
	"strconv"
	"strings"
)

// This file resolves references between parts and keeps the two guarantees
// React's server learned the hard way (CVE-2025-55182 and the DoS fixes that
// followed): a path steps only through own properties of plain objects and
// arrays, and a small input cannot stand for a huge value (every value is
// checked against the limits with its measure, reply_measure.go).

// partModel is a JSON part: parsed once, revived once, shared by every
// reference to it.
type partModel struct {
	id    int
	state partState
	value any       // the decoded value, once done
	root  *rootFill // while a root array or object is being revived
}

type partState uint8

const (
	partUnread partState = iota
	partReviving
	partDone
)

// partUse records how a part id was consumed: as a JSON model (referenced
// any number of times) or once, by a typed array, blob or stream.
type partUse uint8

const (
	useModel partUse = iota + 1
	useOnce
)

func (d *decoder) use(id int, u partUse) error {
	prev := d.uses[id]
	if prev == 0 || (prev == useModel && u == useModel) {
		if d.uses == nil {
			d.uses = map[int]partUse{}
		}
		d.uses[id] = u
		return nil
	}
	return d.errAt(RuleReference, "part %s is consumed twice", hexPath(id))
}

// resolve follows a reference "<hex part>:<key>:…" standing at d.path and
// returns the fully revived value it reaches.
func (d *decoder) resolve(ref string) (any, error) {
	head, rest, hasPath := strings.Cut(ref, ":")
	id, ok := parseHexID(head)
	if !ok {
		return nil, d.errAt(RuleSyntax, "invalid part id in reference %q", truncate(ref))
	}
	pm, err := d.partRoot(id)
	if err != nil {
		return nil, err
	}
	if !hasPath {
		if pm.root != nil {
			return nil, d.errAt(RuleReference, "reference cycle through %q", truncate(ref))
		}
		return pm.value, nil
	}
	var key string
	key, rest, hasPath = strings.Cut(rest, ":")
	var cur any
	if pm.root != nil {
		cur, err = d.rootSlot(pm, key, ref)
	} else {
		cur, err = d.step(pm.value, key, ref)
	}
	for err == nil && hasPath {
		key, rest, hasPath = strings.Cut(rest, ":")
		cur, err = d.step(cur, key, ref)
	}
	return cur, err
}

// step takes one key of a path into a finished array or object. Only a
// part's root can be unfinished when a path reaches it (rootSlot): any
// other container is reached through its parent's slot, which is still
// being revived, a cycle, until the container is done.
func (d *decoder) step(cur any, key, ref string) (any, error) {
	switch c := cur.(type) {
	case []any:
		if i, ok := arrayIndex(key, len(c)); ok {
			return c[i], nil
		}
	case map[string]any:
		if v, ok := c[key]; ok { // an undefined property was dropped
			return v, nil
		}
	default:
		return nil, d.errAt(RuleReference, "invalid reference %q: it steps into %s", truncate(ref), typeName(cur))
	}
	return nil, d.invalidRef(ref, key)
}

// isPlain reports whether a raw JSON value decodes to itself, and gives its
// measure.
func isPlain(raw any) (measure, bool) {
	switch x := raw.(type) {
	case string:
		return measure{bytes: int64(len(x))}, x == "" || x[0] != '$'
	case *jsonObject, []any:
		return measure{}, false
	}
	return measure{}, true
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

func (d *decoder) invalidRef(ref, key string) *DecodeError {
	return d.errAt(RuleReference, "invalid reference %q: no own property %q of a plain object or array", truncate(ref), truncate(key))
}

// partRoot returns part id, parsing and reviving it on first use. While
// its root array or object is being revived, the part is returned with
// root set, for paths to step through.
func (d *decoder) partRoot(id int) (*partModel, error) {
	if err := d.use(id, useModel); err != nil {
		return nil, err
	}
	pm := d.models[id]
	if pm == nil {
		pm = &partModel{id: id}
		d.models[id] = pm
	}
	switch pm.state {
	case partDone:
		return pm, nil
	case partReviving:
		if pm.root == nil {
			return nil, d.errAt(RuleReference, "reference cycle through part %s", hexPath(id))
		}
		return pm, nil
	}
	pm.state = partReviving
	text, err := d.partText(id)
	if err != nil {
		return nil, err
	}
	d.path.push(pathStep{kind: stepPart, n: id})
	raw, err := d.parseJSON(text)
	if err != nil {
		return nil, err
	}
	v, _, err := d.reviveRoot(pm, raw)
	if err != nil {
		return nil, err
	}
	d.path.pop()
	pm.state, pm.value, pm.root = partDone, v, nil
	return pm, nil
}

func (d *decoder) partText(id int) (string, error) {
	text, ok := d.parts.strings[partName(id)]
	if !ok {
		if _, isFile := d.parts.files[partName(id)]; isFile {
			return "", d.errAt(RuleType, "part %s is a file where JSON was expected", hexPath(id))
		}
		return "", d.errAt(RuleReference, "reference to missing part %s", hexPath(id))
	}
	return text, nil
}

// parseJSON parses one JSON text standing at d.path. The scanner refuses
// nesting past MaxDepth before it parses anything.
func (d *decoder) parseJSON(text string) (any, error) {
	raw, err := d.scanner.parse(text, d.lim.MaxDepth)
	if err != nil {
		if se, ok := err.(*jsonSyntaxError); ok && se.tooDeep {
			return nil, d.errAt("MaxDepth", "JSON nests more than %d levels deep", d.lim.MaxDepth)
		}
		return nil, d.errAt(RuleSyntax, "invalid JSON: %v", err)
	}
	return raw, nil
}
