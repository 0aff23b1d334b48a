package seal_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/goactions/actions/internal/seal"
)

// testKey is a fixed key of KeyLen copies of b. Tests need fixed keys so
// that tokens written into the test files and the fuzz corpus stay valid.
func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, seal.KeyLen) }

func mustRing(tb testing.TB, keys ...[]byte) *seal.KeyRing {
	tb.Helper()
	ring, err := seal.NewKeyRing(keys...)
	if err != nil {
		tb.Fatal(err)
	}
	return ring
}

func mustSeal(tb testing.TB, ring *seal.KeyRing, plaintext, actionID string, expires time.Time) string {
	tb.Helper()
	token, err := ring.Seal([]byte(plaintext), actionID, expires)
	if err != nil {
		tb.Fatal(err)
	}
	return token
}

// assertOpens fails unless token opens to want.
func assertOpens(tb testing.TB, ring *seal.KeyRing, token, actionID string, now time.Time, want string) {
	tb.Helper()
	got, err := ring.Open(token, actionID, now)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	if string(got) != want {
		tb.Fatalf("Open = %q, want %q", got, want)
	}
}

// assertRefused fails unless Open refuses token with an error wrapping want.
func assertRefused(tb testing.TB, ring *seal.KeyRing, token, actionID string, now time.Time, want error) {
	tb.Helper()
	got, err := ring.Open(token, actionID, now)
	if !errors.Is(err, want) {
		tb.Fatalf("Open = %q, %v; want error %v", got, err, want)
	}
	if got != nil {
		tb.Fatalf("Open refused with %v but returned %q", err, got)
	}
}

// documentedErrors are the only errors Open may return.
var documentedErrors = []error{seal.ErrMalformed, seal.ErrUnknownKey, seal.ErrTampered, seal.ErrExpired}

func isDocumented(err error) bool {
	for _, want := range documentedErrors {
		if errors.Is(err, want) {
			return true
		}
	}
	return false
}
