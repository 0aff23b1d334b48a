package cache

import (
	"sync/atomic"
	"time"
)

// clock is where lifetimes (TTL, stale, expiry) read the time. Tests of
// those replace it, so that they need not wait for time to pass; it is
// atomic because background revalidations read it while they do.
var clock atomic.Pointer[func() time.Time]

func now() time.Time {
	if f := clock.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}
