// Package clientjs holds the project's hand-written browser runtime,
// runtime.js: a commented ES module, committed as written (no build step)
// and embedded in the Go binary. The actions package serves it under a
// content-hashed URL, so browsers may cache it forever and a deploy that
// changes it changes the URL.
package clientjs

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
)

//go:embed runtime.js
var runtime []byte

// Runtime returns the runtime's source. Callers must not modify it.
func Runtime() []byte { return runtime }

// Hash returns a short hash of b for content-addressed URLs: 12 hex digits
// of its SHA-256.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}
