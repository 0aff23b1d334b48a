package flight

import "time"

// This file is the fast way of decoding a reply whose only part is its
// root, which is what React's encodeReply sends (as text/plain) for any
// call whose arguments are plain values: JSON with dates, bigints and the
// special numbers. It is the rows' in-place reader (rows_inplace.go) reading
// the one part as a lone row, with a reply's meaning for "$" codes. It
// gives up at every code that refers to another part or needs a path (a
// reference, a Map, a FormData, a temporary reference …) and at anything
// wrong, and then the careful decoder (reply_decode.go) decides: it alone
// refuses input and says why. The limits it checks are never looser than
// the careful decoder's, so what it accepts, the careful decoder accepts
// with the same value (FuzzDecodeReplyInPlace holds it to that).

// newReplyReader readies an in-place reader for root, the JSON text of a
// reply's only part.
func newReplyReader(p *inPlaceReader, root string, l Limits) *inPlaceReader {
	p.init(nil, l)
	p.reply, p.budget = true, len(root)
	p.rows = map[int]*row{0: {kind: rowJSON, json: root}}
	return p
}

// decodeReplyInPlace decodes a reply's root part in place.
func decodeReplyInPlace(root string, l Limits) (any, error) {
	p := newReplyReader(new(inPlaceReader), root, l)
	return p.json(p.rows[0], 0)
}

// onlyRoot returns the JSON text of a reply made of its root part alone.
func onlyRoot(fields []bodyField) (string, bool) {
	if len(fields) != 1 || fields[0].File != nil || fields[0].Name != "0" {
		return "", false
	}
	return fields[0].Value, true
}

// addContent counts n bytes of a reply's strings or bigints against
// MaxTotalBytes, as the careful decoder measures them (reply_measure.go):
// past it, the careful decoder refuses the reply and says why. Rows have no
// such rule.
func (d *rowsDecoder) addContent(n int) error {
	if !d.reply {
		return nil
	}
	if d.content += int64(n); d.content > d.limits.MaxTotalBytes {
		return errGiveUp
	}
	return nil
}

// date parses a Date's text: in a reply as the careful decoder does, in
// rows as toISOString writes it.
func (d *rowsDecoder) date(s string) (time.Time, bool) {
	if d.reply {
		return parseJSDate(s)
	}
	t, err := parseISO(s)
	return t, err == nil
}

// replyCode gives a string starting with '$' its meaning in a reply, for
// the codes that stand alone; it gives up at the others.
func (d *rowsDecoder) replyCode(s string) (any, error) {
	if len(s) < 2 {
		return nil, errGiveUp
	}
	arg := s[2:]
	switch s[1] {
	case '$':
		return s[1:], d.addContent(len(s) - 1)
	case 'D':
		if t, ok := parseJSDate(arg); ok {
			return d.boxes.time(t), nil
		}
		return nil, errGiveUp
	case 'n':
		if len(arg) > d.limits.MaxBigIntDigits {
			return nil, errGiveUp
		}
		if n, ok := parseBigInt(arg); ok {
			return n, d.addContent(n.BitLen()/3 + 1)
		}
		return nil, errGiveUp
	}
	if v, ok := namedValue(s); ok {
		return v, nil
	}
	return nil, errGiveUp
}
