package redis

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

func (b *Backend) entryKey(key string) string { return b.prefix + "e:" + key }
func (b *Backend) tagPrefix() string          { return b.prefix + "t:" }
func (b *Backend) clockKey() string           { return b.prefix + "clock" }

// Get implements [cache.Store]: one round trip, which reads the entry and
// checks its tags' versions and those of extra.
func (b *Backend) Get(ctx context.Context, key string, extra []string) ([]byte, uint64, error) {
	if !b.health.allow() {
		return nil, 0, errUnavailable
	}
	args := make([]any, 0, 1+len(extra))
	args = append(args, b.tagPrefix())
	for _, t := range extra {
		args = append(args, t)
	}
	res, err := getScript.Run(ctx, b.client, []string{b.entryKey(key), b.clockKey()}, args...).Slice()
	b.health.report(ctx, err)
	if err != nil {
		return nil, 0, err
	}
	stamp, err := parseStamp(res[0])
	if err != nil {
		return nil, 0, err
	}
	if len(res) < 2 {
		return nil, stamp, nil
	}
	v, ok := res[1].(string)
	if !ok {
		return nil, 0, fmt.Errorf("redis: an entry's value is %T", res[1])
	}
	return []byte(v), stamp, nil
}

// Set implements [cache.Store]. The entry expires after ttl, or
// [Options.MaxTTL] when that is 0 or longer.
func (b *Backend) Set(ctx context.Context, key string, value []byte, tags []string, stamp uint64, ttl time.Duration) error {
	if !b.health.allow() {
		return errUnavailable
	}
	if ttl <= 0 || ttl > b.opts.MaxTTL {
		ttl = b.opts.MaxTTL
	}
	var t strings.Builder
	for _, tag := range tags {
		t.WriteString(strconv.Itoa(len(tag)))
		t.WriteByte(':')
		t.WriteString(tag)
	}
	k := b.entryKey(key)
	pipe := b.client.TxPipeline()
	pipe.Del(ctx, k)
	pipe.HSet(ctx, k, "s", strconv.FormatUint(stamp, 10), "t", t.String(), "v", value)
	pipe.PExpire(ctx, k, ttl)
	_, err := pipe.Exec(ctx)
	b.health.report(ctx, err)
	return err
}

// Delete implements [cache.Store].
func (b *Backend) Delete(ctx context.Context, key string) error {
	if !b.health.allow() {
		return errUnavailable
	}
	err := b.client.Del(ctx, b.entryKey(key)).Err()
	b.health.report(ctx, err)
	return err
}

// Invalidate implements [cache.Store]: one round trip whatever the number
// of entries.
func (b *Backend) Invalidate(ctx context.Context, tags ...string) error {
	if len(tags) == 0 {
		return nil
	}
	if !b.health.allow() {
		return errUnavailable
	}
	args := make([]any, 0, 2+len(tags))
	args = append(args, b.tagPrefix(), (2 * b.opts.MaxTTL).Milliseconds())
	for _, t := range tags {
		args = append(args, t)
	}
	err := invalidateScript.Run(ctx, b.client, []string{b.clockKey()}, args...).Err()
	b.health.report(ctx, err)
	return err
}

func parseStamp(v any) (uint64, error) {
	s, ok := v.(string)
	if !ok {
		return 0, fmt.Errorf("redis: the clock is %T", v)
	}
	return strconv.ParseUint(s, 10, 64)
}
