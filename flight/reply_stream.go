package flight

import "strings"

// stream collects a ReadableStream, async iterable or async iterator whose
// chunks are "S<decimal id>" fields: JSON values, then "C" (or "C<json>",
// an async iterator's return value) as the last one.
func (d *decoder) stream(tag byte, arg, path string) (any, error) {
	id, ok := parseHexID(arg)
	if !ok {
		return nil, badID("$"+string(tag)+arg, path)
	}
	if err := d.use(id, useOnce, path); err != nil {
		return nil, err
	}
	chunks := d.parts.streams["S"+partName(id)]
	if len(chunks) == 0 || !strings.HasPrefix(chunks[len(chunks)-1], "C") {
		return nil, decodeErr(RuleSyntax, path, "stream %s is not closed by a \"C\" field S%s", hexPath(id), partName(id))
	}
	kinds := map[byte]StreamKind{'R': ReadableStream, 'r': ReadableByteStream, 'X': AsyncIterable, 'x': AsyncIterator}
	s := &Stream{Kind: kinds[tag]}
	var m measure
	for i, chunk := range chunks {
		last := i == len(chunks)-1
		if strings.HasPrefix(chunk, "C") && !last {
			return nil, decodeErr(RuleSyntax, path, "stream %s has chunks after its close", hexPath(id))
		}
		text := chunk
		if last {
			if text = chunk[1:]; text == "" {
				break
			}
		}
		v, err := d.chunk(text, path)
		if err != nil {
			return nil, err
		}
		m.addChild(d.measureOf(v))
		if last {
			if tag == 'X' || tag == 'x' {
				s.Return = v
			}
			break
		}
		if tag == 'r' {
			b, ok := viewBytes(v)
			if !ok {
				return nil, decodeErr(RuleType, path, "byte stream chunk is %s, want a typed array", typeName(v))
			}
			v = Uint8Array(b)
		}
		s.Values = append(s.Values, v)
	}
	return s, d.record(s, wrapMeasure(m), path)
}

// chunk decodes one stream chunk: a JSON model of its own, with no path
// (React revives it as part -1), so "$T" cannot appear in it.
func (d *decoder) chunk(text, path string) (any, error) {
	raw, err := d.parseJSON(text, path)
	if err != nil {
		return nil, err
	}
	return d.revive(raw, path, false)
}
