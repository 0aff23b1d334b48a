package flight

import (
	crand "crypto/rand"
	"encoding/hex"
	"math/rand/v2"
	"sync"
)

// The multipart boundary: a fixed prefix, as browsers use one, and 128
// unpredictable bits, fresh for every reply, so that no value in the reply
// can guess it and end a part early.
const (
	boundaryPrefix = "----GoActionsFormBoundary"
	boundaryLen    = len(boundaryPrefix) + 32
)

func newBoundary(b *[boundaryLen]byte) {
	g := boundaryBits.Get().(*rand.ChaCha8)
	var bits [16]byte
	_, _ = g.Read(bits[:])
	boundaryBits.Put(g)
	hex.Encode(b[copy(b[:], boundaryPrefix):], bits[:])
}

// boundaryBits are cryptographically strong generators, each seeded from
// crypto/rand: reading crypto/rand itself for every boundary cost a tenth
// of encoding a small reply.
var boundaryBits = sync.Pool{New: func() any {
	var seed [32]byte
	_, _ = crand.Read(seed[:])
	return rand.NewChaCha8(seed)
}}
