package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	goredis "github.com/redis/go-redis/v9"
)

// redisCount is the count of every instance on one Redis (REDIS_URL):
// INCR there, so that counts are distinct and ordered across instances,
// and the highest count an instance saw written to the row, where the
// next instance to start, or Redis after losing its data, finds it.
type redisCount struct {
	client *goredis.Client
	key    string

	mu     sync.Mutex
	stored int64 // the row's value, as of the last read or write of it
	seen   int64 // the highest count Redis gave this instance
}

// incrAbove adds one to the count at KEYS[1] after raising it to ARGV[1],
// the database's count, when it is lower: when Redis has not the key yet,
// or lost it, counting goes on from the database's count and not from 0.
var incrAbove = goredis.NewScript(`
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
local floor = tonumber(ARGV[1])
if n < floor then redis.call('SET', KEYS[1], floor) end
return redis.call('INCR', KEYS[1])`)

// add fails while Redis cannot be reached: a like counted anywhere else
// would be counted twice, or under another's number, when Redis is back.
func (r *redisCount) add(ctx context.Context) (int64, error) {
	r.mu.Lock()
	floor := r.stored
	r.mu.Unlock()
	n, err := incrAbove.Run(ctx, r.client, []string{r.key}, floor).Int64()
	if err != nil {
		return 0, fmt.Errorf("demo: counting a like in Redis: %w", err)
	}
	r.saw(n)
	return n, nil
}

// count reads the count from Redis. While Redis cannot be reached, the
// page shows the last count this instance saw rather than failing (the
// cache on the same Redis logs the outage).
func (r *redisCount) count(ctx context.Context) (int64, error) {
	n, err := r.client.Get(ctx, r.key).Int64()
	if err != nil && !errors.Is(err, goredis.Nil) {
		n = 0
	}
	return r.saw(n), nil
}

// saw records a count read from Redis and returns the count to show: the
// highest of it, the row's and those seen before (a count read while
// another instance's INCR was under way may be older than one seen).
func (r *redisCount) saw(n int64) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = max(r.seen, n)
	return max(r.seen, r.stored)
}

func (r *redisCount) dirty() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen > r.stored
}

// flush raises the row to the highest count seen. The greater of the
// two, not a sum: every instance writes the one count, and the row must not
// go down when an instance that saw less writes after one that saw more.
// (A CASE, as SQLite's MAX(a, b) is PostgreSQL's GREATEST.)
func (r *redisCount) flush(ctx context.Context, db *database) error {
	r.mu.Lock()
	n, stored := r.seen, r.stored
	r.mu.Unlock()
	if n <= stored {
		return nil
	}
	err := db.QueryRowContext(ctx, `UPDATE counters SET value = CASE WHEN value < ? THEN ? ELSE value END WHERE name = 'likes' RETURNING value`, n, n).Scan(&stored)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stored = max(r.stored, stored)
	return nil
}
