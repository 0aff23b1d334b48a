package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goactions/actions"
	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/internal/browsertest/chrome"
)

// Many users liking at once: every like is counted, each gets a count of
// its own, and the page shows them all.
func TestConcurrentLikesAreAllCounted(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		d := newDemo(t, db)
		counts := likeConcurrently(t, []*demo{d}, 16, 25)
		if want := wantCounts(0, 16*25); !slices.Equal(counts, want) {
			t.Errorf("the callers got %v, want each of 1 to %d once", counts, 16*25)
		}
		if got := likesShown(t, d); got != 16*25 {
			t.Errorf("GET /posts shows %d likes, want %d", got, 16*25)
		}
	})
}

// The count is written to the database while the demo runs, not only when
// it stops, so that a crash loses at most the last moments; a clean stop
// writes the rest, and the next start shows and goes on from the count.
func TestLikesSurviveARestart(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		path := newSource(t, db)
		first := startDemo(t, path, cluster{cache: cache.New(cache.Options{})})
		for range 3 {
			like(t, first)
		}
		waitForRow(t, first, 3)

		for range 2 {
			like(t, first)
		}
		first.stop(t)
		second := startDemo(t, path, cluster{cache: cache.New(cache.Options{})})
		if got := likesShown(t, second); got != 5 {
			t.Errorf("after a restart GET /posts shows %d likes, want 5", got)
		}
		if got := like(t, second); got != 6 {
			t.Errorf("the first like after a restart got %d, want 6", got)
		}
	})
}

// A like that comes after the counter closed, as when a stop outlasts its
// timeout and handlers still run, is refused: never counted in memory only
// to be lost, so what was shown is what was written.
func TestALikeAfterTheCounterClosedIsRefused(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		path := newSource(t, db)
		first := startDemo(t, path, cluster{cache: cache.New(cache.Options{})})
		like(t, first)
		like(t, first)
		if err := first.app.likes.Close(); err != nil {
			t.Fatal(err)
		}
		if n, err := first.app.likes.Add(t.Context()); !errors.Is(err, errLikesClosed) {
			t.Fatalf("a like after Close: %d, %v; want errLikesClosed", n, err)
		}
		if n, err := first.app.likes.Count(t.Context()); err != nil || n != 2 {
			t.Fatalf("the count after a refused like: %d, %v; want 2", n, err)
		}
		first.stop(t)
		second := startDemo(t, path, cluster{cache: cache.New(cache.Options{})})
		if got := likesShown(t, second); got != 2 {
			t.Errorf("after a restart GET /posts shows %d likes, want 2", got)
		}
	})
}

// A post created shows on the next GET /posts, though the list is cached.
func TestNewPostShowsAtOnce(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		d := newDemo(t, db)
		if page := string(get(t, d, "/posts")); !strings.Contains(page, "<h1>Posts (0)</h1>") {
			t.Fatalf("the empty page:\n%s", page)
		}
		for i := 1; i <= 2; i++ {
			title := "Post number " + strconv.Itoa(i)
			createPost(t, d, title)
			page := string(get(t, d, "/posts"))
			if !strings.Contains(page, "<h1>Posts ("+strconv.Itoa(i)+")</h1>") || !strings.Contains(page, title) {
				t.Fatalf("GET /posts right after creating %q:\n%s", title, page)
			}
		}
	})
}

// like calls incrementLike as the page's script does, and returns the
// count it answered.
func like(t testing.TB, d *demo) int64 {
	t.Helper()
	n, err := tryLike(d)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func tryLike(d *demo) (int64, error) {
	req, err := http.NewRequest(http.MethodPost, d.url("/posts"), strings.NewReader("[]"))
	if err != nil {
		return 0, err
	}
	req.Header.Set(actions.HeaderActionID, d.app.IncrementLike.ID())
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	req.Header.Set("Accept", actions.ContentTypeRows)
	req.Header.Set("Origin", d.server.URL)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(string(body), "0:"), "\n"), 10, 64)
	if res.StatusCode != http.StatusOK || err != nil {
		return 0, fmt.Errorf("incrementLike: %d %q", res.StatusCode, body)
	}
	return n, nil
}

// likeConcurrently has users users on the demos (taken in turn) like
// times likes each, and returns the counts they got, sorted.
func likeConcurrently(t *testing.T, demos []*demo, users, times int) []int64 {
	t.Helper()
	var mu sync.Mutex
	var counts []int64
	var wg sync.WaitGroup
	for u := range users {
		d := demos[u%len(demos)]
		wg.Go(func() {
			for range times {
				n, err := tryLike(d)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				counts = append(counts, n)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(counts)
	return counts
}

// wantCounts is from+1 … from+n.
func wantCounts(from, n int64) []int64 {
	var want []int64
	for i := range n {
		want = append(want, from+i+1)
	}
	return want
}

var likesRE = regexp.MustCompile(`<span id="likes">(\d+)</span>`)

// likesShown is the count GET /posts shows.
func likesShown(t *testing.T, d *demo) int64 {
	t.Helper()
	page := get(t, d, "/posts")
	m := likesRE.FindSubmatch(page)
	if m == nil {
		t.Fatalf("GET /posts: no like count in\n%s", page)
	}
	n, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return n
}

// waitForRow waits until the database's like count is want, for as long
// as a test waits for anything (the writer writes within flushEvery).
func waitForRow(t *testing.T, d *demo, want int64) {
	t.Helper()
	deadline := time.Now().Add(chrome.WaitTimeout)
	for {
		var n int64
		if err := d.app.rdb.QueryRow(`SELECT value FROM counters WHERE name = 'likes'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the database's like count is still %d after %v, want %d", n, chrome.WaitTimeout, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// createPost posts the create form as a browser without JavaScript does.
func createPost(t *testing.T, d *demo, title string) {
	t.Helper()
	form := "$ACTION_ID_" + d.app.CreatePost.ID() + "=&title=" + strings.ReplaceAll(title, " ", "+") + "&content=Some+words."
	req, err := http.NewRequest(http.MethodPost, d.url("/posts"), strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", d.server.URL)
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("creating %q: %d, want 303", title, res.StatusCode)
	}
}

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
