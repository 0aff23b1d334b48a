// Package clientjs holds the project's hand-written browser runtime.
//
// runtime.js is the source: a commented ES module with no dependencies,
// where changes are made. runtime.min.js is the copy browsers get, made
// from it by terser (minify.mjs; go generate ./clientjs) and committed; a
// test fails when it is not up to date. The minified runtime is 13,574
// bytes and 5,863 gzip (the budget is 6 KB gzip, 6,144 bytes, checked by
// test/size.test.mjs); the source is 37,533 bytes and 13,378 gzip.
//
// The actions package embeds the minified copy and serves it under a
// content-hashed URL, so browsers may cache it forever and a deploy that
// changes it changes the URL.
package clientjs

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
)

//go:generate node minify.mjs

//go:embed runtime.min.js
var runtime []byte

// Runtime returns the minified runtime, as browsers get it. Callers must
// not modify it.
func Runtime() []byte { return runtime }

// Hash returns a short hash of b for content-addressed URLs: 12 hex digits
// of its SHA-256.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}
