package flight

// Hooks for the external tests: the two ways decodeRows reads a response,
// so that tests can hold them equal (rows_inplace_test.go).

func DecodeRowsInPlace(body []byte, l Limits) (any, error) {
	return newInPlaceReader(body, l.withDefaults()).decode()
}

func DecodeRowsFromTrees(body []byte, l Limits) (any, error) {
	return newTreeReader(body, l.withDefaults()).decode()
}
