package cache

import (
	"context"
	"sync"
	"time"
)

// DefaultMemoryBytes bounds the in-memory store [New] creates when
// [Options.Local] is nil: 64 MiB.
const DefaultMemoryBytes = 64 << 20

// maxMemoryTags bounds the table of tag versions. Past it the store starts
// over (a flush), which keeps memory bounded however many distinct tags an
// application invalidates over its life (one per post, per user …).
const maxMemoryTags = 1 << 16

// itemOverhead approximates what an entry costs beyond its key, value and
// tags (the item, its map slot, its list links), so that a store full of
// small entries stays near its bound.
const itemOverhead = 128

// Memory is a [Store] in the process's memory, bounded by bytes: when full,
// it evicts the least recently used entries. It is the embedded default,
// and the local tier in front of a shared store. It is safe for concurrent
// use; one mutex guards it, which is held for map lookups only.
type Memory struct {
	mu       sync.Mutex
	maxBytes int64
	bytes    int64
	items    map[string]*item
	// head is the most recently used entry, tail the least.
	head, tail *item

	// clock is the logical time; versions of tags invalidated hold the
	// clock of their invalidation, and unknown tags have floor's.
	clock uint64
	floor uint64
	tags  map[string]uint64

	stats Stats
}

type item struct {
	key        string
	value      []byte
	tags       []string
	stamp      uint64
	expires    int64 // unix nanoseconds; 0: never
	size       int64
	prev, next *item
	// decoded is the value a read-only Load decoded from value, shared by
	// the entry's later hits; not counted in size.
	decoded any
}

// Stats are a [Memory] store's counters since it was made.
type Stats struct {
	// Hits and Misses count Get calls that found a fresh entry and that did
	// not.
	Hits, Misses uint64
	// Evictions counts entries dropped to stay within the byte bound.
	Evictions uint64
	// Entries and Bytes are what the store holds now (Bytes approximate,
	// overheads included), MaxBytes its bound.
	Entries         int
	Bytes, MaxBytes int64
}

// NewMemory returns an empty store that holds at most maxBytes (counting
// keys, values, tags and a fixed overhead per entry). An entry larger than
// that is not kept. maxBytes <= 0 means [DefaultMemoryBytes].
func NewMemory(maxBytes int64) *Memory {
	if maxBytes <= 0 {
		maxBytes = DefaultMemoryBytes
	}
	return &Memory{maxBytes: maxBytes, items: map[string]*item{}, tags: map[string]uint64{}}
}

// Stats returns the store's counters.
func (m *Memory) Stats() Stats {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.stats
	s.Entries, s.Bytes, s.MaxBytes = len(m.items), m.bytes, m.maxBytes
	return s
}

// Get implements [Store]. It never fails.
func (m *Memory) Get(_ context.Context, key string, extra []string) ([]byte, uint64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	it := m.items[key]
	switch {
	case it == nil:
	case it.expires != 0 && now().UnixNano() >= it.expires, !m.fresh(it.tags, it.stamp):
		// Neither will be fresh again: free the room now.
		m.remove(it)
	case !m.fresh(extra, it.stamp):
		// Stale for this reader only (another page's path was invalidated).
	default:
		m.moveToFront(it)
		m.stats.Hits++
		return it.value, m.clock, nil
	}
	m.stats.Misses++
	return nil, m.clock, nil
}

// Set implements [Store]. It never fails.
func (m *Memory) Set(_ context.Context, key string, value []byte, tags []string, stamp uint64, ttl time.Duration) error {
	size := int64(len(key)+len(value)) + itemOverhead
	for _, t := range tags {
		size += int64(len(t)) + 16
	}
	it := &item{key: key, value: value, tags: append([]string(nil), tags...), stamp: stamp, size: size}
	if ttl > 0 {
		it.expires = now().Add(ttl).UnixNano()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old := m.items[key]; old != nil {
		m.remove(old)
	}
	if size > m.maxBytes {
		return nil
	}
	m.items[key] = it
	m.pushFront(it)
	m.bytes += size
	for m.bytes > m.maxBytes {
		m.remove(m.tail)
		m.stats.Evictions++
	}
	return nil
}

// Delete implements [Store]. It never fails.
func (m *Memory) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if it := m.items[key]; it != nil {
		m.remove(it)
	}
	return nil
}

// Invalidate implements [Store]. It never fails.
func (m *Memory) Invalidate(_ context.Context, tags ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.clock++
	for _, t := range tags {
		m.tags[t] = m.clock
	}
	if len(m.tags) > maxMemoryTags {
		// Every stamp handed out is older than the new floor, so every
		// entry is stale: drop them with the table.
		m.floor = m.clock
		clear(m.tags)
		clear(m.items)
		m.head, m.tail, m.bytes = nil, nil, 0
	}
	return nil
}

// decoded returns the value keepDecoded kept with the entry under key, if
// that entry is still the one whose bytes are value (Get returns the same
// slice for as long as the entry is there; a new entry under the key has
// new bytes).
func (m *Memory) decoded(key string, value []byte) (any, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	it := m.items[key]
	if it == nil || it.decoded == nil || !sameBytes(it.value, value) {
		return nil, false
	}
	return it.decoded, true
}

// keepDecoded keeps v, decoded from value, with the entry under key if it
// still holds value.
func (m *Memory) keepDecoded(key string, value []byte, v any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if it := m.items[key]; it != nil && sameBytes(it.value, value) {
		it.decoded = v
	}
}

// sameBytes reports whether a and b are the same bytes in memory, not
// merely equal ones.
func sameBytes(a, b []byte) bool {
	return len(a) > 0 && len(a) == len(b) && &a[0] == &b[0]
}

// fresh reports whether no tag was invalidated after stamp.
func (m *Memory) fresh(tags []string, stamp uint64) bool {
	for _, t := range tags {
		v, ok := m.tags[t]
		if !ok {
			v = m.floor
		}
		if v > stamp {
			return false
		}
	}
	return true
}

func (m *Memory) remove(it *item) {
	delete(m.items, it.key)
	m.bytes -= it.size
	m.unlink(it)
}

func (m *Memory) moveToFront(it *item) {
	if m.head != it {
		m.unlink(it)
		m.pushFront(it)
	}
}

func (m *Memory) pushFront(it *item) {
	it.prev, it.next = nil, m.head
	if m.head != nil {
		m.head.prev = it
	}
	m.head = it
	if m.tail == nil {
		m.tail = it
	}
}

func (m *Memory) unlink(it *item) {
	if it.prev != nil {
		it.prev.next = it.next
	} else {
		m.head = it.next
	}
	if it.next != nil {
		it.next.prev = it.prev
	} else {
		m.tail = it.prev
	}
	it.prev, it.next = nil, nil
}
