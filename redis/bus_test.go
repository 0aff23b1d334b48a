package redis_test

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/goactions/actions/redis"
)

// heard is a listener that keeps what it hears, in order.
type heard struct {
	mu     sync.Mutex
	events []string
}

func (h *heard) Invalidated(tags []string) { h.add("invalidated [" + strings.Join(tags, "][") + "]") }
func (h *heard) Connected()                { h.add("connected") }
func (h *heard) Disconnected()             { h.add("disconnected") }

func (h *heard) add(e string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, e)
}

func (h *heard) has(e string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Contains(h.events, e)
}

func (h *heard) count(e string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, got := range h.events {
		if got == e {
			n++
		}
	}
	return n
}

func TestBus(t *testing.T) {
	srv := startRedis(t)
	ns := namespace("bus")
	newBackend := func() *redis.Backend {
		b, err := redis.New(srv.client(), redis.Options{Namespace: ns, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := newBackend(), newBackend()
	onA, onB := &heard{}, &heard{}
	defer a.Subscribe(onA)()
	defer b.Subscribe(onB)()
	waitFor(t, "both subscribed", func() bool { return onA.has("connected") && onB.has("connected") })

	ctx := context.Background()
	tags := []string{"posts", "path:/posts/7", "odd\x00\n\xff"}
	if err := a.Publish(ctx, tags); err != nil {
		t.Fatal(err)
	}
	want := "invalidated [posts][path:/posts/7][odd\x00\n\xff]"
	waitFor(t, "B to hear A's invalidation, tags intact", func() bool { return onB.has(want) })
	if err := b.Publish(ctx, []string{"mark"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "A to hear B's", func() bool { return onA.has("invalidated [mark]") })
	if onA.has(want) || onB.has("invalidated [mark]") {
		t.Error("a process heard its own invalidation")
	}

	other, err := redis.New(srv.client(), redis.Options{Namespace: namespace("other"), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	other.Publish(ctx, []string{"elsewhere"})
	b.Publish(ctx, []string{"after"})
	waitFor(t, "A to hear B again", func() bool { return onA.has("invalidated [after]") })
	if onA.has("invalidated [elsewhere]") {
		t.Error("A heard another namespace's invalidation")
	}

	srv.kill()
	waitFor(t, "A to notice Redis died", func() bool { return onA.has("disconnected") })
	if err := a.Publish(ctx, []string{"lost"}); err == nil {
		t.Error("publishing with Redis down must fail")
	}
	srv.start()
	waitFor(t, "both to reconnect", func() bool { return onA.count("connected") == 2 && onB.count("connected") == 2 })
	b.Publish(ctx, []string{"again"})
	waitFor(t, "A to hear B after the outage", func() bool { return onA.has("invalidated [again]") })
}
