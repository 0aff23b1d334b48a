package actions

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
)

// idLength is the length of an action id in hex digits: 96 bits, so ids of
// different actions never collide, and short on the wire.
const idLength = 24

// actionID derives an action's id from its name and its Go signature only,
// so it is the same in every build, on every instance and after restarts
// while neither changes, and different as soon as the arguments a client
// must send change. The hash hides the name: ids reveal no package paths.
func actionID(name string, signature reflect.Type) string {
	h := sha256.New()
	h.Write([]byte("goactions/v1\x00"))
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write([]byte(signature.String()))
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:idLength/2])
}

// wellFormedID reports whether id has the shape of an action id, which
// tells a malformed request (400) from a stale one (409).
func wellFormedID(id string) bool {
	if len(id) != idLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
