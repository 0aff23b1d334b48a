package flight_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// DecodeRows boxes its numbers, strings and dates in slabs it shares
// between values (rows_boxes.go): each must still be an ordinary value of
// its type, equal to what Go's own boxing gives, and live on when the rest
// of the tree is gone.
func TestDecodeRowsScalarsAreOrdinaryValuesThatOutliveTheirTree(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "bench", "list100.rows"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := flight.DecodeRows(bytes.NewReader(body), flight.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	last := v.([]any)[99].(map[string]any)
	kept := []any{last["id"], last["title"], last["createdAt"]}
	v, last = nil, nil
	for range 3 {
		runtime.GC()
		if _, err := flight.DecodeRows(bytes.NewReader(body), flight.Limits{}); err != nil {
			t.Fatal(err)
		}
	}
	want := []any{100.0, "Post number 100", time.Date(2025, 1, 1, 0, 1, 39, 0, time.UTC)}
	for i, w := range want {
		got := kept[i]
		if got != w || fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("value %d: %#v, want %#v", i, got, w)
		}
		switch x := got.(type) {
		case float64:
			if x+1 != 101 {
				t.Errorf("id+1 = %v", x+1)
			}
		case string:
			if len(x) != 15 {
				t.Errorf("title %q has %d bytes", x, len(x))
			}
		case time.Time:
			if !x.Equal(want[2].(time.Time)) || x.Location() != time.UTC {
				t.Errorf("date %v", x)
			}
		default:
			t.Errorf("value %d has type %T", i, got)
		}
	}
}
