package cache

import "time"

// SetClock makes the package read the time from f until restore is
// called, so that tests of lifetimes need not wait. Tests that use it do
// not run in parallel.
func SetClock(f func() time.Time) (restore func()) {
	clock.Store(&f)
	return func() { clock.Store(nil) }
}

// Flushes counts the local tier's flushes after the bus reconnected.
func (c *Cache) Flushes() uint64 { return c.flushings.Load() }
