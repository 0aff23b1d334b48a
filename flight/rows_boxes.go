package flight

import (
	"time"
	"unsafe"
)

// This file boxes the scalars DecodeRows returns. A decoded list holds
// hundreds of numbers, strings and dates, each an interface whose value
// Go would allocate on its own (a float64 takes 8 bytes, a string's header
// 16, a time.Time 24): one allocation per value was a tenth of decoding a
// typical response. Here the values are written into slabs, arrays
// allocated a few at a time, and each interface points at its value in a
// slab, as Go's own boxing would point at its allocation. A value in an
// interface is never written again, so the slabs are written only as they
// fill; a slab lives as long as any interface pointing into it.

// boxes holds the slabs of one decoding.
type boxes struct {
	floats  []float64
	strings []string
	times   []time.Time
}

// Slabs start small, for the many short responses, and double up to a
// size that makes their allocations rare in long ones.
const (
	firstSlab = 16
	lastSlab  = 512
)

func (b *boxes) float(f float64) any {
	b.floats = grown(b.floats)
	b.floats = append(b.floats, f)
	return boxAt(typeWordFloat64, unsafe.Pointer(&b.floats[len(b.floats)-1]))
}

func (b *boxes) string(s string) any {
	b.strings = grown(b.strings)
	b.strings = append(b.strings, s)
	return boxAt(typeWordString, unsafe.Pointer(&b.strings[len(b.strings)-1]))
}

func (b *boxes) time(t time.Time) any {
	b.times = grown(b.times)
	b.times = append(b.times, t)
	return boxAt(typeWordTime, unsafe.Pointer(&b.times[len(b.times)-1]))
}

// grown returns slab, or a new one when it is full: a full slab is never
// grown in place, since interfaces point into it.
func grown[T any](slab []T) []T {
	if len(slab) < cap(slab) {
		return slab
	}
	return make([]T, 0, min(max(2*cap(slab), firstSlab), lastSlab))
}

// emptyInterface is the layout of an interface{} value: the word naming
// its dynamic type, and a pointer to its value (for these types, which are
// not pointers themselves).
type emptyInterface struct {
	typ   unsafe.Pointer
	value unsafe.Pointer
}

// typeWord is the type word of the interfaces holding values of v's type.
func typeWord(v any) unsafe.Pointer { return (*emptyInterface)(unsafe.Pointer(&v)).typ }

var (
	typeWordFloat64 = typeWord(float64(0))
	typeWordString  = typeWord("")
	typeWordTime    = typeWord(time.Time{})
)

// boxAt is the interface of the type typ names holding the value at p.
func boxAt(typ, p unsafe.Pointer) any {
	var v any
	e := (*emptyInterface)(unsafe.Pointer(&v))
	e.typ, e.value = typ, p
	return v
}
