package seal_test

import (
	"bytes"
	"testing"
	"time"
)

// The size of a few bound arguments: an id, a slug, a flag.
var benchPlaintext = bytes.Repeat([]byte("x"), 100)

func BenchmarkSeal(b *testing.B) {
	ring := mustRing(b, testKey(1))
	b.SetBytes(int64(len(benchPlaintext)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ring.Seal(benchPlaintext, "deletePost", time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen(b *testing.B) {
	ring := mustRing(b, testKey(2), testKey(1)) // opening with the second key, as during a rotation
	token := mustSeal(b, mustRing(b, testKey(1)), string(benchPlaintext), "deletePost", time.Time{})
	b.SetBytes(int64(len(benchPlaintext)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ring.Open(token, "deletePost", now); err != nil {
			b.Fatal(err)
		}
	}
}
