//go:build unix

package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// clusterTimeout bounds each wait of the cluster test: a redis-server's
// start, a revalidation reaching the other instance.
const clusterTimeout = 10 * time.Second

// Two instances of the demo on one database and one Redis, each with the
// cache newCluster makes from REDIS_URL: what one computed the other reads
// from Redis, and a tag one revalidates is fresh on the other, whose own
// memory had the list.
func TestRedisURLSharesTheCache(t *testing.T) {
	eachDatabase(t, func(t *testing.T, d *dialect) {
		env := redisEnv("redis://" + startRedis(t) + "/0")
		db := newSource(t, d)
		a, b := clusterDemo(t, db, env), clusterDemo(t, db, env)

		first := computedAt(t, a, "/tags")
		if got := computedAt(t, b, "/tags"); got != first {
			t.Fatalf("the second instance computed the list (%s) instead of reading the first's from Redis (%s)", got, first)
		}
		if got := computedAt(t, b, "/tags"); got != first { // now from its memory
			t.Fatalf("the list was computed again with nothing revalidated: %s, then %s", first, got)
		}

		// useTag on the first instance, as a form posted without JavaScript.
		res, page := submitForm(t, a, "/tags", a.app.UseTag, "tag", "forms")
		if res.StatusCode != http.StatusOK || !bytes.Contains(page, []byte("forms (2)")) {
			t.Fatalf("useTag on the first instance: %d\n%s", res.StatusCode, page)
		}

		deadline := time.Now().Add(clusterTimeout)
		for {
			page := get(t, b, "/tags")
			if bytes.Contains(page, []byte("forms (2)")) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the second instance still shows the list from before the revalidation after %v:\n%s", clusterTimeout, page)
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// Two instances on one database and one Redis: likes on both at once are
// all counted, each caller gets a count no other caller got on either
// instance, and both pages show the same count. Once both have stopped and
// Redis has lost its data, the count goes on from the database.
func TestRedisURLSharesTheLikes(t *testing.T) {
	eachDatabase(t, func(t *testing.T, d *dialect) {
		addr := startRedis(t)
		env := redisEnv("redis://" + addr + "/0")
		db := newSource(t, d)
		a, b := clusterDemo(t, db, env), clusterDemo(t, db, env)

		counts := likeConcurrently(t, []*demo{a, b}, 16, 10)
		if want := wantCounts(0, 160); !slices.Equal(counts, want) {
			t.Errorf("the callers got %v, want each of 1 to 160 once", counts)
		}
		n := like(t, a)
		if shown := likesShown(t, b); n != 161 || shown != n {
			t.Errorf("a like on the first instance got %d (want 161), the second shows %d", n, shown)
		}

		a.stop(t)
		b.stop(t)
		client := goredis.NewClient(&goredis.Options{Addr: addr})
		defer client.Close()
		if err := client.FlushAll(t.Context()).Err(); err != nil {
			t.Fatal(err)
		}
		c := clusterDemo(t, db, env)
		if shown := likesShown(t, c); shown != 161 {
			t.Errorf("after Redis lost its data the page shows %d likes, want the database's 161", shown)
		}
		if n := like(t, c); n != 162 {
			t.Errorf("the next like got %d, want 162", n)
		}
	})
}

// A post created on one instance shows on its GET /posts at once, and on
// the other's as soon as the revalidation reaches it.
func TestNewPostShowsOnEveryInstance(t *testing.T) {
	eachDatabase(t, func(t *testing.T, d *dialect) {
		env := redisEnv("redis://" + startRedis(t) + "/0")
		db := newSource(t, d)
		a, b := clusterDemo(t, db, env), clusterDemo(t, db, env)
		for _, d := range []*demo{a, b} {
			if page := get(t, d, "/posts"); !bytes.Contains(page, []byte("<h1>Posts (0)</h1>")) {
				t.Fatalf("the empty page:\n%s", page)
			}
		}
		createPost(t, a, "Hello cluster")
		if page := get(t, a, "/posts"); !bytes.Contains(page, []byte("<h1>Posts (1)</h1>")) || !bytes.Contains(page, []byte("Hello cluster")) {
			t.Fatalf("the instance that created the post does not show it:\n%s", page)
		}
		deadline := time.Now().Add(clusterTimeout)
		for {
			page := get(t, b, "/posts")
			if bytes.Contains(page, []byte("<h1>Posts (1)</h1>")) && bytes.Contains(page, []byte("Hello cluster")) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the other instance still shows the list from before the post after %v:\n%s", clusterTimeout, page)
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// redisEnv is an environment with REDIS_URL only.
func redisEnv(url string) func(string) string {
	return func(k string) string {
		if k == "REDIS_URL" {
			return url
		}
		return ""
	}
}

// Without REDIS_URL the cache is in memory: nothing to connect to.
func TestNoRedisURLMeansMemory(t *testing.T) {
	cl, closeCluster, err := newCluster(func(string) string { return "" }, slog.New(slog.DiscardHandler))
	if err != nil || cl.cache == nil || cl.redis != nil {
		t.Fatalf("newCluster without REDIS_URL: %+v, %v", cl, err)
	}
	if err := closeCluster(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := newCluster(func(string) string { return "http://127.0.0.1:1" }, slog.New(slog.DiscardHandler)); err == nil {
		t.Error("newCluster accepted REDIS_URL=http://127.0.0.1:1")
	}
}

// clusterDemo is an instance of the demo on the database db (a source,
// see openDB), with the cluster newCluster makes from env.
func clusterDemo(t *testing.T, db string, env func(string) string) *demo {
	t.Helper()
	cl, closeCluster, err := newCluster(env, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeCluster() }) // after the demo's own cleanup
	return startDemo(t, db, cl)
}

var computedRE = regexp.MustCompile(`id="computed"[^>]*datetime="([^"]+)"`)

// computedAt is when the list a page shows was computed.
func computedAt(t *testing.T, d *demo, path string) string {
	t.Helper()
	page := get(t, d, path)
	m := computedRE.FindSubmatch(page)
	if m == nil {
		t.Fatalf("GET %s: no computed time in\n%s", path, page)
	}
	return string(m[1])
}

// startRedis starts a redis-server without persistence on a free loopback
// port for the test, stops it when the test ends, and returns its address.
// A missing redis-server fails the test: ./scripts/test.sh installs it.
func startRedis(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal("redis-server is not installed: run ./scripts/test.sh, which installs Debian's redis-server package")
	}
	dir := t.TempDir()
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	var out chrome.LockedBuffer
	cmd := exec.Command(path, "--port", addr[len("127.0.0.1:"):], "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", dir)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting redis-server: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	client := goredis.NewClient(&goredis.Options{Addr: addr, MaxRetries: -1})
	defer client.Close()
	deadline := time.Now().Add(clusterTimeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := client.Ping(ctx).Err()
		cancel()
		if err == nil {
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("redis-server on %s did not answer within %v: %v\n%s", addr, clusterTimeout, err, out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
