// Package storetest checks that a [cache.Store] keeps the contract the
// cache relies on: tags invalidate without listing keys, a value computed
// across an invalidation of its tag is never served, extra tags apply to
// their reader only. The in-memory store and the Redis adapter both pass
// it; so should any other.
package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/goactions/actions/cache"
)

// Run runs the contract's tests, each on a store newStore returns. The
// stores must be empty and independent of each other (for a shared store:
// a namespace per call).
func Run(t *testing.T, newStore func(t *testing.T) cache.Store) {
	ctx := context.Background()
	get := func(t *testing.T, s cache.Store, key string, extra ...string) string {
		t.Helper()
		v, _, err := s.Get(ctx, key, extra)
		if err != nil {
			t.Fatal(err)
		}
		if v == nil {
			return "<miss>"
		}
		return string(v)
	}
	set := func(t *testing.T, s cache.Store, key, value string, tags ...string) {
		t.Helper()
		_, stamp, err := s.Get(ctx, key, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Set(ctx, key, []byte(value), tags, stamp, 0); err != nil {
			t.Fatal(err)
		}
	}
	invalidate := func(t *testing.T, s cache.Store, tags ...string) {
		t.Helper()
		if err := s.Invalidate(ctx, tags...); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name string
		run  func(t *testing.T, s cache.Store) (got, want string)
	}{
		{"a missing key is a miss", func(t *testing.T, s cache.Store) (string, string) {
			return get(t, s, "k"), "<miss>"
		}},
		{"a value set is got back", func(t *testing.T, s cache.Store) (string, string) {
			set(t, s, "k", "v", "a")
			return get(t, s, "k"), "v"
		}},
		{"an empty value is a hit", func(t *testing.T, s cache.Store) (string, string) {
			set(t, s, "k", "")
			return get(t, s, "k"), ""
		}},
		{"any bytes are kept as they are", func(t *testing.T, s cache.Store) (string, string) {
			set(t, s, "k\x00:\n", "\x00\xff:\n", "t\x00:\n", "5:x")
			return get(t, s, "k\x00:\n"), "\x00\xff:\n"
		}},
		{"a value set again replaces the first", func(t *testing.T, s cache.Store) (string, string) {
			set(t, s, "k", "v1", "a")
			set(t, s, "k", "v2")
			invalidate(t, s, "a")
			return get(t, s, "k"), "v2"
		}},
		{"invalidating one of its tags makes it a miss", func(t *testing.T, s cache.Store) (string, string) {
			set(t, s, "k", "v", "a", "b")
			invalidate(t, s, "b")
			return get(t, s, "k"), "<miss>"
		}},
		{"invalidating a tag with odd bytes works", func(t *testing.T, s cache.Store) (string, string) {
			set(t, s, "k", "v", "3:abc", "t\x00:\n")
			invalidate(t, s, "t\x00:\n")
			return get(t, s, "k"), "<miss>"
		}},
		{"invalidating another tag leaves it", func(t *testing.T, s cache.Store) (string, string) {
			set(t, s, "k", "v", "ab")
			invalidate(t, s, "a", "b", "2:ab")
			return get(t, s, "k"), "v"
		}},
		{"one invalidation reaches every entry with the tag", func(t *testing.T, s cache.Store) (string, string) {
			for i := range 10 {
				set(t, s, fmt.Sprint("k", i), "v", "a")
			}
			set(t, s, "other", "v", "b")
			invalidate(t, s, "a")
			got := ""
			for i := range 10 {
				got += get(t, s, fmt.Sprint("k", i))
			}
			return got + get(t, s, "other"), "<miss><miss><miss><miss><miss><miss><miss><miss><miss><miss>v"
		}},
		{"a value computed across an invalidation of its tag is never served", func(t *testing.T, s cache.Store) (string, string) {
			_, stamp, _ := s.Get(ctx, "k", nil) // before computing
			invalidate(t, s, "a")               // while computing
			if err := s.Set(ctx, "k", []byte("old"), []string{"a"}, stamp, 0); err != nil {
				t.Fatal(err)
			}
			return get(t, s, "k"), "<miss>"
		}},
		{"a value stored after an invalidation is served", func(t *testing.T, s cache.Store) (string, string) {
			invalidate(t, s, "a")
			set(t, s, "k", "new", "a")
			return get(t, s, "k"), "new"
		}},
		{"an invalidated extra tag makes it a miss for that reader only", func(t *testing.T, s cache.Store) (string, string) {
			set(t, s, "k", "v", "a")
			invalidate(t, s, "path:/p")
			return get(t, s, "k", "path:/p") + " " + get(t, s, "k", "path:/q"), "<miss> v"
		}},
		{"a deleted entry is a miss", func(t *testing.T, s cache.Store) (string, string) {
			set(t, s, "k", "v")
			if err := s.Delete(ctx, "k"); err != nil {
				t.Fatal(err)
			}
			return get(t, s, "k"), "<miss>"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := tt.run(t, newStore(t))
			if got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
