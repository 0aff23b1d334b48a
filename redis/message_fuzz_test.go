package redis

import (
	"slices"
	"testing"
)

// Anyone who can publish on the Redis channel can send the bus anything:
// decoding must never panic nor read past the message, and what decodes
// must encode back to the same message.
func FuzzDecodeMessage(f *testing.F) {
	f.Add(string(encodeMessage("sender", []string{"posts", "path:/posts/7", "odd\x00\xff"})))
	f.Add(string(encodeMessage("", nil)))
	f.Add("\x06sender\xff\xff\xff\xff\x0f")
	f.Add("")
	f.Fuzz(func(t *testing.T, m string) {
		from, tags, err := decodeMessage(m)
		if err != nil {
			return
		}
		again, againTags, err := decodeMessage(string(encodeMessage(from, tags)))
		if err != nil || again != from || !slices.Equal(againTags, tags) {
			t.Fatalf("%q decoded to %q %q, which does not survive encoding", m, from, tags)
		}
	})
}
