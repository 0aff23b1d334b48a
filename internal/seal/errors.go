package seal

import "errors"

// Errors that [KeyRing.Open] and [KeyRing.Seal] wrap, for [errors.Is]. The
// wrapping error adds detail for logs; none of it is secret.
var (
	// ErrMalformed: the token is not one Seal could have written: too long,
	// not unpadded base64url, too short, or of an unknown version.
	ErrMalformed = errors.New("seal: malformed token")
	// ErrUnknownKey: the token names a key the ring does not hold, usually
	// one rotated out, or a ring from another deployment.
	ErrUnknownKey = errors.New("seal: token sealed with a key not in the ring")
	// ErrTampered: authentication failed, because the token was altered or
	// was sealed for another action.
	ErrTampered = errors.New("seal: token is not authentic")
	// ErrExpired: the token is authentic but its expiry has passed.
	ErrExpired = errors.New("seal: token expired")
	// ErrTooLarge: Seal was given more than [MaxPlaintextLen] bytes.
	ErrTooLarge = errors.New("seal: plaintext too large")
)
