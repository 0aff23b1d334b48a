package flight_test

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/goactions/actions/flight"
)

// The Go types UnmarshalRows is held to Unmarshal(DecodeRows(…)) with: one
// struct with a field for every key the goldens use, of many kinds, and
// the containers a client would decode rows into.

type rowsShape struct {
	S         string            `json:"s"`
	Dollar    string            `json:"dollar"`
	Negz      float64           `json:"negz"`
	NaN       float64           `json:"nan"`
	Big       *big.Int          `json:"big"`
	U         *string           `json:"u"`
	D         time.Time         `json:"d"`
	X         int               `json:"x"`
	Y         int8              `json:"y"`
	Label     string            // matched by its Go name, and case-insensitively
	Z         float32           `json:"z"`
	T         string            `json:"t"`
	M         any               `json:"m"`
	Set       []string          `json:"set"`
	Sym       any               `json:"sym"`
	A         float64           `json:"a"`
	B         *int              `json:"b"`
	K         []any             `json:"k"`
	ID        uint16            `json:"id"`
	Title     string            `json:"title"`
	Content   string            `json:"content"`
	Likes     uint              `json:"likes"`
	CreatedAt time.Time         `json:"createdAt"`
	Nested    *rowsShape        `json:"nested"`
	List      []rowsShape       `json:"list"`
	Tags      map[string]string `json:"tags"`
	Pair      [2]int            `json:"pair"`
	Flag      bool              `json:"flag"`
	Any       any               `json:"any"`
	Text      flight.Symbol     `json:"text"`
	rowsEmbedded
	*RowsEmbeddedPointer
}

// rowsLeaves is a struct of scalar fields only, which UnmarshalRows reads
// in a loop of its own while the keys come in the order of its fields
// (rows_typed_leaves.go), and by the general way from where that stops.
type rowsLeaves struct {
	ID        uint16    `json:"id"`
	Title     string    `json:"title"`
	X         int8      `json:"x"`
	S         string    `json:"s"`
	Flag      bool      `json:"flag"`
	Z         float32   `json:"z"`
	CreatedAt time.Time `json:"createdAt"`
	Label     string
	Likes     uint    `json:"likes"`
	A         float64 `json:"a"`
}

type rowsEmbedded struct {
	E int `json:"e"`
}

type RowsEmbeddedPointer struct {
	P string `json:"p"`
	F string `json:"f"`
}

// rowsDestinations make fresh destinations of every type tried, by name.
var rowsDestinations = []struct {
	name string
	new  func() any
}{
	{"any", func() any { return new(any) }},
	{"[]any", func() any { return new([]any) }},
	{"map[string]any", func() any { return new(map[string]any) }},
	{"rowsShape", func() any { return new(rowsShape) }},
	{"[]rowsShape", func() any { return new([]rowsShape) }},
	{"*rowsShape", func() any { return new(*rowsShape) }},
	{"map[string]rowsShape", func() any { return new(map[string]rowsShape) }},
	{"[]*rowsShape", func() any { return new([]*rowsShape) }},
	{"rowsLeaves", func() any { return new(rowsLeaves) }},
	{"[]rowsLeaves", func() any { return new([]rowsLeaves) }},
	{"[]string", func() any { return new([]string) }},
	{"[]float64", func() any { return new([]float64) }},
	{"[3]int", func() any { return new([3]int) }},
	{"map[string]int", func() any { return new(map[string]int) }},
	{"string", func() any { return new(string) }},
	{"time.Time", func() any { return new(time.Time) }},
	{"[]int8", func() any { return new([]int8) }},
	{"map[string][]bool", func() any { return new(map[string][]bool) }},
}

// goDump writes a Go value for comparison: pointers followed, map keys
// sorted, NaN equal to NaN, -0 unlike 0, dates and bigints by value.
func goDump(v any) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(v))
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value) {
	if !v.IsValid() {
		b.WriteString("<nil>")
		return
	}
	if v.CanInterface() {
		switch x := v.Interface().(type) {
		case time.Time:
			fmt.Fprintf(b, "time(%s %v)", x.Format(time.RFC3339Nano), x.Location())
			return
		case big.Int:
			b.WriteString("big(" + x.String() + ")")
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			fmt.Fprintf(b, "%s(nil)", v.Type())
			return
		}
		b.WriteString("&")
		dumpValue(b, v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			fmt.Fprintf(b, "%s(nil)", v.Type())
			return
		}
		fmt.Fprintf(b, "%s[", v.Type())
		for i := range v.Len() {
			dumpValue(b, v.Index(i))
			b.WriteString(",")
		}
		b.WriteString("]")
	case reflect.Map:
		if v.IsNil() {
			fmt.Fprintf(b, "%s(nil)", v.Type())
			return
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		fmt.Fprintf(b, "%s{", v.Type())
		for _, k := range keys {
			dumpValue(b, k)
			b.WriteString(":")
			dumpValue(b, v.MapIndex(k))
			b.WriteString(",")
		}
		b.WriteString("}")
	case reflect.Struct:
		fmt.Fprintf(b, "%s{", v.Type())
		for i := range v.NumField() {
			b.WriteString(v.Type().Field(i).Name + ":")
			dumpValue(b, v.Field(i))
			b.WriteString(",")
		}
		b.WriteString("}")
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		fmt.Fprintf(b, "%v/%v", f, math.Signbit(f))
	default:
		fmt.Fprintf(b, "%#v", v)
	}
}
