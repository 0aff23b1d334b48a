package seal

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
)

// EnvVar names the environment variable that holds the key ring, in the
// text form [ParseKeyRing] reads (see the package doc, "Key format").
const EnvVar = "ACTIONS_KEYS"

// ParseKeyRing reads a key ring in the documented text form: comma-separated
// keys, each 32 bytes in unpadded base64url, whitespace around them ignored,
// the first one sealing. Errors name the key by its position from 1 and
// never quote it, since it is a secret: "seal: key 2: want 32 bytes, got 16".
func ParseKeyRing(s string) (*KeyRing, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("seal: no keys")
	}
	fields := strings.Split(s, ",")
	keys := make([][]byte, len(fields))
	for i, field := range fields {
		key, err := parseKey(strings.TrimSpace(field))
		if err != nil {
			return nil, fmt.Errorf("seal: key %d: %w", i+1, err)
		}
		keys[i] = key
	}
	return NewKeyRing(keys...)
}

func parseKey(s string) ([]byte, error) {
	if s == "" {
		return nil, errors.New("empty")
	}
	// Checked by hand because the decoder skips newlines inside its input
	// and its own error would not say what is allowed.
	for i := 0; i < len(s); i++ {
		if !isKeyChar(s[i]) {
			return nil, fmt.Errorf("character %d is not unpadded base64url (A-Z a-z 0-9 - _)", i+1)
		}
	}
	if len(s)%4 == 1 {
		return nil, fmt.Errorf("%d characters is no length of unpadded base64url", len(s))
	}
	key, err := base64url.DecodeString(s)
	if err != nil {
		return nil, errors.New("not canonical unpadded base64url: stray bits in the last character")
	}
	return key, nil // NewKeyRing checks the length
}

func isKeyChar(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// GenerateKey returns a new random key in the documented text form, ready
// to be the value of [EnvVar] or to be put first in it.
func GenerateKey() string {
	key := make([]byte, KeyLen)
	rand.Read(key) // never fails: crypto/rand crashes the program instead
	return base64url.EncodeToString(key)
}
