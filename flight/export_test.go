package flight

import "reflect"

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
