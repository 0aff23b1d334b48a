package cache

import (
	"context"
	"time"
)

// A Store keeps cache entries as bytes, each under a key with a set of
// tags, and invalidates by tag without listing keys, so that it works the
// same in one process ([Memory]) and shared by many (the Redis adapter,
// github.com/goactions/actions/redis).
//
// Invalidation works with versions from a logical clock that only moves
// forward. [Store.Get] returns the clock's current value, the stamp, and a
// value computed after that is stored with it ([Store.Set]).
// [Store.Invalidate] gives each tag a version newer than every stamp
// handed out before. An entry is returned only while every tag it was
// stored with, and every extra tag the reader names, has a version no
// newer than the entry's stamp. A value computed while one of its tags is
// invalidated is therefore stale as soon as it is stored, and never
// served.
//
// A Store must be safe for concurrent use. Errors mean the store could
// not be reached or answered wrongly; [Cache] then serves from the source
// and leaves the store alone for that call.
type Store interface {
	// Get returns the value stored under key, or nil when there is none:
	// never stored, expired, evicted, or stamped before the version of one
	// of its tags or of one of extra. It also returns the current stamp,
	// for storing a value computed from now on. The value returned must
	// not be modified.
	Get(ctx context.Context, key string, extra []string) (value []byte, stamp uint64, err error)

	// Set stores value under key with its tags and the stamp that Get
	// returned before the value was computed. The entry expires after ttl;
	// 0 means when the store chooses (never, for Memory). A store may
	// decline to keep an entry (too large) without an error. It may keep
	// value and tags as they are: the caller does not modify them after.
	Set(ctx context.Context, key string, value []byte, tags []string, stamp uint64, ttl time.Duration) error

	// Delete removes the entry under key, if any.
	Delete(ctx context.Context, key string) error

	// Invalidate gives each tag a version newer than every stamp Get has
	// returned, so that no entry stored with one of them before now is
	// returned again.
	Invalidate(ctx context.Context, tags ...string) error
}
