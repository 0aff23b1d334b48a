package redis

import (
	"crypto/rand"
	"errors"
	"log/slog"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/goactions/actions/cache"
)

// Options configure a [Backend].
type Options struct {
	// Namespace prefixes every key and the channel, so that applications
	// sharing a Redis never read each other's entries. Required: two
	// applications with a default one would serve each other's pages.
	Namespace string
	// Logger receives the one line when Redis becomes unreachable and the
	// one when it is back; nil means slog.Default().
	Logger *slog.Logger
	// MaxTTL bounds how long an entry stays in Redis (default 24 h); an
	// entry without a TTL of its own gets it. Tag versions stay twice as
	// long, so an entry always expires before the versions that make it
	// stale do.
	MaxTTL time.Duration
	// RetryInterval is how long calls fail at once after Redis failed,
	// instead of each waiting for a connection timeout, and the pause
	// between the bus's attempts to reconnect (default 1 s).
	RetryInterval time.Duration
	// PingInterval is how long the bus waits without a message before it
	// checks its connection with a PING, and then for the answer (default
	// 5 s). A connection that died without closing is noticed within
	// twice that.
	PingInterval time.Duration
}

// A Backend is a Redis server as a [cache.Store] shared by every instance
// of an application and as the [cache.Bus] that carries invalidations
// between them. Use one per process for both:
//
//	b, err := redis.New(client, redis.Options{Namespace: "blog"})
//	c := cache.New(cache.Options{Shared: b, Bus: b})
//
// It is safe for concurrent use. When Redis cannot be reached its methods
// return errors at once (after the first failure, for RetryInterval), the
// cache serves from the source, one line is logged, and everything
// resumes by itself when Redis is back.
type Backend struct {
	client  goredis.UniversalClient
	opts    Options
	prefix  string // "<namespace>:"
	channel string
	id      string // tells this process's messages from others'
	health  health
}

var (
	_ cache.Store = (*Backend)(nil)
	_ cache.Bus   = (*Backend)(nil)
)

// New returns a backend on client (a *goredis.Client, or a failover
// client through Sentinel; not a Redis Cluster, whose keys of one entry
// and its tags may live on different nodes). It does not connect: an
// unreachable Redis is handled as an outage, from the first call on.
func New(client goredis.UniversalClient, opts Options) (*Backend, error) {
	if client == nil {
		return nil, errors.New("redis: New needs a client")
	}
	if opts.Namespace == "" {
		return nil, errors.New("redis: Options.Namespace is required: it keeps applications sharing a Redis apart")
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxTTL <= 0 {
		opts.MaxTTL = 24 * time.Hour
	}
	if opts.RetryInterval <= 0 {
		opts.RetryInterval = time.Second
	}
	if opts.PingInterval <= 0 {
		opts.PingInterval = 5 * time.Second
	}
	b := &Backend{
		client:  client,
		opts:    opts,
		prefix:  opts.Namespace + ":",
		channel: opts.Namespace + ":invalidations",
		id:      rand.Text(),
	}
	b.health = health{logger: opts.Logger.With("namespace", opts.Namespace), retry: opts.RetryInterval}
	return b, nil
}
