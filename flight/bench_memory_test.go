package flight_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// amplificationShape is a reply: a text one, or a multipart body when
// contentType is set.
type amplificationShape struct {
	name, body, contentType string
}

// amplificationShapes are small inputs built to make a decoder allocate as
// much as possible per byte received: tiny containers, tiny numbers, shared
// references. Their figure (bytes allocated per byte of input) is the
// "small multiple of the input size" the decoders promise; README.md
// records it.
func amplificationShapes(tb testing.TB) []amplificationShape {
	many := func(item string, n int) string {
		return strings.TrimSuffix(strings.Repeat(item+",", n), ",")
	}
	list := func(item string, n int) string { return "[" + many(item, n) + "]" }
	multipart := func(name string, fields ...string) amplificationShape {
		body, ct := multipartBody(tb, fields...)
		return amplificationShape{name: name, body: body, contentType: ct}
	}
	return []amplificationShape{
		{name: "small numbers", body: list("1", 200000)},
		{name: "empty arrays", body: list("[]", 130000)},
		{name: "empty objects", body: list("{}", 130000)},
		{name: "one-element arrays", body: list("[1]", 100000)},
		{name: "arrays nested 100 deep", body: list(strings.Repeat("[", 100)+"1"+strings.Repeat("]", 100), 2000)},
		{name: "one-key objects", body: list(`{"a":1}`, 50000)},
		{name: "short strings", body: list(`"a"`, 100000)},
		{name: "path references to one object", body: `[{"a":[1,2,3]},` + many(`"$0:0"`, 60000) + "]"},
		{name: "dates", body: list(`"$D2025-01-02T00:00:00.000Z"`, 20000)},
		{name: "bigints", body: list(`"$n1"`, 100000)},
		multipart("server references bound to 1000 arguments",
			"1", `{"id":"a","bound":"$@2"}`, "2", list("0", 1000), "0", list(`"$h1"`, 900)),
		{name: "temporary references under a 1000-byte key", body: `{"` + strings.Repeat("k", 1000) + `":` + list(`"$T"`, 3000) + "}"},
	}
}

func (s amplificationShape) decode(tb testing.TB) {
	tb.Helper()
	var err error
	if s.contentType == "" {
		_, err = flight.DecodeReplyString(s.body, flight.Limits{})
	} else {
		_, err = flight.DecodeReply(strings.NewReader(s.body), s.contentType, flight.Limits{})
	}
	if err != nil {
		tb.Fatal(err)
	}
}

func BenchmarkDecodeReplyAmplification(b *testing.B) {
	for _, s := range amplificationShapes(b) {
		b.Run(strings.ReplaceAll(s.name, " ", "_"), func(b *testing.B) {
			s.decode(b)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			for b.Loop() {
				s.decode(b)
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			perOp := float64(after.TotalAlloc-before.TotalAlloc) / float64(b.N)
			b.ReportMetric(perOp/float64(len(s.body)), "alloc-B/input-B")
		})
	}
}
