package flight_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// UnmarshalReplyArgs must give what UnmarshalArgs(DecodeReply(…)) gives,
// however it reads the reply (reply_unmarshal.go): the reference here is
// the careful decoder alone, without DecodeReply's in-place reader.

const textReply = "text/plain;charset=UTF-8"

// unmarshalReplyBoth fails unless UnmarshalReplyArgs and
// UnmarshalArgs(DecodeReply(…)) give the same arguments, count and error
// for root, read into fresh destinations of the kinds given.
func unmarshalReplyBoth(t *testing.T, root string, l flight.Limits, kinds ...int) {
	t.Helper()
	fresh := func() []any {
		dsts := make([]any, len(kinds))
		for i, k := range kinds {
			dsts[i] = rowsDestinations[k%len(rowsDestinations)].new()
		}
		return dsts
	}
	got := fresh()
	n, gotErr := flight.UnmarshalReplyArgs(strings.NewReader(root), textReply, l, got...)
	reference := func() ([]any, int, error) {
		want := fresh()
		v, err := flight.DecodeReplyCarefully(strings.NewReader(root), textReply, l)
		if err != nil {
			return want, 0, err
		}
		args, ok := v.([]any)
		if !ok {
			return want, 0, fmt.Errorf("flight: the reply's root is %s, not an array of arguments", flight.TypeName(v))
		}
		return want, len(args), flight.UnmarshalArgs(args, want...)
	}
	want, wantN, wantErr := reference()
	// Into Go maps, Unmarshal meets properties in Go's random order: of
	// several that do not fit, which one an error names varies.
	for try := 0; try < 200 && fmt.Sprint(gotErr) != fmt.Sprint(wantErr) && isValueError(gotErr) && isValueError(wantErr); try++ {
		want, wantN, wantErr = reference()
	}
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("%.300q:\nUnmarshalReplyArgs:                 %v\nUnmarshalArgs(DecodeReply(…)): %v", root, gotErr, wantErr)
	}
	if wantErr != nil {
		return
	}
	if n != wantN {
		t.Fatalf("%.300q: UnmarshalReplyArgs counts %d arguments, DecodeReply %d", root, n, wantN)
	}
	if goDump(got) != goDump(want) {
		t.Fatalf("%.300q:\nUnmarshalReplyArgs:            %.1000s\nUnmarshalArgs(DecodeReply(…)): %.1000s", root, goDump(got), goDump(want))
	}
}

func TestUnmarshalReplyArgsReadsAListOfPostsStraightIntoStructs(t *testing.T) {
	type post struct {
		ID        int       `json:"id"`
		Title     string    `json:"title"`
		Content   string    `json:"content"`
		Likes     int       `json:"likes"`
		CreatedAt time.Time `json:"createdAt"`
	}
	root := mustRead(t, filepath.Join("testdata", "bench", "list100-reply.body"))
	var posts []post
	if n, err := flight.UnmarshalReplyArgsInPlace(root, flight.Limits{}, &posts); err != nil || n != 1 {
		t.Fatalf("the fast way gives up on the benchmark's list: %d, %v", n, err)
	}
	if len(posts) != 100 {
		t.Fatalf("%d posts, want 100", len(posts))
	}
	want := post{ID: 100, Title: "Post number 100", Content: "The body of post 100, long enough to look like a real excerpt.", Likes: 297, CreatedAt: time.Date(2025, 1, 1, 0, 1, 39, 0, time.UTC)}
	if posts[99] != want {
		t.Fatalf("last post %+v, want %+v", posts[99], want)
	}
}

func TestUnmarshalReplyArgsAgreesWithUnmarshalArgsOfDecodeReply(t *testing.T) {
	roots := textReplies(t)
	for name, root := range map[string]string{
		"two arguments":      `[{"x":1,"label":"a","createdAt":"$D2025-01-02T03:04:05.678Z"},["a","b"]]`,
		"more than asked":    `["a","b","c"]`,
		"undefined argument": `["$undefined",{"x":"$undefined"}]`,
		"not an array":       `{"x":1}`,
		"a string root":      `"x"`,
		"a wrong type":       `[{"x":"one"},[1,2]]`,
		"a reference":        `[{"x":1},"$0:0"]`,
		"a repeated key":     `[{"x":1,"x":2}]`,
		"broken":             `[{"x":1}`,
		"no arguments":       `[]`,
	} {
		roots[name] = root
	}
	for name, root := range roots {
		for k := range rowsDestinations {
			t.Run(name+"/"+rowsDestinations[k].name, func(t *testing.T) {
				unmarshalReplyBoth(t, root, flight.Limits{}, k, k+3)
			})
		}
	}
}

func TestUnmarshalReplyArgsRefusesWhatIsNotAPointer(t *testing.T) {
	var s string
	_, err := flight.UnmarshalReplyArgs(strings.NewReader(`["a"]`), textReply, flight.Limits{}, &s, s)
	if err == nil || !strings.Contains(err.Error(), "destination 2 is string") {
		t.Fatalf("err = %v, want a refusal naming destination 2", err)
	}
}

func TestUnmarshalReplyArgsNamesTheArgumentAndPath(t *testing.T) {
	var a string
	var b struct {
		Items []struct {
			Qty int `json:"qty"`
		} `json:"items"`
	}
	_, err := flight.UnmarshalReplyArgs(strings.NewReader(`["ok",{"items":[{"qty":1},{"qty":"abc"}]}]`), textReply, flight.Limits{}, &a, &b)
	var ve *flight.ValueError
	if !errors.As(err, &ve) || err.Error() != `flight: argument 2 (.items[1].qty): want integer, got "abc"` {
		t.Fatalf("err = %v", err)
	}
}

// FuzzUnmarshalReplyArgs holds UnmarshalReplyArgs to
// UnmarshalArgs(DecodeReply(…)) on any root, into two destinations, under
// tight limits when a is 128 or more.
func FuzzUnmarshalReplyArgs(f *testing.F) {
	for _, root := range textReplies(f) {
		if len(root) < 4096 { // the fuzzer minimizes long inputs slowly
			f.Add(root, uint8(0), uint8(4))
		}
	}
	for _, s := range []string{
		`[{"x":1,"LABEL":"l","createdAt":"$D2025-01-02T03:04:05.678Z","tags":{"a":"b"},"pair":[3,4],"flag":true}]`,
		`[{"nested":{"nested":{"list":[{"x":1},{"y":-1}]}},"p":"q","e":3,"b":null},[1,2,3]]`,
		`[{"x":"$undefined","X":5,"label":"a","Label":"b","x":7},"$n12"]`,
		`[[{"a":[1,2,3],"b":[true,false],"c":{"x":1}}],"$D2025-01-02T03:04:05.678Z","x"]`,
	} {
		for i := range rowsDestinations {
			f.Add(s, uint8(i), uint8(i+5))
		}
	}
	f.Fuzz(func(t *testing.T, root string, a, b uint8) {
		l := flight.Limits{MaxArraySlots: 10000, MaxDepth: 32}
		if a >= 128 {
			l = flight.Limits{MaxArraySlots: 6, MaxDepth: 3, MaxBigIntDigits: 5, MaxTotalBytes: 40, MaxFieldBytes: 60}
		}
		unmarshalReplyBoth(t, root, l, int(a), int(b))
	})
}

// A Date's text may give an offset and a six-digit year (Date.parse reads
// both, though toISOString writes neither an offset nor, for years
// 0–9999, six digits): every reader takes the offset away after the year
// is put in.
func TestDatesWithOffsetsAndSixDigitYears(t *testing.T) {
	texts := []string{"+002025-01-01T00:00:00.000+05:00", "-000001-06-01T00:00:00.000Z", "2025-01-01T00:00:00.000-05:00"}
	want := []time.Time{
		time.Date(2024, 12, 31, 19, 0, 0, 0, time.UTC),
		time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 1, 1, 5, 0, 0, 0, time.UTC),
	}
	for i, text := range texts {
		root := `["$D` + text + `"]`
		v, err := flight.DecodeReply(strings.NewReader(root), textReply, flight.Limits{})
		if err != nil || !v.([]any)[0].(time.Time).Equal(want[i]) {
			t.Errorf("DecodeReply(%s) = %v, %v; want %v", root, v, err, want[i])
		}
		var got time.Time
		if _, err := flight.UnmarshalReplyArgs(strings.NewReader(root), textReply, flight.Limits{}, &got); err != nil || !got.Equal(want[i]) {
			t.Errorf("UnmarshalReplyArgs(%s) = %v, %v; want %v", root, got, err, want[i])
		}
		rows := "0:" + root + "\n"
		if v, err := flight.DecodeRows(strings.NewReader(rows), flight.Limits{}); err != nil || !v.([]any)[0].(time.Time).Equal(want[i]) {
			t.Errorf("DecodeRows(%s) = %v, %v; want %v", rows, v, err, want[i])
		}
	}
}
