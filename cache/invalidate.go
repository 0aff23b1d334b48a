package cache

import (
	"context"
	"errors"
)

// InvalidateTag drops every entry stored with one of tags: values [Load]
// stored with them, and pages ([Cache.Pages]) whose rendering read them.
//
// It takes effect in this process before it returns, whatever happens
// next. Then the shared tier invalidates them for every instance, and the
// bus tells the other instances to drop them from their local tiers (they
// do so a moment later: the bus is asynchronous). An error says that the
// shared tier or the bus could not be told; this process is invalidated
// all the same.
func (c *Cache) InvalidateTag(ctx context.Context, tags ...string) error {
	if c == nil || len(tags) == 0 {
		return nil
	}
	_ = c.local.Invalidate(ctx, tags...)
	var errs []error
	if c.shared != nil {
		errs = append(errs, c.shared.Invalidate(ctx, tags...))
	}
	if c.bus != nil {
		errs = append(errs, c.bus.Publish(ctx, tags))
	}
	return errors.Join(errs...)
}

// InvalidatePath drops the page at path p: its cached responses (every
// query and key of it), and, for readers on that page, the values it read
// with [Load]. As [Cache.InvalidateTag] of [PathTag](p).
func (c *Cache) InvalidatePath(ctx context.Context, p string) error {
	return c.InvalidateTag(ctx, PathTag(p))
}

// InvalidateLayout drops every page at or below prefix, as
// [Cache.InvalidatePath] does for one: InvalidateLayout(ctx, "/posts")
// reaches /posts and /posts/7, InvalidateLayout(ctx, "/") every page. As
// [Cache.InvalidateTag] of [LayoutTag](prefix).
func (c *Cache) InvalidateLayout(ctx context.Context, prefix string) error {
	return c.InvalidateTag(ctx, LayoutTag(prefix))
}

// InvalidateAll drops every entry, in every tier and instance, as
// [Cache.InvalidateTag] does.
func (c *Cache) InvalidateAll(ctx context.Context) error {
	return c.InvalidateTag(ctx, allTag)
}
