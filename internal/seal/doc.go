// Package seal encrypts and authenticates the bound arguments of actions
// that a page renders into HTML (hidden form fields, Flight rows), so the
// client that carries them back can neither read nor forge them.
//
// A [KeyRing] seals with its first key and opens with any of its keys:
//
//	ring, err := seal.ParseKeyRing(os.Getenv(seal.EnvVar))
//	token, err := ring.Seal(args, actionID, time.Now().Add(24*time.Hour))
//	// … the token travels through the page and comes back with the request …
//	args, err := ring.Open(token, actionID, time.Now())
//
// Open answers errors that [errors.Is] tells apart: [ErrMalformed],
// [ErrUnknownKey], [ErrTampered] and [ErrExpired]. It never panics.
//
// # Key format
//
// The environment variable [EnvVar] (ACTIONS_KEYS) holds the key ring as
// text, read by [ParseKeyRing]:
//
//   - a comma-separated list of one or more keys, the first of which seals;
//   - each key is exactly 32 random bytes (AES-256) written in unpadded
//     base64url (RFC 4648 §5 without "="), which is 43 characters of
//     A–Z a–z 0–9 "-" "_" whose last one carries no stray bits;
//   - whitespace (spaces, tabs, newlines) around a key is ignored; nothing
//     else is: an empty entry or a key that appears twice is an error.
//
// For example (two keys; new tokens are sealed with the first; never use a
// key printed in documentation):
//
//	ACTIONS_KEYS=6ZkLJ0pP7uD1aYx4Q2mB9wVt3nHcR8sKfE5gT0jU1oA,p2JqzN4Wm8vX1cL6bR0tY3hG7kD9sF5aE2uI8oP4nQw
//
// [GenerateKey] (or the command "actions keygen") writes a new key in this
// form. To rotate without downtime, put a new key first and keep the old
// ones while tokens sealed with them may still come back (the longest
// expiry, or the life of an open page); then drop them.
//
// # Token format
//
// A token is unpadded base64url, so it needs no escaping in an HTML
// attribute, a URL or a JSON string. Decoded, it is:
//
//	offset  length  field
//	0       1       version, 1
//	1       4       key id: the first 4 bytes of SHA-256 of the sealing key
//	5       12      GCM nonce, random
//	17      8+n+16  AES-256-GCM ciphertext and tag of:
//	                  8 bytes  expiry, big-endian signed milliseconds since
//	                           the Unix epoch; the largest int64 means none
//	                  n bytes  the plaintext
//
// The associated data is the 5 header bytes (version and key id) followed
// by the action id, so a token opens only for the action it was sealed for
// and a future version cannot reread it. A token is 41 bytes longer than its
// plaintext before base64url, and at most [MaxTokenLen] characters long.
//
// The key id lets Open pick its key without trying each one; it reveals
// nothing of the key. A key should seal no more than 2^32 tokens: past that,
// a repeat of the random 96-bit nonce, which would let a client forge
// tokens, grows too likely. Rotating to a new key starts the count again.
package seal
