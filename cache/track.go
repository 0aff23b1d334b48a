package cache

import (
	"context"
	"slices"
	"sync"
)

// Reads are the tags read under a context made by [Track]: the tags of
// every [Load] call, and of every page [Cache.Pages] served, hit or miss.
// A server uses them to tell whether an invalidation changes what a page
// shows. Reads are safe for concurrent use (a page may load in parallel).
type Reads struct {
	mu     sync.Mutex
	tags   map[string]struct{}
	parent *Reads
}

type readsKey struct{}

// Track returns a context under which reads are recorded in the returned
// *Reads, and also in those of any Track the context is already under.
func Track(ctx context.Context) (context.Context, *Reads) {
	r := &Reads{tags: map[string]struct{}{}}
	r.parent, _ = ctx.Value(readsKey{}).(*Reads)
	return context.WithValue(ctx, readsKey{}, r), r
}

// Tags returns the tags read, sorted.
func (r *Reads) Tags() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	tags := make([]string, 0, len(r.tags))
	for t := range r.tags {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	return tags
}

// Any reports whether any of tags was read.
func (r *Reads) Any(tags ...string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, t := range tags {
		if _, ok := r.tags[t]; ok {
			return true
		}
	}
	return false
}

// record adds tags to the reads under ctx, if any.
func record(ctx context.Context, tags []string) {
	if len(tags) == 0 {
		return
	}
	r, _ := ctx.Value(readsKey{}).(*Reads)
	for ; r != nil; r = r.parent {
		r.mu.Lock()
		for _, t := range tags {
			r.tags[t] = struct{}{}
		}
		r.mu.Unlock()
	}
}

// page is the page a context renders: its path, the tags of that path
// (made once, when a first read needs them), and whether [Cache.Pages]
// must stay out of the way.
type page struct {
	path   string
	noPage bool
	once   sync.Once
	tags   []string
}

type pageKey struct{}

// WithPage returns a context for rendering the page at path p: the values
// [Load] reads under it are stale for it once p, or a layout above it, is
// invalidated ([Cache.InvalidatePath], [Cache.InvalidateLayout]), even if
// another page computed them (Next.js's implicit path tags). [Cache.Pages]
// sets it, and so does the actions middleware for every page it serves.
func WithPage(ctx context.Context, p string) context.Context {
	return context.WithValue(ctx, pageKey{}, &page{path: p})
}

// WithoutPages returns a context for rendering the page at path p (as
// [WithPage]) in which [Cache.Pages] neither serves from the cache nor
// stores: for a render that must be new, or that shows something that
// concerns one user only, such as a form submitted with its errors.
func WithoutPages(ctx context.Context, p string) context.Context {
	return context.WithValue(ctx, pageKey{}, &page{path: p, noPage: true})
}

func pageOf(ctx context.Context) *page {
	p, _ := ctx.Value(pageKey{}).(*page)
	return p
}

// pageTags are the extra tags a read under ctx checks: its page's.
func pageTags(ctx context.Context) []string {
	p := pageOf(ctx)
	if p == nil {
		return nil
	}
	p.once.Do(func() { p.tags = PageTags(p.path) })
	return p.tags
}
