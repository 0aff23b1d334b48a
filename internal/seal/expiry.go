package seal

import (
	"math"
	"time"
)

// never is the expiry field of a token without expiry: the farthest instant
// the field can hold, so Open's one comparison needs no special case, and
// no real time (the Unix epoch, say) can be mistaken for "none".
const never = math.MaxInt64

// Bounds of the times whose Unix milliseconds fit in an int64; UnixMilli
// is undefined outside them.
var (
	earliest = time.UnixMilli(math.MinInt64)
	latest   = time.UnixMilli(math.MaxInt64)
)

// expiryField is what Seal writes for expires: never for the zero time,
// its Unix milliseconds otherwise.
func expiryField(expires time.Time) int64 {
	if expires.IsZero() {
		return never
	}
	return unixMilli(expires)
}

// unixMilli is t in Unix milliseconds, rounded down (UnixMilli floors,
// since nanoseconds within a second are never negative) and clamped to the
// int64 range: a time beyond it is as good as never.
func unixMilli(t time.Time) int64 {
	switch {
	case t.Before(earliest):
		return math.MinInt64
	case t.After(latest):
		return math.MaxInt64
	}
	return t.UnixMilli()
}
