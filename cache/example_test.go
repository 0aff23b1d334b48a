package cache_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/goactions/actions/cache"
)

// A value is computed once and served from the cache until a tag it
// depends on is invalidated.
func ExampleLoad() {
	ctx := context.Background()
	c := cache.New(cache.Options{})
	count := 0
	countPosts := func(ctx context.Context) (int, error) {
		count++ // stands for an expensive query
		return 41 + count, nil
	}
	for range 2 {
		n, _ := cache.Load(ctx, c, "posts:count", cache.LoadOptions{Tags: []string{"posts"}}, countPosts)
		fmt.Println(n)
	}
	c.InvalidateTag(ctx, "posts")
	n, _ := cache.Load(ctx, c, "posts:count", cache.LoadOptions{Tags: []string{"posts"}}, countPosts)
	fmt.Println(n)
	// Output:
	// 42
	// 42
	// 43
}

// A page is rendered once and served from the cache until its path is
// invalidated.
func ExampleCache_Pages() {
	c := cache.New(cache.Options{})
	renders := 0
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders++
		fmt.Fprintf(w, "render %d of %s", renders, r.URL.Path)
	})
	ts := httptest.NewServer(c.Pages(cache.PageOptions{})(page))
	defer ts.Close()
	get := func() {
		res, err := http.Get(ts.URL + "/posts/7")
		if err != nil {
			panic(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		fmt.Printf("%s (%s)\n", body, res.Header.Get("Cache-Status"))
	}
	get()
	get()
	c.InvalidateLayout(context.Background(), "/posts")
	get()
	// Output:
	// render 1 of /posts/7 (goactions; fwd=miss; stored)
	// render 1 of /posts/7 (goactions; hit)
	// render 2 of /posts/7 (goactions; fwd=miss; stored)
}
