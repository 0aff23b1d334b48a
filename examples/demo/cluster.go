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

// likesKey is the like count's key in Redis, beside the cache's keys
// (redisNamespace + ":e:…", ":t:…", ":clock").
const likesKey = redisNamespace + ":likes"

// A cluster is what the instances of the demo on one database share
// besides it: the cache, and with REDIS_URL the Redis that is the cache's
// shared tier and bus and holds the like count (likes.go).
type cluster struct {
	cache *cache.Cache
	redis *goredis.Client // nil without REDIS_URL
}

// newCluster makes the cluster REDIS_URL names (redis://127.0.0.1:6379/0,
// as go-redis's ParseURL reads it), so that instances of the demo on the
// same database and the same Redis see each other's revalidations and
// likes; without it, one process's: the cache and the like count in
// memory. closeCluster stops listening to the bus and releases the Redis
// client.
func newCluster(getenv func(string) string, logger *slog.Logger) (cl cluster, closeCluster func() error, err error) {
	url := getenv("REDIS_URL")
	if url == "" {
		return cluster{cache: cache.New(cache.Options{})}, func() error { return nil }, nil
	}
	opts, err := goredis.ParseURL(url)
	if err != nil {
		return cluster{}, nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	client := goredis.NewClient(opts)
	backend, err := redis.New(client, redis.Options{Namespace: redisNamespace, Logger: logger})
	if err != nil {
		client.Close()
		return cluster{}, nil, err
	}
	c := cache.New(cache.Options{Shared: backend, Bus: backend})
	return cluster{cache: c, redis: client}, func() error { c.Close(); return client.Close() }, nil
}
