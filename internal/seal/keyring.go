package seal

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
)

// KeyLen is the length of a key in bytes: AES-256.
const KeyLen = 32

// keyIDLen is how much of a key's SHA-256 a token carries: enough to tell a
// handful of keys apart, too little to matter to an attacker.
const keyIDLen = 4

type keyID [keyIDLen]byte

// KeyRing seals with its first key and opens tokens sealed with any of its
// keys, so keys rotate without downtime: deploy a new key first while the
// old ones still open what is in flight, then drop them.
//
// A KeyRing is immutable and safe for concurrent use. Make one with
// [ParseKeyRing], [NewKeyRing] or [NewRandomKeyRing]; a nil or zero KeyRing
// holds no keys, so Seal fails and Open answers [ErrUnknownKey].
type KeyRing struct {
	keys []ringKey // keys[0] seals
}

type ringKey struct {
	id   keyID
	aead cipher.AEAD
}

// NewKeyRing makes a ring of raw keys, the first of which seals. Each key
// must be [KeyLen] bytes and appear once; the error names the first key
// that does not by its position from 1. The ring keeps no reference to the
// slices.
func NewKeyRing(keys ...[]byte) (*KeyRing, error) {
	if len(keys) == 0 {
		return nil, errors.New("seal: no keys")
	}
	ring := &KeyRing{keys: make([]ringKey, 0, len(keys))}
	for i, key := range keys {
		if len(key) != KeyLen {
			return nil, fmt.Errorf("seal: key %d: want %d bytes, got %d", i+1, KeyLen, len(key))
		}
		id := idOf(key)
		for j, prev := range ring.keys {
			if prev.id != id {
				continue
			}
			if bytes.Equal(keys[j], key) {
				return nil, fmt.Errorf("seal: key %d repeats key %d", i+1, j+1)
			}
			// Two different keys sharing an id would leave one unable to
			// open its tokens; 1 in 2^32 per pair, but cheap to refuse.
			return nil, fmt.Errorf("seal: keys %d and %d have the same key id %x; replace one", j+1, i+1, id)
		}
		ring.keys = append(ring.keys, newRingKey(key, id))
	}
	return ring, nil
}

// NewRandomKeyRing makes a ring of one random key. Tokens it seals open
// only in this process, and only until it exits: it suits development and
// a single instance that may forget open pages on restart.
func NewRandomKeyRing() *KeyRing {
	key := make([]byte, KeyLen)
	rand.Read(key) // never fails: crypto/rand crashes the program instead
	return &KeyRing{keys: []ringKey{newRingKey(key, idOf(key))}}
}

func newRingKey(key []byte, id keyID) ringKey {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic("seal: " + err.Error()) // unreachable: every caller checked len(key) == KeyLen
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		panic("seal: " + err.Error()) // unreachable: block is an AES block
	}
	return ringKey{id: id, aead: aead}
}

func idOf(key []byte) keyID {
	sum := sha256.Sum256(key)
	return keyID(sum[:keyIDLen])
}

// find returns the key named by id; a linear scan, since a ring holds a
// handful of keys.
func (k *KeyRing) find(id keyID) (ringKey, bool) {
	if k != nil {
		for _, key := range k.keys {
			if key.id == id {
				return key, true
			}
		}
	}
	return ringKey{}, false
}

// String lists the ring's key ids in hex, the sealing key first, as
// "seal.KeyRing[1a2b3c4d 5e6f7a8b]". It exists so that printing or logging
// a ring shows which keys it holds and never the keys themselves.
func (k *KeyRing) String() string {
	var b strings.Builder
	b.WriteString("seal.KeyRing[")
	if k != nil {
		for i, key := range k.keys {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%x", key.id)
		}
	}
	b.WriteByte(']')
	return b.String()
}

// GoString is [KeyRing.String], so that %#v prints no key material either.
func (k *KeyRing) GoString() string { return k.String() }
