package flight

import (
	"io"
	"reflect"
)

// Hooks for the external tests: the two ways decodeRows reads a response,
// so that tests can hold them equal (rows_inplace_test.go).

func DecodeRowsInPlace(body []byte, l Limits) (any, error) {
	return newInPlaceReader(body, l.withDefaults()).decode()
}

func DecodeRowsFromTrees(body []byte, l Limits) (any, error) {
	return newTreeReader(body, l.withDefaults()).decode()
}

// UnmarshalRowsInPlace is UnmarshalRows's fast way alone: nil when it read
// body into dst, a zero value, without the careful way.
func UnmarshalRowsInPlace(body []byte, l Limits, dst any) error {
	return newRowsUnmarshaler(body, l.withDefaults()).decode(reflect.ValueOf(dst).Elem())
}

// DecodeReplyInPlace and DecodeReplyCareful are the two ways DecodeReply
// reads a reply whose only part is root (reply_inplace.go).
func DecodeReplyInPlace(root string, l Limits) (any, error) {
	return decodeReplyInPlace(root, l.withDefaults())
}

func DecodeReplyCareful(root string, l Limits) (any, error) {
	return decodeRoot(newPartSet([]bodyField{{Name: "0", Value: root}}, ""), l.withDefaults())
}

// UnmarshalReplyArgsInPlace is UnmarshalReplyArgs's fast way alone, for a
// reply whose only part is root: nil when it read the arguments into dsts,
// zero values, without the careful way.
func UnmarshalReplyArgsInPlace(root string, l Limits, dsts ...any) (int, error) {
	targets := make([]reflect.Value, len(dsts))
	for i, d := range dsts {
		targets[i] = reflect.ValueOf(d).Elem()
	}
	return newReplyUnmarshaler(root, l.withDefaults()).args(targets)
}

// TypeName names a decoded value's JS type as the codec's messages do.
func TypeName(v any) string { return typeName(v) }

// DecodeReplyCarefully is DecodeReply without its in-place reader.
func DecodeReplyCarefully(body io.Reader, contentType string, l Limits) (any, error) {
	lim := l.withDefaults()
	fields, err := readBody(body, contentType, lim, true)
	if err != nil {
		return nil, err
	}
	if noArguments(fields) {
		return []any{}, nil
	}
	return decodeRoot(newPartSet(fields, ""), lim)
}

// ReadAllRoom is the capacity readAll ends with reading r announced as
// hint bytes long.
func ReadAllRoom(r io.Reader, hint int) int {
	b, _ := readAll(r, hint)
	return cap(b)
}
