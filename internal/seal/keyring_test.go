package seal_test

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/goactions/actions/internal/seal"
)

func TestKeysRotateWithoutDowntime(t *testing.T) {
	t.Parallel()
	oldKey, newKey := testKey(1), testKey(2)
	before := mustRing(t, oldKey)         // deployed yesterday
	during := mustRing(t, newKey, oldKey) // the new key first, the old one still opens
	after := mustRing(t, newKey)          // the old key dropped
	sealedBefore := mustSeal(t, before, "old", "a", time.Time{})
	sealedDuring := mustSeal(t, during, "new", "a", time.Time{})

	t.Run("a token sealed with the old key opens once a new key is put first", func(t *testing.T) {
		assertOpens(t, during, sealedBefore, "a", now, "old")
	})
	t.Run("a new ring seals with its first key", func(t *testing.T) {
		assertOpens(t, after, sealedDuring, "a", now, "new")
		assertRefused(t, before, sealedDuring, "a", now, seal.ErrUnknownKey)
	})
	t.Run("a token sealed with a removed key names an unknown key", func(t *testing.T) {
		assertRefused(t, after, sealedBefore, "a", now, seal.ErrUnknownKey)
	})
	t.Run("a ring without keys knows no key", func(t *testing.T) {
		assertRefused(t, nil, sealedBefore, "a", now, seal.ErrUnknownKey)
		assertRefused(t, &seal.KeyRing{}, sealedBefore, "a", now, seal.ErrUnknownKey)
	})
	t.Run("a random ring opens what it sealed and nothing else", func(t *testing.T) {
		random := seal.NewRandomKeyRing()
		assertOpens(t, random, mustSeal(t, random, "r", "a", time.Time{}), "a", now, "r")
		assertRefused(t, random, sealedBefore, "a", now, seal.ErrUnknownKey)
		assertRefused(t, seal.NewRandomKeyRing(), mustSeal(t, random, "r", "a", time.Time{}), "a", now, seal.ErrUnknownKey)
	})
}

func TestNewKeyRingRefusesBadKeys(t *testing.T) {
	t.Parallel()
	// Two keys whose SHA-256 share the first 4 bytes (12bf2ed8), found by
	// a birthday search.
	collidingA := append([]byte{0x90, 0x14}, make([]byte, 30)...)
	collidingB := append([]byte{0x36, 0xe1}, make([]byte, 30)...)
	for _, tc := range []struct {
		name string
		keys [][]byte
		want string
	}{
		{"a ring needs a key", nil, "seal: no keys"},
		{"a short key is refused", [][]byte{testKey(1), make([]byte, 16)}, "seal: key 2: want 32 bytes, got 16"},
		{"a long key is refused", [][]byte{make([]byte, 33)}, "seal: key 1: want 32 bytes, got 33"},
		{"a repeated key is refused", [][]byte{testKey(1), testKey(2), testKey(1)}, "seal: key 3 repeats key 1"},
		{"keys with the same key id are refused", [][]byte{collidingA, collidingB}, "seal: keys 1 and 2 have the same key id 12bf2ed8; replace one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ring, err := seal.NewKeyRing(tc.keys...)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("NewKeyRing = %v, %v; want error %q", ring, err, tc.want)
			}
		})
	}
}

func TestNewKeyRingKeepsNoReferenceToItsKeys(t *testing.T) {
	t.Parallel()
	key := testKey(1)
	ring := mustRing(t, key)
	token := mustSeal(t, ring, "x", "a", time.Time{})
	copy(key, testKey(9))
	assertOpens(t, ring, token, "a", now, "x")
}

func TestPrintingAKeyRingShowsKeyIDsOnly(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1), testKey(2))
	const want = "seal.KeyRing[72cd6e84 75877bb4]"
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(format, ring); got != want {
			t.Errorf("Sprintf(%q) = %q, want %q", format, got, want)
		}
	}
	if got := fmt.Sprint((*seal.KeyRing)(nil)); got != "seal.KeyRing[]" {
		t.Errorf("a nil ring prints %q", got)
	}
}

func TestAKeyRingIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1), testKey(2))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				plaintext := fmt.Appendf(nil, "%d %d", g, i)
				// Errorf, not mustSeal's Fatal: this is not the test's goroutine.
				token, err := ring.Seal(plaintext, "a", time.Time{})
				if err != nil {
					t.Errorf("Seal: %v", err)
					return
				}
				got, err := ring.Open(token, "a", now)
				if err != nil || !bytes.Equal(got, plaintext) {
					t.Errorf("Open = %q, %v; want %q", got, err, plaintext)
					return
				}
			}
		})
	}
	wg.Wait()
}
