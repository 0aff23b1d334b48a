package redis

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// errUnavailable answers calls made while Redis is known to be down.
var errUnavailable = errors.New("redis: unavailable; retrying in the background")

// health tracks whether Redis can be reached. An outage is logged once when
// it starts and once when it ends. In between, calls fail at once rather
// than each waiting for a connection to fail: while a subscription of the
// bus is trying to reconnect in the background, it alone finds out when
// Redis is back; without one, one call every retry interval tries.
type health struct {
	logger  *slog.Logger
	retry   time.Duration
	down    atomic.Bool
	retryAt atomic.Int64 // unix nanoseconds
	probers atomic.Int32 // subscriptions reconnecting in the background
	replied sync.Once
}

// allow reports whether a call should go to Redis.
func (h *health) allow() bool {
	if !h.down.Load() {
		return true
	}
	if h.probers.Load() > 0 {
		return false
	}
	at, now := h.retryAt.Load(), time.Now().UnixNano()
	return now >= at && h.retryAt.CompareAndSwap(at, now+int64(h.retry))
}

// report records how a call went.
func (h *health) report(ctx context.Context, err error) {
	var reply goredis.Error
	switch {
	case err == nil || errors.Is(err, goredis.Nil):
		h.up()
	case ctx.Err() != nil:
		// The caller gave up; that says nothing of Redis.
	case errors.As(err, &reply):
		// Redis answered, with an error: not an outage, and not worth a
		// line per call (it would be one per request).
		h.replied.Do(func() {
			h.logger.Error("redis: an error reply; values and pages are computed from the source while it lasts (logged once)", "error", err)
		})
	default:
		h.failed(err)
	}
}

func (h *health) failed(err error) {
	h.retryAt.Store(time.Now().Add(h.retry).UnixNano())
	if h.down.CompareAndSwap(false, true) {
		h.logger.Warn("redis: unreachable; values and pages are computed from the source, uncached, until it is back", "error", err)
	}
}

func (h *health) up() {
	if h.down.CompareAndSwap(true, false) {
		h.logger.Info("redis: reachable again")
	}
}
