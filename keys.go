package actions

import (
	"log/slog"
	"os"
	"sync"

	"github.com/goactions/actions/internal/seal"
)

// keyRing is a registry's sealing keys, read once from the environment
// unless set with Registry.SetKeys.
type keyRing struct {
	once sync.Once
	ring *seal.KeyRing
	err  error
}

// SetKeys sets the keys that seal bound arguments, in the format of the
// ACTIONS_KEYS environment variable (see internal/seal's documentation and
// "actions keygen"): comma-separated base64url keys of 32 bytes, the first
// sealing, all opening. It overrides the variable. Call it before serving.
func (r *Registry) SetKeys(text string) error {
	ring, err := seal.ParseKeyRing(text)
	if err != nil {
		return err
	}
	r.keys.once.Do(func() {})
	r.keys.ring, r.keys.err = ring, nil
	return nil
}

// keyRing returns the sealing keys: SetKeys's, else ACTIONS_KEYS's, else a
// random key for this process with a warning, since pages rendered by one
// instance then cannot be submitted to another, nor survive a restart.
func (r *Registry) keyRing() (*seal.KeyRing, error) {
	r.keys.once.Do(func() {
		text := os.Getenv(seal.EnvVar)
		if text == "" {
			r.keys.ring = seal.NewRandomKeyRing()
			slog.Warn("actions: " + seal.EnvVar + " is not set, so bound arguments are sealed with a random key of this process: " +
				"pages rendered before a restart or by another instance will be refused. Set it to the output of \"actions keygen\".")
			return
		}
		r.keys.ring, r.keys.err = seal.ParseKeyRing(text)
	})
	return r.keys.ring, r.keys.err
}
