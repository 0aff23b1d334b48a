// Package cache keeps what is expensive to compute, values and whole
// pages, until it changes: invalidated by tag, by page or by layout, in one
// process and, with a shared store and a bus, across every instance of an
// application. It is the standard library only; the Redis store and bus
// are the github.com/goactions/actions/redis module.
//
// # Values
//
// [Load] is Next.js's unstable_cache ('use cache'): a value under a key,
// with the tags it depends on, computed once however many requests ask at
// the same time, and never cached when its computation fails:
//
//	c := cache.New(cache.Options{})
//
//	posts, err := cache.Load(ctx, c, "posts:recent", cache.LoadOptions{Tags: []string{"posts"}},
//		func(ctx context.Context) ([]Post, error) { return db.RecentPosts(ctx, 20) })
//
//	// after a new post is saved:
//	c.InvalidateTag(ctx, "posts")
//
// A TTL makes a value go stale with time, and Stale serves it a while
// longer as it is computed again in the background.
//
// # Pages
//
// [Cache.Pages] is middleware that stores the GET responses of the
// handlers it wraps, per host, path and query, refusing by default any
// request that carries a cookie or Authorization (its page may be one
// user's) and any response that sets a cookie, unless a key function says
// how such requests are keyed:
//
//	http.Handle("/posts/", c.Pages(cache.PageOptions{})(postPage))
//
// A stored page carries the tags of its path and of every value it read
// with Load while it rendered, so that [Cache.InvalidatePath]("/posts/7")
// drops that page, [Cache.InvalidateLayout]("/posts") every page below,
// and [Cache.InvalidateTag]("posts") every page that showed posts.
// Server actions do this with actions.RevalidatePath and
// actions.RevalidateTag, and get the current page rendered again in the
// same response only when it is affected.
//
// # How invalidation works
//
// Paths are tags: a page at /posts/7 carries "path:/posts/7" and the
// layout tags "layout:/", "layout:/posts" and "layout:/posts/7"
// ([PageTags]). Each tag has a version, and each entry the stamp of a
// logical clock read before its value was computed; an entry is served
// only while none of its tags has a newer version ([Store]). Invalidating
// a tag is one write, whatever the number of entries, and works the same
// in a store shared by many processes, which cannot list keys cheaply. A
// value computed while its tags are invalidated is stale as soon as it is
// stored, so a race never brings back what was invalidated.
//
// Data loaded while rendering a page is also checked against that page's
// tags ([WithPage]), so that invalidating a page makes it read its data
// afresh even when another page cached it (Next.js's implicit tags).
//
// # Tiers and instances
//
// A Cache reads its local tier first (a [Memory] store, bounded by bytes,
// least recently used first out), then the shared one if any, and copies
// what it finds there into the local tier. An invalidation applies to the
// local tier before [Cache.InvalidateTag] returns, then to the shared
// tier, then goes out on the [Bus], and the other instances drop it from
// their local tiers as it arrives. A bus may lose messages (Redis pub/sub
// does, while disconnected): while it may, the local tier is neither read
// nor written, and it is flushed when the bus is back. When the shared
// store cannot be reached, values and pages are computed from the source
// for every request, and the cache recovers by itself.
//
// With one process, [New] with no options is all there is. For a cluster:
//
//	r, err := redis.New(goredis.NewClient(&goredis.Options{Addr: "cache:6379"}), redis.Options{Namespace: "blog"})
//	c := cache.New(cache.Options{Shared: r, Bus: r})
package cache
