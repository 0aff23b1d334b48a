package cache_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/goactions/actions/cache"
)

func TestPageTags(t *testing.T) {
	tests := []struct {
		name, path string
		want       []string
	}{
		{"the root is its path and the root layout", "/", []string{"path:/", "layout:/"}},
		{"a page carries the layout of each prefix and its own", "/posts/7", []string{"path:/posts/7", "layout:/", "layout:/posts", "layout:/posts/7"}},
		{"a trailing slash is the same page", "/posts/", []string{"path:/posts", "layout:/", "layout:/posts"}},
		{"a path is cleaned", "//a/./b/../c", []string{"path:/a/c", "layout:/", "layout:/a", "layout:/a/c"}},
		{"a relative path is rooted", "a", []string{"path:/a", "layout:/", "layout:/a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cache.PageTags(tt.path); !slices.Equal(got, tt.want) {
				t.Errorf("PageTags(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
	t.Run("a page deeper than MaxPathDepth carries the layouts above that depth only", func(t *testing.T) {
		deep := strings.Repeat("/a", cache.MaxPathDepth+5)
		tags := cache.PageTags(deep)
		if len(tags) != cache.MaxPathDepth+2 || tags[0] != cache.PathTag(deep) {
			t.Errorf("%d tags: %q …", len(tags), tags[:3])
		}
	})
	t.Run("PathTag and LayoutTag name what PageTags holds", func(t *testing.T) {
		tags := cache.PageTags("/posts/7/")
		if !slices.Contains(tags, cache.PathTag("/posts/7")) || !slices.Contains(tags, cache.LayoutTag("/posts/")) {
			t.Errorf("%q", tags)
		}
	})
}
