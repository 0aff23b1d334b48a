package seal_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/internal/seal"
)

// Keys in the documented text form, and their bytes.
var (
	key1Text = base64.RawURLEncoding.EncodeToString(testKey(1))
	key2Text = base64.RawURLEncoding.EncodeToString(testKey(2))
	key3Text = base64.RawURLEncoding.EncodeToString(testKey(3))
)

func TestParseKeyRingReadsTheDocumentedForm(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		text string
		keys [][]byte
	}{
		{"one key is a ring", key1Text, [][]byte{testKey(1)}},
		{"commas separate keys, the first sealing", key2Text + "," + key1Text + "," + key3Text, [][]byte{testKey(2), testKey(1), testKey(3)}},
		{"whitespace around keys is ignored", " \t" + key1Text + " ,\n  " + key2Text + "\n", [][]byte{testKey(1), testKey(2)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			parsed, err := seal.ParseKeyRing(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			want := mustRing(t, tc.keys...)
			if parsed.String() != want.String() {
				t.Fatalf("ParseKeyRing = %v, want %v", parsed, want)
			}
			assertOpens(t, want, mustSeal(t, parsed, "x", "a", time.Time{}), "a", now, "x")
		})
	}
}

func TestParseKeyRingRefusesBadText(t *testing.T) {
	t.Parallel()
	short := base64.RawURLEncoding.EncodeToString(make([]byte, 16))
	for _, tc := range []struct {
		name, text, want string
	}{
		{"an empty variable holds no keys", "", "seal: no keys"},
		{"a blank variable holds no keys", " \n\t", "seal: no keys"},
		{"a lone comma is an empty key", ",", "seal: key 1: empty"},
		{"a trailing comma is an empty key", key1Text + ",", "seal: key 2: empty"},
		{"two commas in a row make an empty key", key1Text + ",," + key2Text, "seal: key 2: empty"},
		{"a short key is refused", key1Text + "," + short, "seal: key 2: want 32 bytes, got 16"},
		{"a long key is refused", key1Text + "AAAA", "seal: key 1: want 32 bytes, got 35"},
		{"a repeated key is refused", key1Text + "," + key2Text + ", " + key1Text, "seal: key 3 repeats key 1"},
		{"a padded key is refused", base64.URLEncoding.EncodeToString(testKey(1)), "seal: key 1: character 44 is not unpadded base64url (A-Z a-z 0-9 - _)"},
		{"a key in the standard alphabet is refused", base64.RawStdEncoding.EncodeToString(testKey(0xfb)), "seal: key 1: character 1 is not unpadded base64url (A-Z a-z 0-9 - _)"},
		{"a key with a space inside is refused", key1Text[:20] + " " + key1Text[20:], "seal: key 1: character 21 is not unpadded base64url (A-Z a-z 0-9 - _)"},
		{"a key with a newline inside is refused", key1Text[:20] + "\n" + key1Text[20:], "seal: key 1: character 21 is not unpadded base64url (A-Z a-z 0-9 - _)"},
		{"semicolons do not separate keys", key1Text + ";" + key2Text, "seal: key 1: character 44 is not unpadded base64url (A-Z a-z 0-9 - _)"},
		{"a key of impossible length is refused", key1Text + "AA", "seal: key 1: 45 characters is no length of unpadded base64url"},
		{"a key with stray bits in its last character is refused", key1Text[:42] + "B", "seal: key 1: not canonical unpadded base64url: stray bits in the last character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ring, err := seal.ParseKeyRing(tc.text)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("ParseKeyRing = %v, %v; want error %q", ring, err, tc.want)
			}
			for _, key := range []string{key1Text, key2Text, key1Text[:20], key1Text[20:]} {
				if strings.Contains(err.Error(), key) {
					t.Fatalf("the error %q quotes a key", err)
				}
			}
		})
	}
}

func TestGenerateKeyWritesTheDocumentedForm(t *testing.T) {
	t.Parallel()
	a, b := seal.GenerateKey(), seal.GenerateKey()
	if a == b {
		t.Fatalf("two keys are both %q", a)
	}
	if len(a) != 43 {
		t.Fatalf("key %q is %d characters, want 43", a, len(a))
	}
	if _, err := seal.ParseKeyRing(a + "," + b); err != nil {
		t.Fatal(err)
	}
}

// TestTheDocumentedExampleParses keeps the package doc's example valid.
func TestTheDocumentedExampleParses(t *testing.T) {
	t.Parallel()
	const example = "6ZkLJ0pP7uD1aYx4Q2mB9wVt3nHcR8sKfE5gT0jU1oA,p2JqzN4Wm8vX1cL6bR0tY3hG7kD9sF5aE2uI8oP4nQw"
	if _, err := seal.ParseKeyRing(example); err != nil {
		t.Fatal(err)
	}
	if seal.EnvVar != "ACTIONS_KEYS" {
		t.Fatalf("EnvVar = %q, the doc says ACTIONS_KEYS", seal.EnvVar)
	}
}
