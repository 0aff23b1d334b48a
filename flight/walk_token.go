package flight

import "strconv"

// token is the "$" code an outliner writes in place of a value: text, then
// the id of the row or part it refers to in hex, when id >= 0 ("$Q1"). It
// is written straight into the JSON, and spelled out as a string only for
// the few values whose later sightings repeat it.
type token struct {
	text string
	id   int
}

// tokenText is a token with no id.
func tokenText(s string) token { return token{text: s, id: -1} }

func (t token) String() string {
	if t.id < 0 {
		return t.text
	}
	return t.text + formatHex(t.id)
}

// appendToken appends t as a JSON string.
func appendToken(b []byte, t token) []byte {
	b = appendJSString(b, t.text)
	if t.id < 0 {
		return b
	}
	b = strconv.AppendInt(b[:len(b)-1], int64(t.id), 16)
	return append(b, '"')
}
