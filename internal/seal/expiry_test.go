package seal_test

import (
	"testing"
	"time"

	"github.com/goactions/actions/internal/seal"
)

func TestOpenRefusesATokenFromItsExpiryOn(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1))
	t0 := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name         string
		expires, now time.Time
		expired      bool
	}{
		{"a token without expiry opens a century later", time.Time{}, t0.AddDate(100, 0, 0), false},
		{"a token without expiry opens at the zero time", time.Time{}, time.Time{}, false},
		{"a token opens one millisecond before its expiry", t0, t0.Add(-time.Millisecond), false},
		{"a token opens one nanosecond before its expiry", t0, t0.Add(-time.Nanosecond), false},
		{"a token is expired at the instant of its expiry", t0, t0, true},
		{"a token is expired one nanosecond after its expiry", t0, t0.Add(time.Nanosecond), true},
		{"a token is expired a year after its expiry", t0, t0.AddDate(1, 0, 0), true},
		{"an expiry is rounded down to the millisecond", t0.Add(999 * time.Microsecond), t0.Add(500 * time.Microsecond), true},
		{"an expiry rounded down still opens before it", t0.Add(999 * time.Microsecond), t0.Add(-time.Nanosecond), false},
		{"an expiry in another time zone is the same instant", t0.In(time.FixedZone("X", 5*3600)), t0, true},
		{"an expiry at the Unix epoch is not mistaken for none", time.Unix(0, 0), time.Unix(0, int64(time.Millisecond)), true},
		{"an expiry before 1970 works", time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1959, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"an expiry beyond the millisecond range is never", time.Date(300_000_000, 1, 1, 0, 0, 0, 0, time.UTC), t0.AddDate(1000, 0, 0), false},
		{"an expiry before the millisecond range has always passed", time.Date(-300_000_000, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			token := mustSeal(t, ring, "x", "a", tc.expires)
			if tc.expired {
				assertRefused(t, ring, token, "a", tc.now, seal.ErrExpired)
			} else {
				assertOpens(t, ring, token, "a", tc.now, "x")
			}
		})
	}
}

// TestExpiryIsCheckedOnlyOnAuthenticTokens: a client must not learn
// "expired" for a token it made up, nor make an expired one look fresh.
func TestExpiryIsCheckedOnlyOnAuthenticTokens(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1))
	t0 := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	token := mustSeal(t, ring, "x", "a", t0)
	assertRefused(t, ring, token, "b", t0.Add(time.Hour), seal.ErrTampered)
}
