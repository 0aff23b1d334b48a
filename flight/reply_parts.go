package flight

import (
	"strconv"
	"strings"
)

// partSet is a reply's fields sorted the way React's server sorts them
// (appendBackingEntry): below a prefix ("" for a reply, "$ACTION_<n>:" for a
// form action), "_<h>_<key>" fields are FormData entries, "S<h>" fields are
// stream chunks, and every other field is a part named by its decimal id:
// JSON text, or a file for blobs and typed arrays. Fields outside the prefix
// are not the reply's.
type partSet struct {
	strings map[string]string // part name -> JSON text; a repeated name keeps the last, as React does
	files   map[string]*File
	streams map[string][]string // "S<decimal>" -> chunks in body order
	entries []bodyField         // FormData entries, name still "_<h>_<key>", in body order
}

func newPartSet(fields []bodyField, prefix string) *partSet {
	// The maps are made on first use: most replies have one or two parts
	// and no files or streams.
	ps := &partSet{}
	for _, f := range fields {
		name, ok := strings.CutPrefix(f.Name, prefix)
		if !ok {
			continue
		}
		switch {
		case strings.HasPrefix(name, "_"):
			if ps.entries == nil {
				ps.entries = make([]bodyField, 0, len(fields))
			}
			ps.entries = append(ps.entries, bodyField{Name: name, Value: f.Value, File: f.File})
		case strings.HasPrefix(name, "S"):
			if f.File == nil {
				if ps.streams == nil {
					ps.streams = map[string][]string{}
				}
				ps.streams[name] = append(ps.streams[name], f.Value)
			}
		case f.File != nil:
			if ps.files == nil {
				ps.files = map[string]*File{}
			}
			ps.files[name] = f.File
			delete(ps.strings, name)
		default:
			if ps.strings == nil {
				ps.strings = map[string]string{}
			}
			ps.strings[name] = f.Value
			delete(ps.files, name)
		}
	}
	return ps
}

// maxPartID bounds part ids so that parsing one cannot overflow; no body
// within any sane MaxParts has parts beyond it.
const maxPartID = 1<<28 - 1

// parseHexID reads a reference's part id: hex digits as React writes them.
// React's parseInt is lenient ("1z" is 1); this decoder is not.
func parseHexID(s string) (int, bool) {
	if s == "" || len(s) > 7 {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil || n > maxPartID {
		return 0, false
	}
	return int(n), true
}

// partName is the field name of part id: references are hex, names decimal.
func partName(id int) string { return strconv.Itoa(id) }

// hexPath is part id as paths and temporary references spell it.
func hexPath(id int) string { return strconv.FormatInt(int64(id), 16) }
