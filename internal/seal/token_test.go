package seal_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/internal/seal"
)

var now = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

func TestSealThenOpenGivesThePlaintextBack(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1))
	for _, tc := range []struct {
		name, plaintext, actionID string
	}{
		{"a small JSON value opens", `[7,"draft"]`, "deletePost"},
		{"an empty plaintext opens", "", "deletePost"},
		{"binary bytes open unchanged", "\x00\xff\x80 \n\"<>&'", "deletePost"},
		{"an empty action id is an action id like any other", "x", ""},
		{"a non-ASCII action id works", "x", "posts.löschen/✓"},
		{"the largest plaintext opens", strings.Repeat("a", seal.MaxPlaintextLen), "deletePost"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			token := mustSeal(t, ring, tc.plaintext, tc.actionID, time.Time{})
			assertOpens(t, ring, token, tc.actionID, now, tc.plaintext)
		})
	}
}

func TestTokensNeedNoEscapingInHTMLOrJSON(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1))
	for i := range 64 {
		token := mustSeal(t, ring, strings.Repeat("\xff<\"&", i), "a", time.Time{})
		if got := template.HTMLEscapeString(token); got != token {
			t.Fatalf("HTML escaping changes %q to %q", token, got)
		}
		if got, _ := json.Marshal(token); string(got) != `"`+token+`"` {
			t.Fatalf("JSON escaping changes %q to %s", token, got)
		}
	}
}

// TestTokenLayoutIsTheDocumentedOne pins the format in the package doc:
// whoever changes it must change the version byte and the doc too.
func TestTokenLayoutIsTheDocumentedOne(t *testing.T) {
	t.Parallel()
	key := testKey(1)
	token := mustSeal(t, mustRing(t, key), "hello", "a", time.Time{})
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(key)
	if raw[0] != 1 {
		t.Errorf("version byte = %d, want 1", raw[0])
	}
	if !bytes.Equal(raw[1:5], sum[:4]) {
		t.Errorf("key id = %x, want the first 4 bytes of SHA-256 of the key, %x", raw[1:5], sum[:4])
	}
	if want := 41 + len("hello"); len(raw) != want {
		t.Errorf("token is %d bytes, want %d", len(raw), want)
	}
}

func TestSealRefusesWhatCouldNotOpen(t *testing.T) {
	t.Parallel()
	t.Run("a plaintext one byte over the limit is too large", func(t *testing.T) {
		t.Parallel()
		_, err := mustRing(t, testKey(1)).Seal(make([]byte, seal.MaxPlaintextLen+1), "a", time.Time{})
		if !errors.Is(err, seal.ErrTooLarge) {
			t.Fatalf("Seal: %v, want ErrTooLarge", err)
		}
	})
	t.Run("the largest plaintext makes the longest token", func(t *testing.T) {
		t.Parallel()
		token := mustSeal(t, mustRing(t, testKey(1)), strings.Repeat("a", seal.MaxPlaintextLen), "a", time.Time{})
		if len(token) != seal.MaxTokenLen {
			t.Fatalf("token is %d characters, want MaxTokenLen %d", len(token), seal.MaxTokenLen)
		}
	})
	for name, ring := range map[string]*seal.KeyRing{
		"a nil ring cannot seal":  nil,
		"a zero ring cannot seal": {},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if token, err := ring.Seal([]byte("x"), "a", time.Time{}); err == nil {
				t.Fatalf("Seal = %q, want an error", token)
			}
		})
	}
}

func TestSealingTwiceGivesTwoTokens(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1))
	a := mustSeal(t, ring, "same", "a", time.Time{})
	b := mustSeal(t, ring, "same", "a", time.Time{})
	if a == b {
		t.Fatalf("two seals of one plaintext are both %q; the nonce must be fresh", a)
	}
	assertOpens(t, ring, a, "a", now, "same")
	assertOpens(t, ring, b, "a", now, "same")
}

func TestOpenRefusesATokenSealedForAnotherAction(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1))
	token := mustSeal(t, ring, "x", "deletePost", time.Time{})
	for _, tc := range []struct{ name, actionID string }{
		{"another action", "publishPost"},
		{"a prefix of the action id", "delete"},
		{"the action id with a suffix", "deletePost2"},
		{"the action id in another case", "deletepost"},
		{"the empty action id", ""},
	} {
		t.Run("a token for deletePost does not open for "+tc.name, func(t *testing.T) {
			t.Parallel()
			assertRefused(t, ring, token, tc.actionID, now, seal.ErrTampered)
		})
	}
}

// TestOpenRefusesEveryAlteredByte flips bits in each byte of a token and
// checks the refusal that byte's field calls for.
func TestOpenRefusesEveryAlteredByte(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1))
	encoding := base64.RawURLEncoding
	raw, err := encoding.DecodeString(mustSeal(t, ring, "some bound arguments", "a", time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	for i := range raw {
		want := seal.ErrTampered // nonce, ciphertext, tag
		switch {
		case i == 0:
			want = seal.ErrMalformed // version
		case i < 5:
			want = seal.ErrUnknownKey // key id
		}
		for _, mask := range []byte{0x01, 0x80, 0xff} {
			altered := bytes.Clone(raw)
			altered[i] ^= mask
			assertRefused(t, ring, encoding.EncodeToString(altered), "a", now, want)
		}
	}
	const overhead = 41
	for n := range raw {
		want := seal.ErrTampered
		if n < overhead {
			want = seal.ErrMalformed
		}
		assertRefused(t, ring, encoding.EncodeToString(raw[:n]), "a", now, want)
	}
	assertRefused(t, ring, encoding.EncodeToString(append(bytes.Clone(raw), 0)), "a", now, seal.ErrTampered)
}

// TestOpenRefusesEveryAlteredCharacter does the same on the text: any
// other character anywhere, or one more or fewer, never opens.
func TestOpenRefusesEveryAlteredCharacter(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1))
	token := mustSeal(t, ring, "some bound arguments", "a", time.Time{})
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ \n."
	for i := range len(token) {
		for _, c := range []byte(alphabet) {
			if c == token[i] {
				continue
			}
			for _, altered := range []string{
				token[:i] + string(c) + token[i+1:],
				token[:i] + string(c) + token[i:],
				token[:i] + token[i+1:],
			} {
				if got, err := ring.Open(altered, "a", now); err == nil || !isDocumented(err) {
					t.Fatalf("Open(%q) = %q, %v; want a documented error", altered, got, err)
				}
			}
		}
	}
}

func TestOpenRefusesMalformedTokens(t *testing.T) {
	t.Parallel()
	ring := mustRing(t, testKey(1))
	// 43 bytes: the last character carries 2 bits and 4 that must be zero.
	valid := mustSeal(t, ring, "xy", "a", time.Time{})
	raw, _ := base64.RawURLEncoding.DecodeString(valid)
	withVersion := func(v byte) string {
		r := bytes.Clone(raw)
		r[0] = v
		return base64.RawURLEncoding.EncodeToString(r)
	}
	for _, tc := range []struct{ name, token string }{
		{"the empty token is malformed", ""},
		{"a token over MaxTokenLen is malformed", strings.Repeat("A", seal.MaxTokenLen+1)},
		{"a token with base64 padding is malformed", valid + "="},
		{"a token in the standard base64 alphabet is malformed", base64.RawStdEncoding.EncodeToString(bytes.Repeat([]byte{0xfb}, 60))},
		{"a token with a newline inside is malformed", valid[:10] + "\n" + valid[10:]},
		{"a token with a carriage return at the end is malformed", valid + "\r"},
		{"a token with stray bits in its last character is malformed", valid[:len(valid)-1] + string(valid[len(valid)-1]+1)},
		{"a token one byte too short is malformed", base64.RawURLEncoding.EncodeToString(raw[:40])},
		{"a token of version 0 is malformed", withVersion(0)},
		{"a token of version 2 is malformed", withVersion(2)},
		{"a token of HTML is malformed", "<script>alert(1)</script>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assertRefused(t, ring, tc.token, "a", now, seal.ErrMalformed)
		})
	}
}
