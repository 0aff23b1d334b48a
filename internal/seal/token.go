package seal

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The token layout; the package doc describes it for readers of the wire.
const (
	version   = 1
	headerLen = 1 + keyIDLen // version, key id: sent in clear, authenticated
	nonceLen  = 12
	expiryLen = 8
	tagLen    = 16
	overhead  = headerLen + nonceLen + expiryLen + tagLen
)

const (
	// MaxTokenLen bounds a token's length in characters. Open refuses a
	// longer one before decoding it, so a hostile request costs no more
	// than this; Seal never writes one.
	MaxTokenLen = 64 << 10
	// MaxPlaintextLen is the most Seal accepts (49,111 bytes): the
	// plaintext whose token is MaxTokenLen characters long.
	MaxPlaintextLen = MaxTokenLen/4*3 - overhead
)

// base64url is the text of keys and tokens: unpadded, and Strict, which
// refuses stray bits in the last character, so that each has one spelling.
var base64url = base64.RawURLEncoding.Strict()

var errNoKeys = errors.New("seal: the key ring holds no key to seal with")

// Seal encrypts and authenticates plaintext for the action actionID with
// the ring's first key, and returns the token in the documented format.
// A non-zero expires makes Open refuse the token from that instant on,
// kept to the millisecond and rounded down so a token never outlives the
// time asked for; the zero time means it never expires.
//
// Every call draws a new random nonce, so sealing the same plaintext twice
// gives two different tokens. Seal fails only when the ring is empty and
// with [ErrTooLarge] above [MaxPlaintextLen] bytes.
func (k *KeyRing) Seal(plaintext []byte, actionID string, expires time.Time) (string, error) {
	if k == nil || len(k.keys) == 0 {
		return "", errNoKeys
	}
	if len(plaintext) > MaxPlaintextLen {
		return "", fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(plaintext), MaxPlaintextLen)
	}
	key := k.keys[0]
	raw := make([]byte, headerLen, overhead+len(plaintext))
	raw[0] = version
	copy(raw[1:], key.id[:])
	inner := make([]byte, expiryLen+len(plaintext))
	binary.BigEndian.PutUint64(inner, uint64(expiryField(expires)))
	copy(inner[expiryLen:], plaintext)
	raw = key.aead.Seal(raw, nil, inner, associatedData(raw[:headerLen], actionID))
	return base64url.EncodeToString(raw), nil
}

// Open authenticates and decrypts a token that [KeyRing.Seal] made for
// actionID with one of the ring's keys, and returns its plaintext. now is
// the current time, usually time.Now(); the token is refused from its
// expiry on.
//
// The error wraps one of [ErrMalformed], [ErrUnknownKey], [ErrTampered]
// (which includes a token sealed for another action) or [ErrExpired], the
// last only for authentic tokens. Open never panics, whatever the token.
func (k *KeyRing) Open(token, actionID string, now time.Time) ([]byte, error) {
	if len(token) > MaxTokenLen {
		return nil, fmt.Errorf("%w: %d characters, limit %d", ErrMalformed, len(token), MaxTokenLen)
	}
	// The decoder skips newlines, which would give one token many spellings.
	if strings.ContainsAny(token, "\r\n") {
		return nil, fmt.Errorf("%w: not unpadded base64url", ErrMalformed)
	}
	raw, err := base64url.DecodeString(token)
	if err != nil {
		return nil, fmt.Errorf("%w: not unpadded base64url", ErrMalformed)
	}
	if len(raw) < overhead {
		return nil, fmt.Errorf("%w: %d bytes, need at least %d", ErrMalformed, len(raw), overhead)
	}
	if raw[0] != version {
		return nil, fmt.Errorf("%w: unknown version %d", ErrMalformed, raw[0])
	}
	id := keyID(raw[1:headerLen])
	key, ok := k.find(id)
	if !ok {
		return nil, fmt.Errorf("%w: key id %x", ErrUnknownKey, id)
	}
	sealed := raw[headerLen:]
	inner, err := key.aead.Open(sealed[:0], nil, sealed, associatedData(raw[:headerLen], actionID))
	if err != nil {
		return nil, ErrTampered
	}
	expiry := int64(binary.BigEndian.Uint64(inner))
	if unixMilli(now) >= expiry {
		return nil, fmt.Errorf("%w at %s", ErrExpired, time.UnixMilli(expiry).UTC().Format(time.RFC3339Nano))
	}
	return inner[expiryLen:], nil
}

// associatedData binds the header and the action id to the ciphertext. The
// header has a fixed length, so the concatenation is unambiguous.
func associatedData(header []byte, actionID string) []byte {
	ad := make([]byte, 0, len(header)+len(actionID))
	return append(append(ad, header...), actionID...)
}
