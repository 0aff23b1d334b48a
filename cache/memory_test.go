package cache_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/cache/storetest"
)

func TestMemory(t *testing.T) {
	storetest.Run(t, func(*testing.T) cache.Store { return cache.NewMemory(1 << 20) })
}

func TestMemoryEntryWithATTLIsAMissOnceExpired(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	defer cache.SetClock(func() time.Time { return now })()
	m := cache.NewMemory(0)
	_, stamp, _ := m.Get(ctx, "k", nil)
	m.Set(ctx, "k", []byte("v"), nil, stamp, time.Minute)
	if v, _, _ := m.Get(ctx, "k", nil); string(v) != "v" {
		t.Fatalf("before its TTL: %q", v)
	}
	now = now.Add(time.Minute)
	if v, _, _ := m.Get(ctx, "k", nil); v != nil {
		t.Errorf("after its TTL: %q", v)
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
