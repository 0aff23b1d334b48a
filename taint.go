package actions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
)

// Secret holds a value that must never reach a client, such as a password
// hash, an API key or a database row with private columns (React's taint
// APIs). The server uses Value freely; encoding a Secret for a client, as
// Flight rows or JSON, fails with an error naming Reason, so the call
// answers with a generic error instead of leaking it; fmt and slog print
// it redacted.
type Secret[T any] struct {
	Value  T
	Reason string
}

// MarshalFlight refuses to encode the secret.
func (s Secret[T]) MarshalFlight() (any, error) { return nil, s.refusal() }

// MarshalJSON refuses to encode the secret.
func (s Secret[T]) MarshalJSON() ([]byte, error) { return nil, s.refusal() }

// String redacts the secret in fmt's output.
func (s Secret[T]) String() string { return "[secret: " + s.Reason + "]" }

// GoString redacts the secret for %#v.
func (s Secret[T]) GoString() string { return s.String() }

// LogValue redacts the secret in slog's output.
func (s Secret[T]) LogValue() slog.Value { return slog.StringValue(s.String()) }

func (s Secret[T]) refusal() error {
	return fmt.Errorf("actions: refusing to send a secret to the client: %s", s.Reason)
}

// tainted are the unique values registered with TaintValue.
var tainted struct {
	mu     sync.RWMutex
	values map[string]string // value -> reason
}

// TaintValue marks a unique string, such as a token or a key, that must
// never reach a client, wherever it ends up (React's taintUniqueValue). An
// action's response that contains it, even inside a longer string, is not
// sent: the call fails with an error naming reason. Values shorter than 8
// bytes are refused (they would match by chance); TaintValue panics on
// them. It is safe for concurrent use.
func TaintValue(value, reason string) {
	if len(value) < 8 {
		panic("actions: TaintValue needs a value of at least 8 bytes, or it would match unrelated text")
	}
	tainted.mu.Lock()
	defer tainted.mu.Unlock()
	if tainted.values == nil {
		tainted.values = map[string]string{}
	}
	tainted.values[value] = reason
}

// checkTaint fails when an encoded response contains a tainted value, as
// written or as JSON escapes it.
func checkTaint(out []byte) error {
	tainted.mu.RLock()
	defer tainted.mu.RUnlock()
	for v, reason := range tainted.values {
		if bytes.Contains(out, []byte(v)) {
			return fmt.Errorf("actions: refusing to send a tainted value to the client: %s", reason)
		}
		if quoted, _ := json.Marshal(v); !bytes.Contains(out, quoted[1:len(quoted)-1]) {
			continue
		}
		return fmt.Errorf("actions: refusing to send a tainted value to the client: %s", reason)
	}
	return nil
}
