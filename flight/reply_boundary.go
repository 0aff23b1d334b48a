package flight

import (
	crand "crypto/rand"
	"encoding/hex"
	"math/rand/v2"
)

// The multipart boundary: a fixed prefix, as browsers use one, and 128
// unpredictable bits, fresh for every reply, so that no value in the reply
// can guess it and end a part early.
const (
	boundaryPrefix = "----GoActionsFormBoundary"
	boundaryLen    = len(boundaryPrefix) + 32
)

// boundary writes a new boundary into b.
func (e *replyEncoder) boundary(b *[boundaryLen]byte) {
	var bits [16]byte
	_, _ = e.rng.Read(bits[:])
	hex.Encode(b[copy(b[:], boundaryPrefix):], bits[:])
}

// newBoundaryGenerator is the generator of an encoder's boundaries: a
// cryptographically strong one seeded from crypto/rand, since reading
// crypto/rand itself for every boundary cost a tenth of encoding a small
// reply. Each encoder has its own, used by one reply at a time.
func newBoundaryGenerator() *rand.ChaCha8 {
	var seed [32]byte
	_, _ = crand.Read(seed[:])
	return rand.NewChaCha8(seed)
}
