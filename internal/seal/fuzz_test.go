package seal_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/goactions/actions/internal/seal"
)

// genuineToken is a token Seal made with the fuzz ring, and what it holds.
type genuineToken struct {
	plaintext, actionID string
	expires             int64 // Unix milliseconds; math.MaxInt64 for none
}

// genuine lists every token that may open in FuzzOpen: they were sealed
// once with the fixed test keys and written here, so that the committed
// corpus, which starts from them, stays meaningful. Anything else that
// opens is a forgery.
var genuine = map[string]genuineToken{
	"AXLNboSHegIwbN7k8dm46w63WTw6sbeB80TDyuhUzfe-H7e24nlgzTygf4Ogit2nG0GI8Q":   {`[7,"draft"]`, "deletePost", math.MaxInt64},
	"AXLNboTJDRMeIFd9UP3Lf6VgHvWFiQ_KBEQUeOUVM3zmUGyc6ZgYq7Q":                  {"", "", math.MaxInt64},
	"AXLNboQMODAGtE8dEc6b8ZVHE7bIe9vZXQug1ghlhHTIw5AwBX3ZDPPlts20SSxjO2OBXOVv": {`{"userId":42}`, "updateProfile", 1893456000000}, // 2030-01-01
	"AXWHe7QmFr5P2S4ToCHnFv8VYfCKdfghStDJ6ub8MtS1P547gxMyavyL2IfFISce3ug":      {"\x00\xff binary", "a1b2c3", math.MaxInt64},      // the second key
}

// FuzzOpen opens arbitrary text as a token, starting from genuine tokens.
// Open must never panic, must refuse with documented errors only, must open
// a genuine token for its own action before its expiry, and must open
// nothing else: a mutation that still opens is a forgery or a second
// spelling of a token.
func FuzzOpen(f *testing.F) {
	ring := mustRing(f, testKey(1), testKey(2))
	before2030 := time.Date(2029, 12, 31, 23, 59, 59, 0, time.UTC).UnixMilli()
	for token, g := range genuine {
		f.Add(token, g.actionID, before2030)
		f.Add(token, g.actionID+"x", before2030)
		f.Add(token, g.actionID, int64(math.MaxInt64))
	}
	for _, token := range []string{"", "AQ", "Ag", "AXLNbo", "=", "AXLNboSH\negIw", "<a href=x>"} {
		f.Add(token, "deletePost", int64(0))
	}
	f.Fuzz(func(t *testing.T, token, actionID string, nowMilli int64) {
		got, err := ring.Open(token, actionID, time.UnixMilli(nowMilli))
		g, isGenuine := genuine[token]
		authentic := isGenuine && actionID == g.actionID
		switch {
		case err == nil && !authentic:
			t.Fatalf("Open(%q, %q) = %q: a token Seal did not make opened", token, actionID, got)
		case err == nil && nowMilli >= g.expires:
			t.Fatalf("Open(%q, %q) = %q after its expiry", token, actionID, got)
		case err == nil && string(got) != g.plaintext:
			t.Fatalf("Open(%q, %q) = %q, want %q", token, actionID, got, g.plaintext)
		case err != nil && !isDocumented(err):
			t.Fatalf("Open(%q, %q): undocumented error %v", token, actionID, err)
		case errors.Is(err, seal.ErrExpired) && !authentic:
			t.Fatalf("Open(%q, %q): %v for a token that is not authentic", token, actionID, err)
		case err != nil && authentic && nowMilli < g.expires:
			t.Fatalf("Open(%q, %q) refused a genuine token: %v", token, actionID, err)
		}
	})
}
