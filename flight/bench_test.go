package flight_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// The benchmark payloads are the bodies React's own client produced for
// testdata/react/bench-payloads.mjs (written into testdata/bench by bench-bodies.mjs), so the Go
// codec and React's are measured on the very same bytes; see README.md for
// the side-by-side figures and scripts/bench-codec.sh to rerun them.

func benchBody(b *testing.B, name string) (body []byte, contentType string) {
	b.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "bench", name+".body"))
	if err != nil {
		b.Fatal(err)
	}
	ct, err := os.ReadFile(filepath.Join("testdata", "bench", name+".type"))
	if err != nil {
		b.Fatal(err)
	}
	return body, strings.TrimSpace(string(ct))
}

func BenchmarkDecodeReplyForm10(b *testing.B) {
	body, ct := benchBody(b, "form10-reply")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := flight.DecodeReply(bytes.NewReader(body), ct, flight.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeActionForm10(b *testing.B) {
	body, ct := benchBody(b, "form10-action")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := flight.DecodeAction(bytes.NewReader(body), ct, flight.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeReplyArgs(b *testing.B) {
	body, ct := benchBody(b, "args")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := flight.DecodeReply(bytes.NewReader(body), ct, flight.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// codecArgs is the Go value of the args payload: what a Go client sends.
func codecArgs() []any {
	return []any{
		map[string]any{
			"title":     "Hello",
			"author":    map[string]any{"name": "Ann", "tags": []any{"a", "b"}},
			"published": true,
			"score":     4.5,
		},
		&flight.Map{Entries: []flight.MapEntry{{Key: "k1", Value: 1.0}, {Key: "k2", Value: 2.0}, {Key: "k3", Value: 3.0}}},
		time.Date(2025, 1, 2, 3, 4, 5, 6e6, time.UTC),
	}
}

func BenchmarkEncodeReplyArgs(b *testing.B) {
	args := codecArgs()
	b.ReportAllocs()
	for b.Loop() {
		r, err := flight.EncodeReply(args)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// listPost is a row of the list100 payload, as a Go action returns it.
type listPost struct {
	ID        int       `json:"id"`
	Title     string    `json:"title"`
	Content   string    `json:"content"`
	Likes     int       `json:"likes"`
	CreatedAt time.Time `json:"createdAt"`
}

func benchList100() []listPost {
	out := make([]listPost, 100)
	for i := range out {
		out[i] = listPost{
			ID:        i + 1,
			Title:     fmt.Sprintf("Post number %d", i+1),
			Content:   fmt.Sprintf("The body of post %d, long enough to look like a real excerpt.", i+1),
			Likes:     i * 3,
			CreatedAt: time.Date(2025, 1, 1, 0, 0, i, 0, time.UTC),
		}
	}
	return out
}

func BenchmarkEncodeRowsList100(b *testing.B) {
	list := benchList100()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := flight.EncodeRows(&buf, list); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// list100Rows are the rows React rendered for the list of benchList100.
func list100Rows(b *testing.B) []byte {
	b.Helper()
	rows, err := os.ReadFile(filepath.Join("testdata", "bench", "list100.rows"))
	if err != nil {
		b.Fatal(err)
	}
	return rows
}

func BenchmarkDecodeRowsList100(b *testing.B) {
	rows := list100Rows(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(rows)))
	for b.Loop() {
		if _, err := flight.DecodeRows(bytes.NewReader(rows), flight.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// What DecodeRowsList100 cannot do without, as flight documents its
// result: the list's 100 objects as map[string]any, five keys each, in a
// []any, their values already boxed (DecodeRows boxes them in slabs).
// React's decode divided by five is less than this alone; see README.md.
func BenchmarkList100MapsAlone(b *testing.B) {
	keys := []string{"id", "title", "content", "likes", "createdAt"}
	values := []any{1.0, "Post number 1", "The body of post 1.", 0.0, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	for b.Loop() {
		list := make([]any, 100)
		for i := range list {
			post := make(map[string]any, len(keys))
			for j, k := range keys {
				post[k] = values[j]
			}
			list[i] = post
		}
		benchSink = list
	}
}

var benchSink any

// A Go client decodes into its own types, as encoding/json users do: the
// same rows as BenchmarkDecodeRowsList100, into the []listPost they were
// encoded from. React has no typed decode; the table compares this with
// its createFromReadableStream, labelled as typed.
func BenchmarkUnmarshalRowsList100(b *testing.B) {
	rows := list100Rows(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(rows)))
	for b.Loop() {
		var posts []listPost
		if err := flight.UnmarshalRows(bytes.NewReader(rows), flight.Limits{}, &posts); err != nil {
			b.Fatal(err)
		}
	}
}

// The benchmark encodes the same list React rendered into list100.rows; the
// bytes must be the same, or the two sides would not be doing the same work.
func TestEncodeRowsWritesReactsBytesForTheBenchmarkList(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "bench", "list100.rows"))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := flight.EncodeRows(&got, benchList100()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("EncodeRows differs from React's renderToReadableStream\n go:   %.300s\n react: %.300s", got.Bytes(), want)
	}
}

// A list of 100 objects as one argument, in the text reply React's
// encodeReply writes for it: a bulk save, say.
func BenchmarkDecodeReplyList100(b *testing.B) {
	body, ct := benchBody(b, "list100-reply")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := flight.DecodeReply(bytes.NewReader(body), ct, flight.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// What the runtime does with that reply for an action taking []listPost:
// the arguments are read straight into the parameters. React has no typed
// decode; the table compares this with its decodeReply.
func BenchmarkUnmarshalReplyList100(b *testing.B) {
	body, ct := benchBody(b, "list100-reply")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var posts []listPost
		if _, err := flight.UnmarshalReplyArgs(bytes.NewReader(body), ct, flight.Limits{}, &posts); err != nil {
			b.Fatal(err)
		}
	}
}

// The args payload as an action's result.
func BenchmarkEncodeRowsArgs(b *testing.B) {
	args := codecArgs()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := flight.EncodeRows(&buf, args); err != nil {
			b.Fatal(err)
		}
	}
}

// codecArgsParams are the Go parameters of an action taking the args payload.
type codecArgsParams struct {
	Post struct {
		Title  string `json:"title"`
		Author struct {
			Name string   `json:"name"`
			Tags []string `json:"tags"`
		} `json:"author"`
		Published bool    `json:"published"`
		Score     float64 `json:"score"`
	}
	Counts map[string]int
	When   time.Time
}

// What the runtime does for a JS call: decode the body, then the arguments
// into the action's typed parameters. React has no second step, so this row
// is compared with React's decodeReply alone: Go does more work in it.
func BenchmarkDecodeReplyArgsTyped(b *testing.B) {
	body, ct := benchBody(b, "args")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		v, err := flight.DecodeReply(bytes.NewReader(body), ct, flight.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		var p codecArgsParams
		if err := flight.UnmarshalArgs(v.([]any), &p.Post, &p.Counts, &p.When); err != nil {
			b.Fatal(err)
		}
	}
}
