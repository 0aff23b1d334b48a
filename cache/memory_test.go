package cache_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/cache"
)

func TestMemory(t *testing.T) {
	ctx := context.Background()
	get := func(m *cache.Memory, key string, extra ...string) string {
		v, _, err := m.Get(ctx, key, extra)
		if err != nil {
			t.Fatal(err)
		}
		if v == nil {
			return "<miss>"
		}
		return string(v)
	}
	set := func(m *cache.Memory, key, value string, tags ...string) {
		_, stamp, _ := m.Get(ctx, key, nil)
		m.Set(ctx, key, []byte(value), tags, stamp, 0)
	}

	tests := []struct {
		name string
		run  func(t *testing.T, m *cache.Memory) (got, want string)
	}{
		{"a value set is got back", func(t *testing.T, m *cache.Memory) (string, string) {
			set(m, "k", "v", "a")
			return get(m, "k"), "v"
		}},
		{"invalidating one of its tags makes it a miss", func(t *testing.T, m *cache.Memory) (string, string) {
			set(m, "k", "v", "a", "b")
			m.Invalidate(ctx, "b")
			return get(m, "k"), "<miss>"
		}},
		{"invalidating another tag leaves it", func(t *testing.T, m *cache.Memory) (string, string) {
			set(m, "k", "v", "a")
			m.Invalidate(ctx, "c")
			return get(m, "k"), "v"
		}},
		{"a value computed across an invalidation of its tag is never served", func(t *testing.T, m *cache.Memory) (string, string) {
			_, stamp, _ := m.Get(ctx, "k", nil) // before computing
			m.Invalidate(ctx, "a")              // while computing
			m.Set(ctx, "k", []byte("old"), []string{"a"}, stamp, 0)
			return get(m, "k"), "<miss>"
		}},
		{"a value stored after an invalidation is served", func(t *testing.T, m *cache.Memory) (string, string) {
			m.Invalidate(ctx, "a")
			set(m, "k", "new", "a")
			return get(m, "k"), "new"
		}},
		{"an invalidated extra tag makes it a miss for that reader only", func(t *testing.T, m *cache.Memory) (string, string) {
			set(m, "k", "v", "a")
			m.Invalidate(ctx, "path:/p")
			return get(m, "k", "path:/p") + " " + get(m, "k", "path:/q"), "<miss> v"
		}},
		{"an entry with a TTL is a miss once it has expired", func(t *testing.T, m *cache.Memory) (string, string) {
			now := time.Now()
			defer cache.SetClock(func() time.Time { return now })()
			_, stamp, _ := m.Get(ctx, "k", nil)
			m.Set(ctx, "k", []byte("v"), nil, stamp, time.Minute)
			before := get(m, "k")
			now = now.Add(time.Minute)
			return before + " " + get(m, "k"), "v <miss>"
		}},
		{"a deleted entry is a miss", func(t *testing.T, m *cache.Memory) (string, string) {
			set(m, "k", "v")
			m.Delete(ctx, "k")
			return get(m, "k"), "<miss>"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := tt.run(t, cache.NewMemory(1<<20))
			if got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestMemoryStaysWithinItsBytesEvictingTheLeastRecentlyUsed(t *testing.T) {
	ctx := context.Background()
	m := cache.NewMemory(4 << 10)
	value := []byte(strings.Repeat("x", 1000))
	for i := range 3 {
		m.Set(ctx, fmt.Sprint("k", i), value, nil, 0, 0)
	}
	m.Get(ctx, "k0", nil) // k1 is now the least recently used
	m.Set(ctx, "k3", value, nil, 0, 0)
	m.Set(ctx, "k4", value, nil, 0, 0)
	s := m.Stats()
	if s.Bytes > s.MaxBytes || s.Evictions == 0 {
		t.Fatalf("stats %+v: the store must stay within its bound by evicting", s)
	}
	for key, want := range map[string]bool{"k0": true, "k1": false, "k4": true} {
		if v, _, _ := m.Get(ctx, key, nil); (v != nil) != want {
			t.Errorf("%s kept = %v, want %v", key, v != nil, want)
		}
	}
}

func TestMemoryDoesNotKeepAnEntryLargerThanItsBound(t *testing.T) {
	ctx := context.Background()
	m := cache.NewMemory(1 << 10)
	m.Set(ctx, "big", make([]byte, 2<<10), nil, 0, 0)
	if v, _, _ := m.Get(ctx, "big", nil); v != nil || m.Stats().Bytes != 0 {
		t.Errorf("kept %d bytes; stats %+v", len(v), m.Stats())
	}
}

func TestMemoryCountsHitsAndMisses(t *testing.T) {
	ctx := context.Background()
	m := cache.NewMemory(0)
	m.Set(ctx, "k", []byte("v"), nil, 0, 0)
	m.Get(ctx, "k", nil)
	m.Get(ctx, "k", nil)
	m.Get(ctx, "other", nil)
	s := m.Stats()
	if s.Hits != 2 || s.Misses != 1 || s.Entries != 1 || s.MaxBytes != cache.DefaultMemoryBytes {
		t.Errorf("stats %+v", s)
	}
}

func TestMemoryStartsOverPastItsTagTable(t *testing.T) {
	ctx := context.Background()
	m := cache.NewMemory(0)
	_, stamp, _ := m.Get(ctx, "k", nil)
	m.Set(ctx, "k", []byte("v"), []string{"never-invalidated"}, stamp, 0)
	for i := range 1<<16 + 1 {
		m.Invalidate(ctx, fmt.Sprint("tag", i))
	}
	if v, _, _ := m.Get(ctx, "k", nil); v != nil {
		t.Error("an entry older than the start over must be a miss")
	}
	_, stamp, _ = m.Get(ctx, "k", nil)
	m.Set(ctx, "k", []byte("v2"), []string{"tag1"}, stamp, 0)
	if v, _, _ := m.Get(ctx, "k", nil); string(v) != "v2" {
		t.Errorf("an entry stored after the start over: %q", v)
	}
}
