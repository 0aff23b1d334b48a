package flight_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// UnmarshalRows must be Unmarshal(DecodeRows(…)): the same value in the
// destination and the same error, whichever way it reads the rows.

// unmarshalBoth decodes body into two fresh destinations made by newDst,
// with UnmarshalRows and with Unmarshal(DecodeRows(…)), and fails unless
// both give the same.
func unmarshalBoth(t *testing.T, body []byte, l flight.Limits, newDst func() any) (dst any, err error) {
	t.Helper()
	got := newDst()
	gotErr := flight.UnmarshalRows(bytes.NewReader(body), l, got)
	reference := func() (any, error) {
		want := newDst()
		v, err := flight.DecodeRows(bytes.NewReader(body), l)
		if err == nil {
			err = flight.Unmarshal(v, want)
		}
		return want, err
	}
	want, wantErr := reference()
	// Into a Go map, Unmarshal meets a decoded object's properties in Go's
	// random map order, so of several that do not fit, which one its error
	// names varies from run to run: UnmarshalRows's must be one of them.
	for try := 0; try < 200 && fmt.Sprint(gotErr) != fmt.Sprint(wantErr) && isValueError(gotErr) && isValueError(wantErr); try++ {
		want, wantErr = reference()
	}
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("%.300q into %T:\nUnmarshalRows:         %v\nUnmarshal(DecodeRows): %v", body, got, gotErr, wantErr)
	}
	if wantErr == nil && goDump(got) != goDump(want) {
		t.Fatalf("%.300q into %T:\nUnmarshalRows:         %.1000s\nUnmarshal(DecodeRows): %.1000s", body, got, goDump(got), goDump(want))
	}
	return got, gotErr
}

func isValueError(err error) bool {
	var ve *flight.ValueError
	return errors.As(err, &ve)
}

func TestUnmarshalRowsAgreesWithUnmarshalOfDecodeRowsOnEveryGolden(t *testing.T) {
	for name, body := range goldenRows(t) {
		for _, d := range rowsDestinations {
			t.Run(name+"/"+d.name, func(t *testing.T) {
				t.Parallel()
				unmarshalBoth(t, body, flight.Limits{}, d.new)
			})
		}
	}
}

// The careful way is for the unusual; what React and EncodeRows write
// is read in place.
func TestUnmarshalRowsReadsEveryGoldenInPlaceWhenItFits(t *testing.T) {
	for name, body := range goldenRows(t) {
		for _, d := range rowsDestinations {
			v, err := flight.DecodeRows(bytes.NewReader(body), flight.Limits{})
			if err != nil || flight.Unmarshal(v, d.new()) != nil {
				continue
			}
			if err := flight.UnmarshalRowsInPlace(body, flight.Limits{}, d.new()); err != nil {
				t.Errorf("%s into %s: the in-place way gives up: %v", name, d.name, err)
			}
		}
	}
}

func TestUnmarshalRowsDecodesTheBenchmarkListIntoItsStructs(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "bench", "list100.rows"))
	if err != nil {
		t.Fatal(err)
	}
	var got []listPost
	if err := flight.UnmarshalRows(bytes.NewReader(body), flight.Limits{}, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, benchList100()) {
		t.Errorf("got %+v…, want the list EncodeRows wrote", got[:2])
	}
}

func TestUnmarshalRows(t *testing.T) {
	shape := func() any { return new(rowsShape) }
	shapes := func() any { return new([]rowsShape) }
	cases := []struct {
		name    string
		rows    string
		newDst  func() any
		want    any    // what dst points to; nil to only compare with Unmarshal(DecodeRows)
		wantErr string // a part of the error
	}{
		{name: "fields are matched by json tags, then case-insensitively",
			rows: `0:{"x":1,"LABEL":"l","createdAt":"$D2025-01-02T03:04:05.678Z","tags":{"a":"b"},"pair":[3,4]}` + "\n", newDst: shape,
			want: &rowsShape{X: 1, Label: "l", CreatedAt: time.Date(2025, 1, 2, 3, 4, 5, 678e6, time.UTC), Tags: map[string]string{"a": "b"}, Pair: [2]int{3, 4}}},
		{name: "the exact name wins over a case-insensitive one", rows: `0:{"label":"a","Label":"b"}` + "\n", newDst: shape,
			want: &rowsShape{Label: "b"}},
		{name: "a repeated key: the last one counts", rows: `0:{"x":1,"x":2}` + "\n", newDst: shape, want: &rowsShape{X: 2}},
		{name: "a repeated key whose last value is undefined leaves the field", rows: `0:{"x":1,"x":"$undefined"}` + "\n", newDst: shape,
			want: &rowsShape{}},
		{name: "an undefined property leaves a case-insensitive match its field", rows: `0:{"x":"$undefined","X":5}` + "\n", newDst: shape,
			want: &rowsShape{X: 5}},
		{name: "an embedded pointer is allocated for its promoted fields", rows: `0:{"p":"q","e":3}` + "\n", newDst: shape,
			want: &rowsShape{rowsEmbedded: rowsEmbedded{E: 3}, RowsEmbeddedPointer: &RowsEmbeddedPointer{P: "q"}}},
		{name: "a pointer field is allocated, null leaves it nil", rows: `0:{"nested":{"x":1,"nested":null},"b":7}` + "\n", newDst: shape,
			want: &rowsShape{Nested: &rowsShape{X: 1}, B: ptr(7)}},
		{name: "references to other rows and paths into them", rows: "1:{\"x\":9,\"set\":[\"a\"]}\n0:[\"$1\",\"$0:0\",{\"nested\":\"$1\",\"set\":\"$1:set\"}]\n", newDst: shapes},
		{name: "strings starting with a dollar sign", rows: `0:{"s":"$$x","t":"\u0024$y"}` + "\n", newDst: shape, want: &rowsShape{S: "$x", T: "$y"}},
		{name: "any fields hold the decoded value", rows: `0:{"any":{"k":[1,"$n2"]},"m":"$Q1"}` + "\n1:[[\"a\",1]]\n", newDst: shape},
		{name: "a list of the benchmark's shape", rows: `0:[{"id":1,"title":"t","content":"c","likes":0,"createdAt":"$D2025-01-01T00:00:00.000Z"}]` + "\n",
			newDst: func() any { return new([]listPost) },
			want:   &[]listPost{{ID: 1, Title: "t", Content: "c", CreatedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}},
		{name: "structs of scalars, whatever the order, spelling and spacing of their keys",
			rows: `0:[{"id":1,"title":"a","x":2,"s":"b","flag":true,"z":1.5,"createdAt":"$D2025-01-02T03:04:05.678Z","Label":"l","likes":3,"a":0.5},` +
				`{"title":"out of order","id":2},{"id":3,"title":"t","title":"again"},{"id":4, "title" : "spaced" ,"x":1},` +
				`{"id":5,"x":"$undefined","s":"$$d"},{"id":6,"title":"esc\"aped","s":"é","\u0078":7},` +
				`{"id":7,"extra":[1],"title":"t","label":"folded"},{},{"id":8,"flag":false,"z":-0,"a":1e3}]` + "\n",
			newDst: func() any { return new([]rowsLeaves) },
			want: &[]rowsLeaves{
				{ID: 1, Title: "a", X: 2, S: "b", Flag: true, Z: 1.5, CreatedAt: time.Date(2025, 1, 2, 3, 4, 5, 678e6, time.UTC), Label: "l", Likes: 3, A: 0.5},
				{ID: 2, Title: "out of order"}, {ID: 3, Title: "again"}, {ID: 4, Title: "spaced", X: 1},
				{ID: 5, S: "$d"}, {ID: 6, Title: `esc"aped`, S: "é", X: 7}, {ID: 7, Title: "t", Label: "folded"}, {},
				{ID: 8, Z: float32(math.Copysign(0, -1)), A: 1000},
			}},
		{name: "a struct of scalars refuses what Unmarshal refuses", rows: `0:[{"id":1},{"id":1,"x":300}]` + "\n",
			newDst: func() any { return new([]rowsLeaves) }, wantErr: "[1].x: want integer in int8 range"},
		{name: "an empty array is an empty slice", rows: "0:[]\n", newDst: shapes, want: &[]rowsShape{}},
		{name: "numbers into every integer size", rows: `0:{"y":-128,"id":65535,"likes":0,"x":-9007199254740991}` + "\n", newDst: shape,
			want: &rowsShape{Y: -128, ID: 65535, X: -9007199254740991}},
		{name: "a number out of an integer's range is refused", rows: `0:{"y":128}` + "\n", newDst: shape, wantErr: "want integer in int8 range, got number 128"},
		{name: "a negative number into an unsigned integer is refused", rows: `0:{"id":-1}` + "\n", newDst: shape, wantErr: "want integer in uint16 range"},
		{name: "a fraction into an integer is refused", rows: `0:{"x":1.5}` + "\n", newDst: shape, wantErr: ".x: want integer, got number 1.5"},
		{name: "a string into an integer is refused", rows: `0:[{"x":"1"}]` + "\n", newDst: shapes, wantErr: `[0].x: want integer, got "1"`},
		{name: "an array of the wrong length is refused", rows: `0:{"pair":[1,2,3]}` + "\n", newDst: shape, wantErr: "want array of length 2, got array of length 3"},
		{name: "a malformed date is refused as DecodeRows refuses it", rows: `0:{"d":"$D2025-13-01T00:00:00.000Z"}` + "\n", newDst: shape, wantErr: "invalid date"},
		{name: "a property no field takes is still decoded and checked", rows: `0:{"unknown":"$Dnope"}` + "\n", newDst: shape, wantErr: "invalid date"},
		{name: "a malformed row nothing refers to is refused", rows: "0:{\"x\":1}\n1:{\n", newDst: shape, wantErr: "invalid JSON"},
		{name: "a cycle is refused", rows: `0:{"nested":"$0"}` + "\n", newDst: shape, wantErr: "reference cycle"},
		{name: "an error root is the server's error", rows: `0:E{"message":"boom","stack":[]}` + "\n", newDst: shape, wantErr: "boom"},
		{name: "a text root", rows: "1:T2,hi0:\"$1\"\n", newDst: func() any { return new(string) }, want: ptr("hi")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dst, err := unmarshalBoth(t, []byte(c.rows), flight.Limits{}, c.newDst)
			switch {
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("err = %v, want one containing %q", err, c.wantErr)
			case c.wantErr == "" && err != nil:
				t.Fatal(err)
			case c.want != nil && goDump(dst) != goDump(c.want):
				t.Errorf("got  %s\nwant %s", goDump(dst), goDump(c.want))
			}
		})
	}
}

// Plans per Go type are shared: decoding into one type from many
// goroutines at once must neither race nor mix them up (go test -race).
func TestUnmarshalRowsIsSafeForConcurrentUse(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "bench", "list100.rows"))
	if err != nil {
		t.Fatal(err)
	}
	want := benchList100()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				var got []listPost
				if err := flight.UnmarshalRows(bytes.NewReader(body), flight.Limits{}, &got); err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("UnmarshalRows: %v, or not the list", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestUnmarshalRowsKeepsWhatANonZeroDestinationHolds(t *testing.T) {
	dst := rowsShape{X: 1, Label: "kept", Nested: &rowsShape{S: "inner kept"}}
	rows := `0:{"x":2,"nested":{"x":3}}` + "\n"
	if err := flight.UnmarshalRows(strings.NewReader(rows), flight.Limits{}, &dst); err != nil {
		t.Fatal(err)
	}
	want := rowsShape{X: 2, Label: "kept", Nested: &rowsShape{S: "inner kept", X: 3}}
	if goDump(dst) != goDump(want) {
		t.Errorf("got  %s\nwant %s", goDump(dst), goDump(want))
	}
}

func TestUnmarshalRowsRefusesADestinationThatIsNotAPointer(t *testing.T) {
	for _, dst := range []any{nil, rowsShape{}, (*rowsShape)(nil)} {
		err := flight.UnmarshalRows(strings.NewReader("0:1\n"), flight.Limits{}, dst)
		var ve *flight.ValueError
		if err == nil || errors.As(err, &ve) || !strings.Contains(err.Error(), "needs a non-nil pointer") {
			t.Errorf("UnmarshalRows(%T) = %v", dst, err)
		}
	}
}

func TestUnmarshalRowsKeepsTheLimits(t *testing.T) {
	cases := []struct {
		name   string
		rows   string
		limits flight.Limits
		rule   string
	}{
		{"MaxDepth", `0:{"nested":{"nested":{"nested":{}}}}` + "\n", flight.Limits{MaxDepth: 2}, "MaxDepth"},
		{"MaxArraySlots", `0:{"list":[{},{},{}]}` + "\n", flight.Limits{MaxArraySlots: 3}, "MaxArraySlots"},
		{"MaxTotalBytes", `0:{"s":"0123456789"}` + "\n", flight.Limits{MaxTotalBytes: 8}, "MaxTotalBytes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := unmarshalBoth(t, []byte(c.rows), c.limits, func() any { return new(rowsShape) })
			var de *flight.DecodeError
			if !errors.As(err, &de) || de.Rule != c.rule {
				t.Fatalf("err = %v, want a DecodeError of rule %s", err, c.rule)
			}
		})
	}
}

// FuzzUnmarshalRows holds UnmarshalRows to Unmarshal(DecodeRows(…)) on any
// input, into each of the destination types.
func FuzzUnmarshalRows(f *testing.F) {
	for _, body := range goldenRows(f) {
		for i := range rowsDestinations {
			f.Add(body, uint8(i))
		}
	}
	for _, s := range []string{
		`0:{"x":1,"LABEL":"l","createdAt":"$D2025-01-02T03:04:05.678Z","tags":{"a":"b"},"pair":[3,4],"flag":true}`,
		`0:{"nested":{"nested":{"list":[{"x":1},{"y":-1}]}},"p":"q","e":3,"b":null}`,
		"1:{\"x\":9,\"set\":[\"a\"]}\n0:[\"$1\",\"$0:0\",{\"nested\":\"$1\",\"set\":\"$1:set\"}]",
		`0:{"x":"$undefined","X":5,"label":"a","Label":"b","x":7}`,
		`0:{"a":[1,2,3],"b":[true,false],"c":{"x":1}}`,
	} {
		for i := range rowsDestinations {
			f.Add([]byte(s+"\n"), uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, kind uint8) {
		d := rowsDestinations[int(kind)%len(rowsDestinations)]
		unmarshalBoth(t, body, flight.Limits{MaxArraySlots: 10000, MaxDepth: 32}, d.new)
	})
}
