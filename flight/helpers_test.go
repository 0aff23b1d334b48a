package flight_test

import (
	"io"
	"strings"
)

func ioMulti(prefix string, r io.Reader) io.Reader {
	return io.MultiReader(strings.NewReader(prefix), r)
}
