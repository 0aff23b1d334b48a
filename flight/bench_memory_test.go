package flight_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// amplificationShapes are small inputs built to make a decoder allocate as
// much as possible per byte received: tiny containers, tiny numbers, shared
// references. Their figure (bytes allocated per byte of input) is the
// "small multiple of the input size" the decoders promise; README.md
// records it.
func amplificationShapes() []struct{ name, body string } {
	many := func(item string, n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
	}
	return []struct{ name, body string }{
		{"small numbers", many("1", 200000)},
		{"empty arrays", many("[]", 130000)},
		{"empty objects", many("{}", 130000)},
		{"one-key objects", many(`{"a":1}`, 50000)},
		{"short strings", many(`"a"`, 100000)},
		{"path references to one object", `[{"a":[1,2,3]},` + strings.TrimSuffix(strings.Repeat(`"$0:0",`, 60000), ",") + "]"},
		{"dates", many(`"$D2025-01-02T00:00:00.000Z"`, 20000)},
		{"bigints", many(`"$n1"`, 100000)},
	}
}

func BenchmarkDecodeReplyAmplification(b *testing.B) {
	for _, s := range amplificationShapes() {
		b.Run(strings.ReplaceAll(s.name, " ", "_"), func(b *testing.B) {
			if _, err := flight.DecodeReplyString(s.body, flight.Limits{}); err != nil {
				b.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			for b.Loop() {
				if _, err := flight.DecodeReplyString(s.body, flight.Limits{}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			perOp := float64(after.TotalAlloc-before.TotalAlloc) / float64(b.N)
			b.ReportMetric(perOp/float64(len(s.body)), "alloc-B/input-B")
		})
	}
}
