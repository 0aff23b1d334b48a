package flight

import "strings"

// stream collects a ReadableStream, async iterable or async iterator whose
// chunks are "S<decimal id>" fields: JSON values, then "C" (or "C<json>",
// an async iterator's return value) as the last one.
func (d *decoder) stream(tag byte, arg string) (any, error) {
	id, ok := parseHexID(arg)
	if !ok {
		return nil, d.badID("$" + string(tag) + arg)
	}
	if err := d.use(id, useOnce); err != nil {
		return nil, err
	}
	chunks := d.parts.streams["S"+partName(id)]
	if len(chunks) == 0 || !strings.HasPrefix(chunks[len(chunks)-1], "C") {
		return nil, d.errAt(RuleSyntax, "stream %s is not closed by a \"C\" field S%s", hexPath(id), partName(id))
	}
	kinds := map[byte]StreamKind{'R': ReadableStream, 'r': ReadableByteStream, 'X': AsyncIterable, 'x': AsyncIterator}
	s := &Stream{Kind: kinds[tag]}
	var m measure
	for i, chunk := range chunks {
		last := i == len(chunks)-1
		if strings.HasPrefix(chunk, "C") && !last {
			return nil, d.errAt(RuleSyntax, "stream %s has chunks after its close", hexPath(id))
		}
		text := chunk
		if last {
			if text = chunk[1:]; text == "" {
				break
			}
		}
		v, cm, err := d.chunk(text)
		if err != nil {
			return nil, err
		}
		m.addChild(cm)
		if last {
			if tag == 'X' || tag == 'x' {
				s.Return = v
			}
			break
		}
		if tag == 'r' {
			b, ok := viewBytes(v)
			if !ok {
				return nil, d.errAt(RuleType, "byte stream chunk is %s, want a typed array", typeName(v))
			}
			v = Uint8Array(b)
		}
		s.Values = append(s.Values, v)
	}
	// Remembered whatever its size: its measure counts a close value that
	// a value stream does not keep, so it cannot be measured again.
	m = wrapMeasure(m)
	d.remember(s, m)
	return s, d.check(m)
}

// chunk decodes one stream chunk: a JSON model of its own, with no path
// (React revives it as part -1), so "$T" cannot appear in it.
func (d *decoder) chunk(text string) (any, measure, error) {
	raw, err := d.parseJSON(text)
	if err != nil {
		return nil, measure{}, err
	}
	d.path.push(pathStep{kind: stepChunk})
	v, m, err := d.revive(raw)
	if err != nil {
		return nil, m, err
	}
	d.path.pop()
	return v, m, nil
}
