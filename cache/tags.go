package cache

import (
	"path"
	"strings"
)

// Paths are tags too, so one mechanism (tag versions) serves
// RevalidateTag, RevalidatePath and layouts, in memory and in a shared
// store alike, without ever listing the keys under a path.
const (
	// pathPrefix starts the tag of one page: "path:/posts/7".
	pathPrefix = "path:"
	// layoutPrefix starts the tag of a layout, which every page at or
	// below it carries: "layout:/posts" is on /posts and /posts/7.
	layoutPrefix = "layout:"
	// allTag is on every entry: invalidating it empties a tier (the flush
	// after the bus reconnects, and InvalidateAll). The NUL byte keeps it
	// apart from any tag a user writes.
	allTag = "\x00all"
)

// MaxPathDepth is the number of path segments below which layout tags are
// kept: a page deeper than that is not cached by [Cache.Pages], and the
// data it reads is tied to the layouts of its first MaxPathDepth segments
// only. It keeps what a client's made-up path costs small.
const MaxPathDepth = 32

// PathTag is the tag a page's path gives it: what [Cache.InvalidatePath]
// invalidates. The path is cleaned as [path.Clean] does, so "/posts/" and
// "/posts" are the same page.
func PathTag(p string) string { return pathPrefix + cleanPath(p) }

// LayoutTag is the tag every page at or below prefix carries: what
// [Cache.InvalidateLayout] invalidates. LayoutTag("/") is on every page.
func LayoutTag(prefix string) string { return layoutPrefix + cleanPath(prefix) }

// PageTags returns the tags of the page at path p: its [PathTag] and the
// [LayoutTag] of each prefix of it at a segment boundary, from "/" to p
// itself (at most [MaxPathDepth] segments deep). A page cached by
// [Cache.Pages] carries them, and so, at the time they are read, does data
// a page reads with [Load].
func PageTags(p string) []string {
	p = cleanPath(p)
	tags := make([]string, 0, 3+strings.Count(p, "/"))
	tags = append(tags, pathPrefix+p, layoutPrefix+"/")
	depth := 0
	for i := 1; i < len(p) && depth < MaxPathDepth; i++ {
		if p[i] == '/' {
			tags = append(tags, layoutPrefix+p[:i])
			depth++
		}
	}
	if p != "/" && depth < MaxPathDepth {
		tags = append(tags, layoutPrefix+p)
	}
	return tags
}

// tooDeep reports whether a page is deeper than its layout tags reach.
func tooDeep(p string) bool { return strings.Count(p, "/") > MaxPathDepth }

// cleanPath gives each page one spelling: rooted, cleaned, no trailing
// slash except for the root.
func cleanPath(p string) string {
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	return path.Clean(p)
}
