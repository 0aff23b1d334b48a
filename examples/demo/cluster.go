package main

import (
	"fmt"
	"log/slog"

	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/redis"
	goredis "github.com/redis/go-redis/v9"
)

// redisNamespace prefixes the demo's keys and channel in Redis, so that it
// can share a Redis with other applications.
const redisNamespace = "goactions-demo"

// newCache is the cache of the pages and actions. With REDIS_URL set
// (redis://127.0.0.1:6379/0, as go-redis's ParseURL reads it), Redis is
// its shared tier and its bus, so that instances of the demo on the same
// database and the same Redis see each other's revalidations; without it,
// the in-memory cache of one process. closeCache stops listening to the bus
// and releases the Redis client.
func newCache(getenv func(string) string, logger *slog.Logger) (c *cache.Cache, closeCache func() error, err error) {
	url := getenv("REDIS_URL")
	if url == "" {
		return cache.New(cache.Options{}), func() error { return nil }, nil
	}
	opts, err := goredis.ParseURL(url)
	if err != nil {
		return nil, nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	client := goredis.NewClient(opts)
	backend, err := redis.New(client, redis.Options{Namespace: redisNamespace, Logger: logger})
	if err != nil {
		client.Close()
		return nil, nil, err
	}
	c = cache.New(cache.Options{Shared: backend, Bus: backend})
	return c, func() error { c.Close(); return client.Close() }, nil
}
