package redis_test

import (
	"strings"
	"testing"
)

// Redis dies in the middle of the test and comes back on the same port,
// empty. Users never see an error; while it is down every instance serves
// from the source (so an edit on one shows on all, uncached); once it is
// back they cache again, and none serves what it cached before the
// outage, although the edit made during it never reached them (the flush
// after reconnecting).
func TestClusterSurvivesARedisOutage(t *testing.T) {
	srv := startRedis(t)
	db := &database{records: map[string]string{"1": "before"}}
	instances := newCluster(t, srv, 3, db)
	a, c := instances[0], instances[2]
	for _, in := range instances {
		in.get("/posts/1")
		if p := in.get("/posts/1"); !p.hit {
			t.Fatalf("%s does not cache before the outage: %+v", in.name, p)
		}
	}

	srv.kill()
	a.call("/posts/1", "1", "during", "tag 1") // fails to reach Redis; the user sees success
	for _, in := range instances {
		waitFor(t, in.name+" to serve from the source while Redis is down", func() bool {
			return in.get("/posts/1").body == "/posts/1: during"
		})
		if p := in.get("/posts/1"); p.hit || p.body != "/posts/1: during" {
			t.Errorf("%s while Redis is down: %+v, want the source's data, uncached", in.name, p)
		}
	}

	srv.start()
	for _, in := range instances {
		waitFor(t, in.name+" to cache again", func() bool {
			in.get("/posts/1")
			return in.get("/posts/1").hit
		})
		if p := in.get("/posts/1"); p.body != "/posts/1: during" {
			t.Errorf("%s after the outage serves %q: what it cached before the edit", in.name, p.body)
		}
	}
	c.call("/posts/1", "1", "after", "tag 1")
	for _, in := range instances {
		waitFor(t, in.name+" to hear invalidations again", func() bool { return in.get("/posts/1").body == "/posts/1: after" })
	}

	for _, in := range instances {
		log := in.logged.String()
		if n := strings.Count(log, "redis: unreachable"); n != 1 {
			t.Errorf("%s logged the outage %d times, want once:\n%s", in.name, n, log)
		}
		if n := strings.Count(log, "redis: reachable again"); n != 1 {
			t.Errorf("%s logged the recovery %d times, want once:\n%s", in.name, n, log)
		}
	}
}
