package redis_test

import (
	"log/slog"
	"testing"

	goredis "github.com/redis/go-redis/v9"

	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/cache/storetest"
	"github.com/goactions/actions/redis"
)

func TestStore(t *testing.T) {
	srv := startRedis(t)
	client := srv.client()
	storetest.Run(t, func(t *testing.T) cache.Store {
		b, err := redis.New(client, redis.Options{Namespace: namespace("store"), Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		return b
	})
}

func TestNewRefuses(t *testing.T) {
	client := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:1"}) // never dialled
	defer client.Close()
	tests := []struct {
		name   string
		client bool
		opts   redis.Options
	}{
		{"no client", false, redis.Options{Namespace: "app"}},
		{"no namespace, which would mix applications", true, redis.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.client {
				_, err = redis.New(client, tt.opts)
			} else {
				_, err = redis.New(nil, tt.opts)
			}
			if err == nil {
				t.Error("New accepted it")
			}
		})
	}
}
