//go:build unix

package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"os/exec"
	"regexp"
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
// cache newCache makes from REDIS_URL: what one computed the other reads
// from Redis, and a tag one revalidates is fresh on the other, whose own
// memory had the list.
func TestRedisURLSharesTheCache(t *testing.T) {
	eachDatabase(t, func(t *testing.T, d *dialect) {
		redisURL := "redis://" + startRedis(t) + "/0"
		db := newSource(t, d)
		env := func(k string) string {
			if k == "REDIS_URL" {
				return redisURL
			}
			return ""
		}
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

// Without REDIS_URL the cache is in memory: nothing to connect to.
func TestNoRedisURLMeansMemory(t *testing.T) {
	c, closeCache, err := newCache(func(string) string { return "" }, slog.New(slog.DiscardHandler))
	if err != nil || c == nil {
		t.Fatalf("newCache without REDIS_URL: %v", err)
	}
	if err := closeCache(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := newCache(func(string) string { return "http://127.0.0.1:1" }, slog.New(slog.DiscardHandler)); err == nil {
		t.Error("newCache accepted REDIS_URL=http://127.0.0.1:1")
	}
}

// clusterDemo is an instance of the demo on the database db (a source,
// see openDB), with the cache newCache makes from env.
func clusterDemo(t *testing.T, db string, env func(string) string) *demo {
	t.Helper()
	c, closeCache, err := newCache(env, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeCache() }) // after the demo's own cleanup
	return startDemo(t, db, c)
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
