package actions

import (
	"encoding"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/goactions/actions/flight"
)

// Converting one posted value. The messages are shown to end users next to
// the input, so they are plain English and name no Go type.
const (
	msgText   = "must be text"
	msgFile   = "must be a file"
	msgBool   = "must be true or false"
	msgWhole  = "must be a whole number"
	msgNumber = "must be a number"
	msgDate   = "must be a date"
	msgValid  = "is not valid"
)

func msgBetween(lo, hi string) string { return "must be between " + lo + " and " + hi }

// parsed is one converted value, held without reflection (and so without
// allocating) until it is stored.
type parsed struct {
	empty bool // nothing to store: the target is left as it is
	s     string
	b     bool
	i     int64
	u     uint64
	f     float64
	t     time.Time
	file  *flight.File
	text  reflect.Value // leafText: a pointer to the decoded value
}

// parseLeaf converts entry e for leaf l into p, or returns the message
// saying why it cannot.
func parseLeaf(l *formLeaf, e *flight.FormEntry, p *parsed) string {
	if e.File != nil {
		switch {
		case isEmptyFile(e.File):
			p.empty = true
		case l.kind == leafFile || l.kind == leafFilePtr || l.kind == leafAny:
			p.file = e.File
		default:
			return msgText
		}
		return ""
	}
	text := e.Value
	switch l.kind {
	case leafString, leafAny:
		p.s, p.empty = text, text == "" && l.ptrs > 0
		return ""
	case leafFile, leafFilePtr:
		// A form posted urlencoded sends a file input's file name as text,
		// and "" when none was chosen.
		if text == "" {
			p.empty = true
			return ""
		}
		return msgFile
	case leafText:
		return parseText(l.base, text, p)
	}
	if text = strings.TrimSpace(text); text == "" {
		// An unchecked box is false; an empty number, date or pointer is
		// an optional input left blank.
		p.empty = l.kind != leafBool || l.ptrs > 0
		return ""
	}
	switch l.kind {
	case leafBool:
		return parseBool(text, p)
	case leafInt:
		return parseInt(text, l.base.Bits(), p)
	case leafUint:
		return parseUint(text, l.base.Bits(), p)
	case leafFloat:
		return parseFloat(text, l.base.Bits(), p)
	case leafTime:
		return parseTime(text, p)
	}
	return ""
}

func parseBool(text string, p *parsed) string {
	for _, s := range [...]string{"on", "true", "1", "yes"} {
		if strings.EqualFold(text, s) {
			p.b = true
			return ""
		}
	}
	for _, s := range [...]string{"off", "false", "0", "no"} {
		if strings.EqualFold(text, s) {
			return ""
		}
	}
	return msgBool
}

func parseInt(text string, bits int, p *parsed) string {
	lo, hi := int64(-1)<<(bits-1), int64(1)<<(bits-1)-1
	i, err := strconv.ParseInt(text, 10, bits)
	if err == nil {
		p.i = i
		return ""
	}
	f, msg := parseWhole(text)
	switch {
	case errors.Is(err, strconv.ErrRange), msg == "" && (f < float64(lo) || f >= -float64(lo)): // -lo is 2^(bits-1), exact in a float64
		return msgBetween(strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10))
	case msg != "":
		return msg
	}
	p.i = int64(f)
	return ""
}

func parseUint(text string, bits int, p *parsed) string {
	hi := uint64(1)<<(bits-1)<<1 - 1
	u, err := strconv.ParseUint(text, 10, bits)
	if err == nil {
		p.u = u
		return ""
	}
	f, msg := parseWhole(text)
	switch {
	case errors.Is(err, strconv.ErrRange), msg == "" && (f < 0 || f >= math.Ldexp(1, bits)):
		return msgBetween("0", strconv.FormatUint(hi, 10))
	case msg != "":
		return msg
	}
	p.u = uint64(f)
	return ""
}

// parseWhole reads a whole number written another way than digits alone,
// as a number input may send it: "1e3", "2.0". A number too large for a
// float64 gets the message a range check would give: "" with +Inf.
func parseWhole(text string) (float64, string) {
	if !isDecimal(text) {
		return 0, msgWhole
	}
	f, err := strconv.ParseFloat(text, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return f, "" // ±Inf: out of every range
	case err != nil || f != math.Trunc(f):
		return 0, msgWhole
	}
	return f, ""
}

func parseFloat(text string, bits int, p *parsed) string {
	if !isDecimal(text) {
		return msgNumber
	}
	f, err := strconv.ParseFloat(text, bits)
	switch {
	case errors.Is(err, strconv.ErrRange):
		largest := math.MaxFloat64
		if bits == 32 {
			largest = math.MaxFloat32
		}
		s := strconv.FormatFloat(largest, 'g', 2, 64)
		return msgBetween("-"+s, s)
	case err != nil:
		return msgNumber
	}
	p.f = f
	return ""
}

// isDecimal reports whether text uses only what decimal notation does, so
// that strconv's Go-syntax extras (hex, underscores, "Inf", "NaN") are not
// numbers to a user.
func isDecimal(text string) bool {
	for i := range len(text) {
		switch c := text[i]; {
		case '0' <= c && c <= '9', c == '.', c == 'e', c == 'E', c == '+', c == '-':
		default:
			return false
		}
	}
	return true
}

// timeLayouts are what date and datetime-local inputs send (seconds only
// with a step; time.Parse accepts fractions after the seconds), then RFC 3339.
var timeLayouts = [...]string{"2006-01-02", "2006-01-02T15:04", "2006-01-02T15:04:05", time.RFC3339}

func parseTime(text string, p *parsed) string {
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, text, time.UTC); err == nil {
			p.t = t
			return ""
		}
	}
	return msgDate
}

func parseText(base reflect.Type, text string, p *parsed) string {
	if text == "" {
		p.empty = true
		return ""
	}
	v := reflect.New(base)
	if v.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(text)) != nil {
		return msgValid
	}
	p.text = v
	return ""
}

// storeLeaf stores p in dst, a value of type l.typ, allocating its nil
// pointers.
func storeLeaf(dst reflect.Value, l *formLeaf, p *parsed) {
	dst = deref(dst, l.ptrs)
	switch l.kind {
	case leafString:
		dst.SetString(p.s)
	case leafBool:
		dst.SetBool(p.b)
	case leafInt:
		dst.SetInt(p.i)
	case leafUint:
		dst.SetUint(p.u)
	case leafFloat:
		dst.SetFloat(p.f)
	case leafTime:
		*dst.Addr().Interface().(*time.Time) = p.t
	case leafText:
		dst.Set(p.text.Elem())
	case leafFile:
		*dst.Addr().Interface().(*flight.File) = *p.file
	case leafFilePtr:
		dst.Set(reflect.ValueOf(p.file))
	case leafAny:
		if p.file != nil {
			dst.Set(reflect.ValueOf(p.file))
		} else {
			dst.Set(reflect.ValueOf(p.s))
		}
	}
}
