package cache

import (
	"bytes"
	"slices"
	"testing"
)

// Page paths come from clients: whatever they are, a page's tags are few,
// and each names the path or a layout.
func FuzzPageTags(f *testing.F) {
	for _, p := range []string{"/", "/posts/7", "", "posts", "//a//b/", "/a/../../b", "/" + string(bytes.Repeat([]byte("a/"), 100))} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		tags := PageTags(p)
		if len(tags) > MaxPathDepth+2 {
			t.Fatalf("%d tags for %q", len(tags), p)
		}
		if tags[0] != PathTag(p) || !slices.Contains(tags, LayoutTag("/")) {
			t.Fatalf("tags of %q: %q", p, tags)
		}
	})
}
