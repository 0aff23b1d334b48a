package redis_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goactions/actions"
	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/redis"
)

// The test application: a blog whose instances share a database and a
// Redis. /posts/1, /posts/2 and /about show a record each, read with
// cache.Load under the record's tag and stored whole by the page cache.
// Its one action, edit, changes a record and revalidates what it is told.

// database is what the instances share besides Redis.
type database struct {
	mu      sync.Mutex
	records map[string]string
}

func (d *database) get(key string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.records[key]
}

func (d *database) set(key, value string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.records[key] = value
}

// instance is one process of the application.
type instance struct {
	tb     testing.TB
	name   string
	cache  *cache.Cache
	url    string
	edit   *actions.Action
	logged *syncBuffer
	client *http.Client
}

// newCluster starts n instances on the Redis server srv, under one
// namespace.
func newCluster(tb testing.TB, srv *redisServer, n int, db *database) []*instance {
	tb.Helper()
	ns := namespace("blog")
	var instances []*instance
	for i := range n {
		in := &instance{tb: tb, name: string(rune('A' + i)), logged: &syncBuffer{}}
		logger := slog.New(slog.NewTextHandler(in.logged, nil))
		backend, err := redis.New(srv.client(), redis.Options{Namespace: ns, Logger: logger, RetryInterval: 20 * time.Millisecond})
		if err != nil {
			tb.Fatal(err)
		}
		in.cache = cache.New(cache.Options{Shared: backend, Bus: backend})
		tb.Cleanup(func() { in.cache.Close() })
		registry := actions.NewRegistry()
		in.edit = registry.Register(func(ctx context.Context, key, value, revalidate string) error {
			db.set(key, value)
			kind, arg, _ := strings.Cut(revalidate, " ")
			switch kind {
			case "tag":
				actions.RevalidateTag(ctx, arg)
			case "path":
				actions.RevalidatePath(ctx, arg)
			case "layout":
				actions.RevalidateLayout(ctx, arg)
			}
			return nil
		}, actions.Name("edit"))
		server, err := actions.New(actions.Options{Registry: registry, Cache: in.cache, Logger: logger})
		if err != nil {
			tb.Fatal(err)
		}
		page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/posts"), "/")
			v, err := cache.Load(r.Context(), in.cache, key, cache.LoadOptions{Tags: []string{key}},
				func(context.Context) (string, error) { return db.get(key), nil })
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			fmt.Fprintf(w, "%s: %s", r.URL.Path, v)
		})
		ts := httptest.NewServer(server.Middleware(in.cache.Pages(cache.PageOptions{})(page)))
		tb.Cleanup(ts.Close)
		in.url, in.client = ts.URL, ts.Client()
		instances = append(instances, in)
	}
	// An instance trusts its local tier once its bus has subscribed;
	// before that it serves from Redis alone, which is correct but not
	// what the tests observe.
	for _, in := range instances {
		waitFor(tb, in.name+" subscribed", func() bool { return in.cache.Connected() })
	}
	return instances
}

// page is one view of a page, as a user got it.
type page struct {
	status int
	body   string
	hit    bool
}

func (in *instance) get(path string) page {
	in.tb.Helper()
	res, err := in.client.Get(in.url + path)
	if err != nil {
		in.tb.Fatalf("%s GET %s: %v", in.name, path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	p := page{status: res.StatusCode, body: string(body), hit: res.Header.Get("Cache-Status") == "goactions; hit"}
	if p.status != http.StatusOK {
		in.tb.Errorf("%s GET %s: a user saw %d %s", in.name, path, p.status, body)
	}
	return p
}

// call calls edit from the page at path as a JSON client, and fails the
// test unless the user sees success.
func (in *instance) call(path, key, value, revalidate string) {
	in.tb.Helper()
	args, _ := json.Marshal([]string{key, value, revalidate})
	req, _ := http.NewRequest(http.MethodPost, in.url+path, bytes.NewReader(args))
	req.Header.Set(actions.HeaderActionID, in.edit.ID())
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	res, err := in.client.Do(req)
	if err != nil {
		in.tb.Fatalf("%s calling edit: %v", in.name, err)
	}
	defer res.Body.Close()
	if body, _ := io.ReadAll(res.Body); res.StatusCode != http.StatusOK {
		in.tb.Errorf("%s calling edit: a user saw %d %s", in.name, res.StatusCode, body)
	}
}

// waitFor polls cond until it holds, failing the test after 5 s: for what
// is asynchronous by nature (a message through Redis, a reconnection),
// never as a measure of speed.
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("waited 5s for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
