package actions

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// postForm builds the FormData a browser would post from name/value pairs.
// A value "file:NAME=DATA" is a chosen file; "file:" alone is the part a
// browser sends for a file input with no file chosen.
func postForm(pairs ...string) *flight.FormData {
	form := &flight.FormData{}
	for i := 0; i+1 < len(pairs); i += 2 {
		name, value := pairs[i], pairs[i+1]
		spec, isFile := strings.CutPrefix(value, "file:")
		if !isFile {
			form.Append(name, value)
			continue
		}
		fileName, data, _ := strings.Cut(spec, "=")
		form.AppendFile(name, &flight.File{Name: fileName, Type: "application/octet-stream", Data: []byte(data)})
	}
	return form
}

type (
	named struct {
		Title    string `form:"title"`
		Summary  string `json:"summary,omitempty"`
		Body     string
		Skipped  string `form:"-"`
		Hidden   string `json:"-"`
		Shown    string `json:"-" form:"shown"`
		internal string
	}
	audit struct {
		CreatedBy string `json:"createdBy"`
		Title     string // hidden by the outer Title
	}
	withEmbedded struct {
		audit
		Title string
		Owner audit `form:"owner"`
	}
	nameA      struct{ Name string }
	nameB      struct{ Name string }
	nameDeep   struct{ nameA }
	nameTagged struct {
		Name string `form:"Name"`
	}
	ambiguous struct {
		nameA
		nameB
		nameDeep
		Other string
	}
	taggedWins struct {
		nameA
		nameTagged
	}
	address struct {
		City string `form:"city"`
		Zip  int    `form:"zip"`
	}
	person struct {
		Name    string   `form:"name"`
		Home    address  `form:"home"`
		Work    *address `form:"work"`
		Email   string   `form:"contact.email"`
		Contact struct {
			Phone string `form:"phone"`
		} `form:"contact"`
	}
	node struct {
		Label string `form:"label"`
		Next  *node  `form:"next"`
	}
	lists struct {
		Tags   []string       `form:"tags"`
		Counts []int          `form:"counts"`
		Maybe  []*int         `form:"maybe"`
		Photos []*flight.File `form:"photos"`
		One    string         `form:"one"`
	}
	scalars struct {
		Agree   bool     `form:"agree"`
		Opt     *bool    `form:"opt"`
		Small   int8     `form:"small"`
		Age     int      `form:"age"`
		Byte    uint8    `form:"byte"`
		Big     uint64   `form:"big"`
		Ratio   float32  `form:"ratio"`
		Price   float64  `form:"price"`
		Count   *int     `form:"count"`
		Note    *string  `form:"note"`
		Anyway  any      `form:"anyway"`
		Nothing *float64 `form:"nothing"`
	}
	times struct {
		Day   time.Time  `form:"day"`
		At    time.Time  `form:"at"`
		Maybe *time.Time `form:"maybe"`
	}
	slug  string
	texts struct {
		IP   netip.Addr `form:"ip"`
		Slug slug       `form:"slug"`
		Opt  *slug      `form:"opt"`
	}
	files struct {
		Avatar *flight.File `form:"avatar"`
		Cover  flight.File  `form:"cover"`
		Title  string       `form:"title"`
		Any    any          `form:"any"`
	}
	mapFields struct {
		Meta   map[string]string   `form:"meta"`
		Multi  map[string][]string `form:"multi"`
		Values url.Values          `form:"values"`
	}
)

// UnmarshalText accepts lower-case letters and dashes only.
func (s *slug) UnmarshalText(b []byte) error {
	for _, c := range b {
		if c != '-' && (c < 'a' || c > 'z') {
			return fmt.Errorf("slug: invalid character %q", c)
		}
	}
	*s = slug(b)
	return nil
}

func ptr[T any](v T) *T { return &v }

func TestDecodeFormInto(t *testing.T) {
	t.Parallel()
	deep := make([]string, 33)
	for i := range deep {
		deep[i] = "next"
	}
	tests := []struct {
		name string
		form *flight.FormData
		into any // a pointer to the value decoded into
		want any // a pointer to the value expected
		errs map[string][]string
	}{
		// Names.
		{"a field is named by its form tag, else its json tag, else its Go name",
			postForm("title", "T", "summary", "S", "Body", "B"),
			&named{}, &named{Title: "T", Summary: "S", Body: "B"}, nil},
		{"form:\"-\" skips a field, and json:\"-\" does unless a form tag names it",
			postForm("Skipped", "x", "-", "x", "Hidden", "x", "shown", "yes"),
			&named{}, &named{Shown: "yes"}, nil},
		{"names match case-insensitively when no field matches exactly",
			postForm("TITLE", "T", "body", "B"),
			&named{}, &named{Title: "T", Body: "B"}, nil},
		{"an exact name outranks a case-insensitive one posted before it",
			postForm("Title", "folded", "title", "exact", "TITLE", "folded again"),
			&named{}, &named{Title: "exact"}, nil},
		{"unexported fields are ignored",
			postForm("internal", "x"),
			&named{}, &named{}, nil},
		{"fields of embedded structs are promoted unless a shallower field has the name",
			postForm("createdBy", "ada", "Title", "outer", "owner.createdBy", "bob"),
			&withEmbedded{}, &withEmbedded{audit: audit{CreatedBy: "ada"}, Title: "outer", Owner: audit{CreatedBy: "bob"}}, nil},
		{"a name two embedded structs share at the same depth is dropped, as encoding/json drops it",
			postForm("Name", "x", "Other", "y"),
			&ambiguous{}, &ambiguous{Other: "y"}, nil},
		{"of two embedded fields with one name, the tagged one wins",
			postForm("Name", "x"),
			&taggedWins{}, &taggedWins{nameTagged: nameTagged{Name: "x"}}, nil},
		{"unknown names and React's $ACTION_ fields are ignored",
			postForm("$ACTION_ID_abc", "", "$ACTION_KEY", "k", "nope", "x", "title", "T"),
			&named{}, &named{Title: "T"}, nil},

		// Nesting.
		{"a dotted name fills a nested struct",
			postForm("home.city", "Paris", "home.zip", "75001"),
			&person{}, &person{Home: address{City: "Paris", Zip: 75001}}, nil},
		{"a bracketed name fills a nested struct",
			postForm("home[city]", "Lyon", "work[zip]", "69001"),
			&person{}, &person{Home: address{City: "Lyon"}, Work: &address{Zip: 69001}}, nil},
		{"a pointer to a struct stays nil when nothing is stored in it",
			postForm("work.zip", "", "work.nope", "x", "work", "x"),
			&person{}, &person{}, nil},
		{"a tag with a dot matches the whole name before a nested field does",
			postForm("contact.email", "a@b.c", "contact.phone", "555"),
			&person{}, &person{Email: "a@b.c", Contact: struct {
				Phone string `form:"phone"`
			}{Phone: "555"}}, nil},
		{"names up to 32 segments reach into a type that contains itself",
			postForm(strings.Join(deep[:31], ".")+".label", "deep", "next.next.label", "two"),
			&node{}, func() *node {
				want := &node{}
				n := want
				for i := range 31 {
					n.Next = &node{}
					n = n.Next
					if i == 1 {
						n.Label = "two"
					}
				}
				n.Label = "deep"
				return want
			}(), nil},
		{"names deeper than 32 segments are ignored",
			postForm(strings.Join(deep, ".")+".label", "too deep"),
			&node{}, &node{}, nil},
		{"names that do not parse are ignored",
			postForm("home[city", "x", "home..city", "x", "home.", "x", "home[city]x", "x", "name.x", "x", "[name]", "x"),
			&person{}, &person{}, nil},

		// Repeats.
		{"repeated names fill a slice in order, with or without []",
			postForm("tags", "go", "tags[]", "react", "counts[]", "1", "counts[]", "2", "tags", "html"),
			&lists{}, &lists{Tags: []string{"go", "react", "html"}, Counts: []int{1, 2}}, nil},
		{"a field that is not a slice takes the first value",
			postForm("one", "first", "one", "second"),
			&lists{}, &lists{One: "first"}, nil},
		{"an empty value in a slice is a zero element, keeping lists aligned",
			postForm("counts", "1", "counts", "", "maybe", "", "maybe", "7", "tags", ""),
			&lists{}, &lists{Counts: []int{1, 0}, Maybe: []*int{nil, ptr(7)}, Tags: []string{""}}, nil},
		{"a posted slice replaces the one there, an absent one is left",
			postForm("tags", "new"),
			&lists{Tags: []string{"old", "older"}, Counts: []int{9}}, &lists{Tags: []string{"new"}, Counts: []int{9}}, nil},
		{"an element that does not convert is left out and reported",
			postForm("counts", "1", "counts", "x", "counts", "3"),
			&lists{}, &lists{Counts: []int{1, 3}}, map[string][]string{"counts": {"must be a whole number"}}},

		// Strings and bools.
		{"a file in a text field is an error",
			postForm("title", "file:a.txt=hi"),
			&files{}, &files{}, map[string][]string{"title": {"must be text"}}},
		{"checkbox values are true or false in any case",
			postForm("agree", "On", "opt", "no"),
			&scalars{}, &scalars{Agree: true, Opt: ptr(false)}, nil},
		{"true is on, true, 1 or yes",
			postForm("agree", "YES"),
			&scalars{}, &scalars{Agree: true}, nil},
		{"an empty checkbox value is false, and leaves a pointer nil",
			postForm("agree", "", "opt", ""),
			&scalars{Agree: true}, &scalars{}, nil},
		{"an absent checkbox leaves false",
			postForm("age", "1"),
			&scalars{}, &scalars{Age: 1}, nil},
		{"a value that is no checkbox value is an error",
			postForm("agree", "maybe"),
			&scalars{}, &scalars{}, map[string][]string{"agree": {"must be true or false"}}},

		// Numbers.
		{"whole numbers may be written with an exponent or a point, and spaces around",
			postForm("age", " 42 ", "small", "1e2", "byte", "2.0", "big", "18446744073709551615"),
			&scalars{}, &scalars{Age: 42, Small: 100, Byte: 2, Big: 18446744073709551615}, nil},
		{"a fraction or text in an integer field is an error",
			postForm("age", "1.5", "small", "abc", "byte", "0x10", "count", "1_000"),
			&scalars{}, &scalars{}, map[string][]string{
				"age": {"must be a whole number"}, "small": {"must be a whole number"},
				"byte": {"must be a whole number"}, "count": {"must be a whole number"}}},
		{"an integer out of its type's range is an error",
			postForm("small", "300", "byte", "-1", "age", "1e300", "big", "18446744073709551616", "count", "-1e400"),
			&scalars{}, &scalars{}, map[string][]string{
				"small": {"must be between -128 and 127"}, "byte": {"must be between 0 and 255"},
				"count": {"must be between -9223372036854775808 and 9223372036854775807"},
				"age":   {"must be between -9223372036854775808 and 9223372036854775807"},
				"big":   {"must be between 0 and 18446744073709551615"}}},
		{"floats are read in decimal notation",
			postForm("ratio", "0.25", "price", "-1.5e3"),
			&scalars{}, &scalars{Ratio: 0.25, Price: -1500}, nil},
		{"hex, underscores, NaN and infinities are not numbers",
			postForm("price", "0x1p4", "ratio", "NaN", "nothing", "Inf", "anyway", "x"),
			&scalars{}, &scalars{Anyway: "x"}, map[string][]string{
				"price": {"must be a number"}, "ratio": {"must be a number"}, "nothing": {"must be a number"}}},
		{"digits in no number's order are not a number",
			postForm("price", "1.2.3", "ratio", "-", "nothing", "1e"),
			&scalars{}, &scalars{}, map[string][]string{
				"price": {"must be a number"}, "ratio": {"must be a number"}, "nothing": {"must be a number"}}},
		{"a number beyond a float's range is an error",
			postForm("ratio", "1e39", "price", "-1e309"),
			&scalars{}, &scalars{}, map[string][]string{
				"ratio": {"must be between -3.4e+38 and 3.4e+38"}, "price": {"must be between -1.8e+308 and 1.8e+308"}}},
		{"an empty number leaves the field as it is, and a pointer nil",
			postForm("age", "", "count", " ", "price", ""),
			&scalars{Age: 5}, &scalars{Age: 5}, nil},
		{"a pointer is allocated for a value",
			postForm("count", "3", "note", "hi", "nothing", "0"),
			&scalars{}, &scalars{Count: ptr(3), Note: ptr("hi"), Nothing: ptr(0.0)}, nil},
		{"an empty string leaves a *string nil",
			postForm("note", ""),
			&scalars{}, &scalars{}, nil},
		{"any takes the text",
			postForm("anyway", "x"),
			&scalars{}, &scalars{Anyway: "x"}, nil},
		{"no form leaves everything as it is",
			nil, &scalars{Age: 1}, &scalars{Age: 1}, nil},

		// Times.
		{"a date input's value is midnight UTC",
			postForm("day", "2025-03-01"),
			&times{}, &times{Day: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}, nil},
		{"a datetime-local input's value is read in UTC, with or without seconds",
			postForm("day", "2025-03-01T09:30", "at", "2025-03-01T09:30:15.250", "maybe", "2025-03-01T09:30:15"),
			&times{}, &times{
				Day:   time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC),
				At:    time.Date(2025, 3, 1, 9, 30, 15, 250e6, time.UTC),
				Maybe: ptr(time.Date(2025, 3, 1, 9, 30, 15, 0, time.UTC))}, nil},
		{"RFC 3339 keeps its offset",
			postForm("at", "2025-03-01T09:30:00+02:00", "day", "2025-03-01T09:30:00Z"),
			&times{}, &times{
				At:  time.Date(2025, 3, 1, 9, 30, 0, 0, time.FixedZone("", 2*3600)),
				Day: time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)}, nil},
		{"a time of day, or a date written otherwise, is not a date",
			postForm("day", "15:04", "at", "01/03/2025", "maybe", "2025-3-1"),
			&times{}, &times{}, map[string][]string{
				"day": {"must be a date"}, "at": {"must be a date"}, "maybe": {"must be a date"}}},
		{"an empty date leaves the time zero, and a pointer nil",
			postForm("day", "", "maybe", ""),
			&times{}, &times{}, nil},

		// Types that read their own text.
		{"a TextUnmarshaler gets the text",
			postForm("ip", "192.0.2.1", "slug", "hello-world", "opt", "x"),
			&texts{}, &texts{IP: netip.MustParseAddr("192.0.2.1"), Slug: "hello-world", Opt: ptr(slug("x"))}, nil},
		{"a TextUnmarshaler's refusal is shown as not valid",
			postForm("ip", "300.1.1.1", "slug", "Hello World"),
			&texts{}, &texts{}, map[string][]string{"ip": {"is not valid"}, "slug": {"is not valid"}}},
		{"an empty value leaves a TextUnmarshaler as it is",
			postForm("slug", "", "opt", ""),
			&texts{Slug: "kept"}, &texts{Slug: "kept"}, nil},

		// Files.
		{"a file field takes the posted file",
			postForm("avatar", "file:me.png=PNG", "cover", "file:c.jpg=JPG", "any", "file:a=A"),
			&files{}, &files{
				Avatar: &flight.File{Name: "me.png", Type: "application/octet-stream", Data: []byte("PNG")},
				Cover:  flight.File{Name: "c.jpg", Type: "application/octet-stream", Data: []byte("JPG")},
				Any:    &flight.File{Name: "a", Type: "application/octet-stream", Data: []byte("A")}}, nil},
		{"a slice of files takes every file",
			postForm("photos", "file:a.png=A", "photos", "file:b.png=B"),
			&lists{}, &lists{Photos: []*flight.File{
				{Name: "a.png", Type: "application/octet-stream", Data: []byte("A")},
				{Name: "b.png", Type: "application/octet-stream", Data: []byte("B")}}}, nil},
		{"an empty file input leaves a file nil and adds no element",
			postForm("avatar", "file:", "cover", "file:", "photos", "file:", "title", "file:"),
			&files{}, &files{}, nil},
		{"an empty file input among chosen files is skipped",
			postForm("photos", "file:", "photos", "file:b.png=B"),
			&lists{}, &lists{Photos: []*flight.File{{Name: "b.png", Type: "application/octet-stream", Data: []byte("B")}}}, nil},
		{"a chosen file that is empty is still a file",
			postForm("avatar", "file:empty.txt="),
			&files{}, &files{Avatar: &flight.File{Name: "empty.txt", Type: "application/octet-stream", Data: []byte{}}}, nil},
		{"text in a file field is an error",
			postForm("avatar", "me.png", "cover", "x", "photos", "y"),
			&files{}, &files{}, map[string][]string{"avatar": {"must be a file"}, "cover": {"must be a file"}}},
		{"an urlencoded post of an empty file input leaves the file nil",
			postForm("avatar", ""),
			&files{}, &files{}, nil},

		// Maps.
		{"a map takes the rest of the name as its key",
			postForm("meta[color]", "red", "meta.size", "L", "meta[a][b]", "deep", "meta[color]", "blue",
				"multi[x]", "1", "multi.x", "2", "values[q]", "go"),
			&mapFields{}, &mapFields{
				Meta:   map[string]string{"color": "red", "size": "L", "a.b": "deep"},
				Multi:  map[string][]string{"x": {"1", "2"}},
				Values: url.Values{"q": {"go"}}}, nil},
		{"entries are added to an existing map",
			postForm("meta[new]", "1"),
			&mapFields{Meta: map[string]string{"old": "0"}}, &mapFields{Meta: map[string]string{"old": "0", "new": "1"}}, nil},
		{"a name without a key leaves a map alone",
			postForm("meta", "x", "meta[]", "x", "meta.", "x", "meta[a][]", "x"),
			&mapFields{}, &mapFields{}, nil},
		{"a file in a map is an error",
			postForm("meta[pic]", "file:a.png=A", "multi[pic]", "file:b=B", "meta[none]", "file:"),
			&mapFields{}, &mapFields{}, map[string][]string{"meta[pic]": {"must be text"}, "multi[pic]": {"must be text"}}},

		// Error keys.
		{"error keys are the names as posted",
			postForm("home[zip]", "abc", "HOME.ZIP", "def", "work.zip", "x"),
			&person{}, &person{}, map[string][]string{"home[zip]": {"must be a whole number"}, "work.zip": {"must be a whole number"}}},
		{"a message is listed once per name",
			postForm("counts", "a", "counts", "b"),
			&lists{}, &lists{}, map[string][]string{"counts": {"must be a whole number"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			errs, err := decodeFormInto(tt.form, reflect.ValueOf(tt.into))
			if err != nil {
				t.Fatalf("decodeFormInto: %v", err)
			}
			if !reflect.DeepEqual(tt.into, tt.want) {
				t.Errorf("decoded\n %+v\nwant\n %+v", reflect.ValueOf(tt.into).Elem(), reflect.ValueOf(tt.want).Elem())
			}
			if !reflect.DeepEqual(errs, tt.errs) {
				t.Errorf("field errors %q, want %q", errs, tt.errs)
			}
		})
	}
}

// A user who made five mistakes sees five messages after one submit.
func TestDecodeFormIntoReportsEveryErrorAtOnce(t *testing.T) {
	t.Parallel()
	form := postForm("agree", "perhaps", "small", "1000", "age", "ten", "price", "cheap", "note", "fine",
		"anyway", "file:x=1", "byte", "7")
	var got scalars
	errs, err := decodeFormInto(form, reflect.ValueOf(&got))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"agree": {"must be true or false"},
		"small": {"must be between -128 and 127"},
		"age":   {"must be a whole number"},
		"price": {"must be a number"},
	}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("field errors %q, want %q", errs, want)
	}
	// The values that did convert are stored all the same, to render the
	// form again with what the user typed.
	if got.Byte != 7 || got.Note == nil || *got.Note != "fine" || got.Anyway == nil {
		t.Errorf("the valid fields were not stored: %+v", got)
	}
}

type (
	withChan      struct{ C chan int }
	withFunc      struct{ F func() }
	withIntMap    struct{ M map[int]string }
	withAnyMap    struct{ M map[string]any }
	withInterface struct{ S fmt.Stringer }
	withArray     struct{ A [3]int }
	withBytes     struct{ B []byte }
	withStructs   struct{ Items []address }
	withNested    struct {
		Inner struct{ Deeper struct{ C chan int } }
	}
	hiddenBase    struct{ Name string }
	withHiddenPtr struct{ *hiddenBase }
)

// Programmer mistakes are an error whatever was posted, naming the field,
// so that the first request (or a check at registration) finds them.
func TestDecodeFormIntoRefusesTypesNoFormCanFill(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		dst  reflect.Value
		want string
	}{
		{"a channel", reflect.ValueOf(&withChan{}), "withChan.C (chan int)"},
		{"a func", reflect.ValueOf(&withFunc{}), "withFunc.F (func())"},
		{"a map with other keys", reflect.ValueOf(&withIntMap{}), "map[string]string and map[string][]string"},
		{"a map with other values", reflect.ValueOf(&withAnyMap{}), "withAnyMap.M"},
		{"an interface other than any", reflect.ValueOf(&withInterface{}), "the only interface a form fills is any"},
		{"an array", reflect.ValueOf(&withArray{}), "use a slice"},
		{"a byte slice", reflect.ValueOf(&withBytes{}), "use string or *flight.File"},
		{"a slice of structs", reflect.ValueOf(&withStructs{}), "withStructs.Items ([]actions.address)"},
		{"a nested field, by its path", reflect.ValueOf(&withNested{}), "withNested.Inner.Deeper.C"},
		{"an embedded pointer to an unexported struct", reflect.ValueOf(&withHiddenPtr{}), "withHiddenPtr.hiddenBase.Name"},
		{"a value that is not a struct", reflect.ValueOf(new(string)), "not string"},
		{"a struct that is one value", reflect.ValueOf(&time.Time{}), "not time.Time"},
		{"a struct that cannot be set", reflect.ValueOf(named{}), "settable"},
		{"a nil pointer that cannot be set", reflect.ValueOf((*named)(nil)), "non-nil pointer"},
		{"no value at all", reflect.Value{}, "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, form := range []*flight.FormData{nil, postForm("other", "x")} {
				errs, err := decodeFormInto(form, tt.dst)
				if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "actions: ") {
					t.Fatalf("err = %v, want one mentioning %q", err, tt.want)
				}
				if errs != nil {
					t.Errorf("field errors %q with a type error", errs)
				}
			}
		})
	}
}

func TestDecodeFormIntoTakesAnyStructDestination(t *testing.T) {
	t.Parallel()
	form := postForm("title", "T")
	var byValue named
	var byPointer *named
	for _, dst := range []reflect.Value{
		reflect.ValueOf(&byValue),
		reflect.ValueOf(&byValue).Elem(),
		reflect.ValueOf(&byPointer).Elem(),
	} {
		if _, err := decodeFormInto(form, dst); err != nil {
			t.Fatal(err)
		}
	}
	if byValue.Title != "T" || byPointer == nil || byPointer.Title != "T" {
		t.Errorf("got %+v and %+v", byValue, byPointer)
	}
}

// The plan is cached per type and shared by concurrent requests.
func TestDecodeFormIntoIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	form := postForm("name", "Ada", "home.city", "London", "work[zip]", "1")
	done := make(chan error)
	for range 8 {
		go func() {
			var p person
			_, err := decodeFormInto(form, reflect.ValueOf(&p))
			if err == nil && (p.Home.City != "London" || p.Work == nil || p.Work.Zip != 1) {
				err = errors.New("wrong result")
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
