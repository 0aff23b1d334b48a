package flight_test

import (
	"errors"
	"math"
	"math/big"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// Types the tests decode into.
type (
	item struct {
		SKU string `json:"sku"`
		Qty int    `json:"qty"`
	}
	order struct {
		ID    int64          `json:"id"`
		Items []item         `json:"items"`
		Note  *string        `json:"note"`
		When  time.Time      `json:"when"`
		Tags  map[string]int `json:"tags"`
	}
	base struct {
		ID      int `json:"id"`
		Created string
	}
	withEmbedded struct {
		base
		Name string `json:"name"`
	}
	Base struct {
		ID int `json:"id"`
	}
	withEmbeddedPtr struct {
		*Base
		Name string
	}
	shadowing struct {
		base
		ID string `json:"id"` // shallower: wins over base.ID
	}
	skipped struct {
		Secret string `json:"-"`
		Dash   string `json:"-,"`
		hidden string
		Shown  string
	}
	folded struct {
		UserName string
		Exact    string `json:"exact"`
		EXACT    string `json:"EXACT"`
	}
	level     int
	rawMsg    struct{ JSON string }
	email     string
	uuid      [4]byte
	keyed     string
	grid      [2][2]int
	byteSlice []byte
	ints      []int
	node      struct{ Next *node }
	tree      []tree
	chans     struct{ C chan int }
)

var errUnknownLevel = errors.New("unknown level")

func (l *level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*l = 1
	case "high":
		*l = 2
	default:
		return errUnknownLevel
	}
	return nil
}

func (r *rawMsg) UnmarshalJSON(b []byte) error {
	r.JSON = string(b)
	return nil
}

func (k *keyed) UnmarshalText(b []byte) error {
	*k = keyed("k:" + string(b))
	return nil
}

func into[T any]() func() any { return func() any { return new(T) } }

func ptr[T any](v T) *T { return &v }

var (
	date  = time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC)
	file  = &flight.File{Name: "a.txt", Type: "text/plain", Data: []byte("hi")}
	form  = &flight.FormData{Entries: []flight.FormEntry{{Name: "title", Value: "Hi"}, {Name: "tag", Value: "a"}, {Name: "doc", File: file}, {Name: "tag", Value: "b"}}}
	jsMap = &flight.Map{Entries: []flight.MapEntry{{Key: "a", Value: 1.0}, {Key: "b", Value: 2.0}}}
	ref   = &flight.ServerRef{ID: "abc", Bound: []any{1.0}}
)

func TestUnmarshalStoresEveryTargetKind(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   any
		dst  func() any
		want any
	}{
		{"a boolean becomes a bool", true, into[bool](), true},
		{"a string becomes a string", "hi", into[string](), "hi"},
		{"a string becomes a named string", "a@b.c", into[email](), email("a@b.c")},
		{"an integral number becomes an int", 42.0, into[int](), 42},
		{"a negative number becomes an int8 at its limit", -128.0, into[int8](), int8(-128)},
		{"a number becomes a uint16 at its limit", 65535.0, into[uint16](), uint16(65535)},
		{"negative zero becomes zero", math.Copysign(0, -1), into[int](), 0},
		{"a bigint becomes an int64", big.NewInt(math.MaxInt64), into[int64](), int64(math.MaxInt64)},
		{"a bigint becomes a uint64", new(big.Int).SetUint64(math.MaxUint64), into[uint64](), uint64(math.MaxUint64)},
		{"a number becomes a float64", 1.5, into[float64](), 1.5},
		{"a number becomes a float32", 1.5, into[float32](), float32(1.5)},
		{"infinity becomes a float32 infinity", math.Inf(1), into[float32](), float32(math.Inf(1))},
		{"a bigint becomes a *big.Int", big.NewInt(7), into[*big.Int](), big.NewInt(7)},
		{"a bigint becomes a big.Int", big.NewInt(-7), into[big.Int](), *big.NewInt(-7)},
		{"an integral number becomes a *big.Int", 1e20, into[*big.Int](), new(big.Int).Mul(big.NewInt(1e10), big.NewInt(1e10))},
		{"a Date becomes a time.Time", date, into[time.Time](), date},
		{"an RFC 3339 string becomes a time.Time", "2025-03-01T12:30:00Z", into[time.Time](), date},
		{"an RFC 3339 string with an offset keeps its instant", "2025-03-01T13:30:00+01:00", into[time.Time](), date.In(time.FixedZone("", 3600))},
		{"anything stays as it is in an any", map[string]any{"a": 1.0}, into[any](), map[string]any{"a": 1.0}},
		{"undefined stays undefined in an any", flight.Undefined{}, into[any](), flight.Undefined{}},
		{"a Promise stays a Promise in an any", &flight.Promise{Value: 1.0}, into[any](), &flight.Promise{Value: 1.0}},
		{"null becomes a nil pointer", nil, func() any { p := ptr(ptr(3)); return p }, (*int)(nil)},
		{"undefined becomes a nil pointer", flight.Undefined{}, func() any { p := ptr(ptr(3)); return p }, (*int)(nil)},
		{"undefined leaves an int as it is", flight.Undefined{}, func() any { return ptr(3) }, 3},
		{"a number becomes a pointer to an int", 3.0, into[*int](), ptr(3)},
		{"null becomes a nil slice", nil, func() any { return &[]int{1} }, []int(nil)},
		{"null becomes a nil map", nil, func() any { return &map[string]int{"a": 1} }, map[string]int(nil)},
		{"null becomes a nil interface", nil, func() any { var a any = 1; return &a }, nil},
		{"an array becomes an []any unchanged", []any{1.0, "a"}, into[[]any](), []any{1.0, "a"}},
		{"an array of numbers becomes an []int", []any{1.0, 2.0}, into[[]int](), []int{1, 2}},
		{"an empty array becomes an empty non-nil slice", []any{}, into[[]string](), []string{}},
		{"an array of numbers becomes a []byte", []any{1.0, 255.0}, into[[]byte](), []byte{1, 255}},
		{"an array becomes a Go array", []any{1.0, 2.0}, into[[2]int](), [2]int{1, 2}},
		{"nested arrays become a Go array of arrays", []any{[]any{1.0, 2.0}, []any{3.0, 4.0}}, into[grid](), grid{{1, 2}, {3, 4}}},
		{"a Set becomes a slice", &flight.Set{Values: []any{"a", "b"}}, into[[]string](), []string{"a", "b"}},
		{"an iterator becomes a slice", &flight.Iterator{Values: []any{1.0}}, into[[]int](), []int{1}},
		{"a stream's chunks become a slice", &flight.Stream{Values: []any{"x", "y"}}, into[[]string](), []string{"x", "y"}},
		{"a Uint8Array becomes a []byte", flight.Uint8Array{1, 2}, into[[]byte](), []byte{1, 2}},
		{"a Uint8Array becomes a named byte slice", flight.Uint8Array{1, 2}, into[byteSlice](), byteSlice{1, 2}},
		{"an ArrayBuffer becomes a []byte", flight.ArrayBuffer{3}, into[[]byte](), []byte{3}},
		{"a DataView becomes a []byte", flight.DataView{4}, into[[]byte](), []byte{4}},
		{"a Uint8ClampedArray becomes a []byte", flight.Uint8ClampedArray{5}, into[[]byte](), []byte{5}},
		{"a Uint8Array becomes a byte array of its length", flight.Uint8Array{1, 2, 3, 4}, into[uuid](), uuid{1, 2, 3, 4}},
		{"an Int8Array becomes an []int8", flight.Int8Array{-1}, into[[]int8](), []int8{-1}},
		{"an Int16Array becomes an []int16", flight.Int16Array{-300}, into[[]int16](), []int16{-300}},
		{"a Uint16Array becomes a []uint16", flight.Uint16Array{60000}, into[[]uint16](), []uint16{60000}},
		{"an Int32Array becomes an []int32", flight.Int32Array{-1 << 20}, into[[]int32](), []int32{-1 << 20}},
		{"a Uint32Array becomes a []uint32", flight.Uint32Array{1 << 31}, into[[]uint32](), []uint32{1 << 31}},
		{"a Float32Array becomes a []float32", flight.Float32Array{1.5}, into[[]float32](), []float32{1.5}},
		{"a Float64Array becomes a []float64", flight.Float64Array{2.5}, into[[]float64](), []float64{2.5}},
		{"a BigInt64Array becomes an []int64", flight.BigInt64Array{-1 << 62}, into[[]int64](), []int64{-1 << 62}},
		{"a BigUint64Array becomes a []uint64", flight.BigUint64Array{1 << 63}, into[[]uint64](), []uint64{1 << 63}},
		{"an Int32Array becomes an []int element by element", flight.Int32Array{1, -2}, into[ints](), ints{1, -2}},
		{"a Float32Array becomes a []float64 element by element", flight.Float32Array{0.5}, into[[]float64](), []float64{0.5}},
		{"a Uint8Array becomes an []any of numbers", flight.Uint8Array{7}, into[[]any](), []any{7.0}},
		{"a typed array stays as it is in an any", flight.Int16Array{1}, into[any](), flight.Int16Array{1}},
		{"an object becomes a map[string]any unchanged", map[string]any{"a": 1.0}, into[map[string]any](), map[string]any{"a": 1.0}},
		{"an object becomes a map[string]int", map[string]any{"a": 1.0}, into[map[string]int](), map[string]int{"a": 1}},
		{"an object becomes a map with integer keys", map[string]any{"12": "x"}, into[map[int]string](), map[int]string{12: "x"}},
		{"an object becomes a map with TextUnmarshaler keys", map[string]any{"a": 1.0}, into[map[keyed]int](), map[keyed]int{"k:a": 1}},
		{"a Map with string keys becomes a map[string]int", jsMap, into[map[string]int](), map[string]int{"a": 1, "b": 2}},
		{"a Map with number keys becomes a map[int]string", &flight.Map{Entries: []flight.MapEntry{{Key: 1.0, Value: "one"}}}, into[map[int]string](), map[int]string{1: "one"}},
		{"a Map with mixed keys becomes a map[any]any", &flight.Map{Entries: []flight.MapEntry{{Key: 1.0, Value: "one"}, {Key: "b", Value: true}}}, into[map[any]any](), map[any]any{1.0: "one", "b": true}},
		{"a Map stays a *flight.Map", jsMap, into[*flight.Map](), jsMap},
		{"a Map becomes a flight.Map value", jsMap, into[flight.Map](), *jsMap},
		{"a Map with string keys becomes a struct", &flight.Map{Entries: []flight.MapEntry{{Key: "sku", Value: "x"}, {Key: 1.0, Value: 2.0}}}, into[item](), item{SKU: "x"}},
		{"a Set becomes a *flight.Set", &flight.Set{Values: []any{1.0}}, into[*flight.Set](), &flight.Set{Values: []any{1.0}}},
		{"a FormData becomes a *flight.FormData", form, into[*flight.FormData](), form},
		{"a FormData becomes a flight.FormData value", form, into[flight.FormData](), *form},
		{"a FormData becomes a map[string]string of first values, files skipped", form, into[map[string]string](), map[string]string{"title": "Hi", "tag": "a"}},
		{"a FormData becomes a map[string][]string of every value", form, into[map[string][]string](), map[string][]string{"title": {"Hi"}, "tag": {"a", "b"}}},
		{"a FormData becomes url.Values", form, into[url.Values](), url.Values{"title": {"Hi"}, "tag": {"a", "b"}}},
		{"a FormData becomes a map[string]any with its files", form, into[map[string]any](), map[string]any{"title": "Hi", "tag": "a", "doc": file}},
		{"a File becomes a *flight.File", file, into[*flight.File](), file},
		{"a File becomes a flight.File value", file, into[flight.File](), *file},
		{"a server reference becomes a *flight.ServerRef", ref, into[*flight.ServerRef](), ref},
		{"a temporary reference becomes a flight.TemporaryRef", flight.TemporaryRef{ID: "0:1"}, into[flight.TemporaryRef](), flight.TemporaryRef{ID: "0:1"}},
		{"a Promise stays a *flight.Promise", &flight.Promise{Value: "x"}, into[*flight.Promise](), &flight.Promise{Value: "x"}},
		{"a Promise is unwrapped for a string", &flight.Promise{Value: "x"}, into[string](), "x"},
		{"a Promise is unwrapped for a struct field", map[string]any{"qty": &flight.Promise{Value: 2.0}}, into[item](), item{Qty: 2}},
		{"a Promise of a Promise is unwrapped twice", &flight.Promise{Value: &flight.Promise{Value: 2.0}}, into[int](), 2},
		{"a value implementing an interface is stored in it", errors.New("boom"), into[error](), errors.New("boom")},
		{"undefined leaves a non-empty interface as it is", flight.Undefined{}, func() any { var e error = errUnknownLevel; return &e }, errUnknownLevel},
		{"a string is given to UnmarshalText", "high", into[level](), level(2)},
		{"a number is decoded by kind for a TextUnmarshaler", 1.0, into[level](), level(1)},
		{"an object is given to UnmarshalJSON re-encoded", map[string]any{"b": []any{1.0, nil, math.NaN(), flight.Undefined{}}, "a": "<x>", "u": flight.Undefined{}, "d": date, "n": big.NewInt(12)}, into[rawMsg](),
			rawMsg{JSON: `{"a":"\u003cx\u003e","b":[1,null,null,null],"d":"2025-03-01T12:30:00.000Z","n":12}`}},
		{"an object becomes a struct by json names", map[string]any{
			"id": 7.0, "items": []any{map[string]any{"sku": "a", "qty": 2.0}}, "note": "n", "when": date,
			"tags": map[string]any{"x": 1.0}, "unknown": "ignored",
		}, into[order](), order{ID: 7, Items: []item{{SKU: "a", Qty: 2}}, Note: ptr("n"), When: date, Tags: map[string]int{"x": 1}}},
		{"an undefined property leaves the field as it is", map[string]any{"sku": flight.Undefined{}}, func() any { return &item{SKU: "kept"} }, item{SKU: "kept"}},
		{"an undefined property leaves a pointer field as it is", map[string]any{"note": flight.Undefined{}}, func() any { return &order{Note: ptr("kept")} }, order{Note: ptr("kept")}},
		{"a null property makes a pointer field nil", map[string]any{"note": nil}, func() any { return &order{Note: ptr("gone")} }, order{}},
		{"an embedded struct's fields are promoted", map[string]any{"id": 1.0, "Created": "now", "name": "n"}, into[withEmbedded](), withEmbedded{base: base{ID: 1, Created: "now"}, Name: "n"}},
		{"an embedded pointer is allocated when one of its fields is sent", map[string]any{"id": 1.0}, into[withEmbeddedPtr](), withEmbeddedPtr{Base: &Base{ID: 1}}},
		{"an embedded pointer stays nil when none of its fields is sent", map[string]any{"Name": "n"}, into[withEmbeddedPtr](), withEmbeddedPtr{Name: "n"}},
		{"a shallower field shadows an embedded one", map[string]any{"id": "top"}, into[shadowing](), shadowing{ID: "top"}},
		{"json:\"-\" fields and unexported fields are ignored", map[string]any{"Secret": "s", "-": "dash", "hidden": "h", "Shown": "y"}, into[skipped](), skipped{Dash: "dash", Shown: "y"}},
		{"a property matches a field case-insensitively", map[string]any{"userName": "u"}, into[folded](), folded{UserName: "u"}},
		{"an exact match wins over a case-insensitive one", map[string]any{"exact": "e", "EXACT": "E"}, into[folded](), folded{Exact: "e", EXACT: "E"}},
		{"of several case-insensitive matches the least in byte order wins", map[string]any{"username": "b", "USERNAME": "a"}, into[folded](), folded{UserName: "a"}},
		{"fields a struct already holds are kept", map[string]any{"qty": 3.0}, func() any { return &item{SKU: "s"} }, item{SKU: "s", Qty: 3}},
		{"entries are added to an existing map", map[string]any{"b": 2.0}, func() any { return &map[string]int{"a": 1} }, map[string]int{"a": 1, "b": 2}},
		{"a recursive type decodes a finite tree", map[string]any{"Next": map[string]any{"Next": nil}}, into[node](), node{Next: &node{}}},
		{"an unsupported field type is fine while nothing is sent to it", map[string]any{}, into[chans](), chans{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dst := c.dst()
			if err := flight.Unmarshal(c.in, dst); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			got := reflect.ValueOf(dst).Elem().Interface()
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %#v\nwant %#v", got, c.want)
			}
		})
	}
}

func TestUnmarshalSharesMemoryWithTheTree(t *testing.T) {
	t.Parallel()
	buf := flight.Uint8Array{1, 2, 3}
	var b []byte
	if err := flight.Unmarshal(buf, &b); err != nil {
		t.Fatal(err)
	}
	if &b[0] != &buf[0] {
		t.Error("a Uint8Array into a []byte was copied")
	}
}

func TestUnmarshalRefusesWhatDoesNotFit(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 50)
	cases := []struct {
		name string
		in   any
		dst  func() any
		want string
	}{
		{"a string for an integer", "abc", into[int](), `flight: want integer, got "abc"`},
		{"a fraction for an integer", 1.5, into[int](), `flight: want integer, got number 1.5`},
		{"NaN for an integer", math.NaN(), into[int](), `flight: want integer, got number NaN`},
		{"infinity for an integer", math.Inf(-1), into[int64](), `flight: want integer, got number -Infinity`},
		{"a number beyond int8", 300.0, into[int8](), `flight: want integer in int8 range, got number 300`},
		{"a number beyond int64", 1e19, into[int64](), `flight: want integer in int64 range, got number 1e+19`},
		{"a negative number for a uint", -1.0, into[uint](), `flight: want integer in uint range, got number -1`},
		{"a bigint beyond int64", new(big.Int).Lsh(big.NewInt(1), 64), into[int64](), `flight: want integer in int64 range, got bigint 18446744073709551616`},
		{"a bigint beyond uint8", big.NewInt(256), into[uint8](), `flight: want integer in uint8 range, got bigint 256`},
		{"a number beyond float32", 1e300, into[float32](), `flight: want number in float32 range, got number 1e+300`},
		{"a bigint for a float", big.NewInt(1), into[float64](), `flight: want number, got bigint 1`},
		{"null for a string", nil, into[string](), `flight: want string, got null`},
		{"undefined in an array for a string", []any{flight.Undefined{}, 1.0}, into[[]string](), `flight: [1]: want string, got number 1`},
		{"a number for a string", 1.0, into[string](), `flight: want string, got number 1`},
		{"a string for a bool", "true", into[bool](), `flight: want boolean, got "true"`},
		{"an object for a slice", map[string]any{}, into[[]int](), `flight: want array, got object`},
		{"an array for a struct", []any{}, into[item](), `flight: want object, got array`},
		{"a Map for a string", jsMap, into[string](), `flight: want string, got Map`},
		{"a Date for a string", date, into[string](), `flight: want string, got Date`},
		{"a string for a Date", "yesterday", into[time.Time](), `flight: want Date or RFC 3339 string, got "yesterday"`},
		{"a number for a Date", 1.0, into[time.Time](), `flight: want Date, got number 1`},
		{"a fraction for a big.Int", 0.5, into[big.Int](), `flight: want integer, got number 0.5`},
		{"a string for a big.Int", "1", into[*big.Int](), `flight: want bigint, got "1"`},
		{"an array of the wrong length", []any{1.0}, into[[2]int](), `flight: want array of length 2, got array of length 1`},
		{"a typed array of the wrong length", flight.Uint8Array{1}, into[uuid](), `flight: want array of length 4, got Uint8Array of length 1`},
		{"an ArrayBuffer for an []int16", flight.ArrayBuffer{1, 2}, into[[]int16](), `flight: want array, got ArrayBuffer`},
		{"an Int8Array element out of uint range", flight.Int8Array{1, -1}, into[[]uint](), `flight: [1]: want integer in uint range, got number -1`},
		{"a BigInt64Array for floats", flight.BigInt64Array{1}, into[[]float64](), `flight: [0]: want number, got bigint 1`},
		{"a Float64Array fraction for ints", flight.Float64Array{0.5}, into[[]int](), `flight: [0]: want integer, got number 0.5`},
		{"an Int8Array for strings", flight.Int8Array{1}, into[[]string](), `flight: [0]: want string, got number 1`},
		{"a File for a []byte", file, into[[]byte](), `flight: want array, got File`},
		{"an object for a FormData value", map[string]any{"Entries": []any{}}, into[flight.FormData](), `flight: want FormData, got object`},
		{"an object for a *Map", map[string]any{}, into[*flight.Map](), `flight: want Map, got object`},
		{"a File for a FormData", file, into[*flight.FormData](), `flight: want FormData, got File`},
		{"a FormData for a map with int keys", form, into[map[int]string](), `flight: want Map, got FormData`},
		{"a string FormData entry for a *File", form, into[map[string]*flight.File](), `flight: .title: want File, got "Hi"`},
		{"an object for a map with bool keys", map[string]any{"a": 1.0}, into[map[bool]int](), `flight: want Map, got object`},
		{"a non-decimal key for a map with int keys", map[string]any{"x1": 1.0}, into[map[int]int](), `flight: .x1: want int key, got "x1"`},
		{"a Map key that is not comparable", &flight.Map{Entries: []flight.MapEntry{{Key: []any{}, Value: 1.0}}}, into[map[any]int](), `flight: [array]: want comparable Map key, got array`},
		{"a value not implementing the interface", 1.0, into[error](), `flight: want error, got number 1`},
		{"a string UnmarshalText refuses", "mid", into[level](), `flight: want flight_test.level, got "mid": unknown level`},
		{"a Map for UnmarshalJSON", map[string]any{"m": jsMap}, into[rawMsg](), `flight: .m: want JSON value, got Map`},
		{"a nested field of the wrong type", map[string]any{"items": []any{map[string]any{"qty": 1.0}, map[string]any{"qty": "abc"}}}, into[order](), `flight: .items[1].qty: want integer, got "abc"`},
		{"a property that is not an identifier", map[string]any{"first name": 1.0}, into[map[string]string](), `flight: ["first name"]: want string, got number 1`},
		{"a case-insensitive match is named as sent", map[string]any{"USERNAME": 1.0}, into[folded](), `flight: .USERNAME: want string, got number 1`},
		{"a Map's number key", &flight.Map{Entries: []flight.MapEntry{{Key: 1.0, Value: "x"}}}, into[map[int]int](), `flight: [1]: want integer, got "x"`},
		{"a long string is cut", long, into[int](), `flight: want integer, got "` + strings.Repeat("é", 40) + `…"`},
		{"a string with control characters is escaped", "a\x00\u202e", into[int](), `flight: want integer, got "a\x00\u202e"`},
		{"invalid UTF-8 is replaced", "a\xff", into[int](), `flight: want integer, got "a�"`},
		{"undefined for a struct inside an array", []any{nil}, into[[]item](), `flight: [0]: want object, got null`},
		{"a server reference for a string", ref, into[string](), `flight: want string, got server reference`},
		{"a temporary reference for an int", flight.TemporaryRef{}, into[int](), `flight: want integer, got temporary reference`},
		{"a stream for a string", &flight.Stream{Kind: flight.AsyncIterable}, into[string](), `flight: want string, got AsyncIterable`},
		{"a Go value outside the value model", 3, into[string](), `flight: want string, got Go int`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := flight.Unmarshal(c.in, c.dst())
			if err == nil {
				t.Fatal("Unmarshal succeeded")
			}
			if err.Error() != c.want {
				t.Errorf("error\n got  %s\n want %s", err, c.want)
			}
			var ve *flight.ValueError
			if !errors.As(err, &ve) {
				t.Errorf("error %T is not a *flight.ValueError", err)
			}
		})
	}
}

func TestValueErrorReadsAsDocumented(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		err  flight.ValueError
		want string
	}{
		{"an argument with a path", flight.ValueError{Arg: 1, Path: ".items[3].qty", Want: "integer", Got: `"abc"`}, `flight: argument 1 (.items[3].qty): want integer, got "abc"`},
		{"no argument with a path", flight.ValueError{Path: ".items[3].qty", Want: "integer", Got: `"abc"`}, `flight: .items[3].qty: want integer, got "abc"`},
		{"an argument at its root", flight.ValueError{Arg: 2, Want: "string", Got: "null"}, `flight: argument 2: want string, got null`},
		{"a cause", flight.ValueError{Want: "level", Got: `"x"`, Err: errUnknownLevel}, `flight: want level, got "x": unknown level`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := c.err.Error(); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
	if e := (&flight.ValueError{Err: errUnknownLevel}); !errors.Is(e, errUnknownLevel) {
		t.Error("ValueError does not unwrap to its cause")
	}
}
