package redis

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/goactions/actions/cache"
)

// Publish implements [cache.Bus] with Redis PUBLISH on the namespace's
// channel.
func (b *Backend) Publish(ctx context.Context, tags []string) error {
	if !b.health.allow() {
		return errUnavailable
	}
	err := b.client.Publish(ctx, b.channel, encodeMessage(b.id, tags)).Err()
	b.health.report(ctx, err)
	return err
}

// Subscribe implements [cache.Bus]: a goroutine holds a SUBSCRIBE
// connection, and connects again whenever it breaks, until stop is called.
// l hears Connected each time the subscription is confirmed (Redis pub/sub
// keeps nothing for absent subscribers: what was published in between is
// lost), Disconnected when the connection breaks or a PING goes
// unanswered, and the invalidations of other processes.
func (b *Backend) Subscribe(l cache.Listener) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &subscription{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.listen(ctx, s, l)
	}()
	return func() {
		cancel()
		s.close() // a read under way ends now, not at its timeout
		<-done
	}
}

// subscription is the PubSub being listened to, which stop closes.
type subscription struct {
	mu     sync.Mutex
	ps     *goredis.PubSub
	closed bool
}

// open makes the next PubSub, or returns nil once stopped.
func (s *subscription) open(ctx context.Context, b *Backend) *goredis.PubSub {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.ps = b.client.Subscribe(ctx, b.channel)
	return s.ps
}

func (s *subscription) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if s.ps != nil {
		_ = s.ps.Close()
	}
}

func (b *Backend) listen(ctx context.Context, s *subscription, l cache.Listener) {
	b.health.probers.Add(1)
	defer b.health.probers.Add(-1)
	for {
		ps := s.open(ctx, b)
		if ps == nil {
			return
		}
		connected, err := b.receive(ctx, ps, l)
		_ = ps.Close()
		if connected {
			l.Disconnected()
		}
		if ctx.Err() != nil {
			return
		}
		b.health.failed(err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(b.opts.RetryInterval):
		}
	}
}

// receive delivers messages until the connection fails, and reports
// whether it had been confirmed.
func (b *Backend) receive(ctx context.Context, ps *goredis.PubSub, l cache.Listener) (connected bool, err error) {
	pinged := false
	for {
		msg, err := ps.ReceiveTimeout(ctx, b.opts.PingInterval)
		if err != nil {
			if ctx.Err() == nil && isTimeout(err) && !pinged {
				pinged = true
				if err := ps.Ping(ctx); err != nil {
					return connected, err
				}
				continue
			}
			return connected, err // an error, or a ping unanswered
		}
		pinged = false
		switch m := msg.(type) {
		case *goredis.Subscription:
			if m.Kind == "subscribe" && !connected {
				connected = true
				b.health.up()
				l.Connected()
			}
		case *goredis.Pong:
			b.health.up()
		case *goredis.Message:
			if from, tags, err := decodeMessage(m.Payload); err == nil && from != b.id {
				l.Invalidated(tags)
			}
		}
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
