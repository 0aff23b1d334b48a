package redis_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// startTimeout bounds how long a redis-server may take to answer, so that
// one that never starts fails the test instead of stalling it.
const startTimeout = 10 * time.Second

// A redisServer is a redis-server child process on a loopback port, with
// no persistence: killed, it loses everything, as a crashed cache does.
type redisServer struct {
	tb   testing.TB
	path string
	dir  string
	port int
	mu   sync.Mutex
	cmd  *exec.Cmd
	out  bytes.Buffer
}

// startRedis starts a redis-server for the test and stops it when the
// test ends. A missing redis-server fails the test: under CI=true the test
// command was supposed to install it, and elsewhere ./scripts/test.sh does.
func startRedis(tb testing.TB) *redisServer {
	tb.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatal("redis-server is not installed, and CI=true: the test command must install Debian's redis-server package")
		}
		tb.Fatal("redis-server is not installed: run ./scripts/test.sh, which installs Debian's redis-server package, or apt-get install redis-server")
	}
	s := &redisServer{tb: tb, path: path, dir: tb.TempDir(), port: freePort(tb)}
	s.start()
	tb.Cleanup(s.kill)
	return s
}

func (s *redisServer) addr() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

// start starts the server on its port (again, after kill) and waits until
// it answers.
func (s *redisServer) start() {
	s.tb.Helper()
	s.mu.Lock()
	s.out.Reset()
	s.cmd = exec.Command(s.path, "--port", strconv.Itoa(s.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", s.dir)
	s.cmd.Dir = s.dir
	s.cmd.Stdout, s.cmd.Stderr = &s.out, &s.out
	err := s.cmd.Start()
	s.mu.Unlock()
	if err != nil {
		s.tb.Fatalf("starting redis-server: %v", err)
	}
	client := goredis.NewClient(&goredis.Options{Addr: s.addr(), MaxRetries: -1})
	defer client.Close()
	deadline := time.Now().Add(startTimeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := client.Ping(ctx).Err()
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.tb.Fatalf("redis-server on %s did not answer within %v: %v\n%s", s.addr(), startTimeout, err, s.out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// kill stops the server at once, as a crash does.
func (s *redisServer) kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// client returns a client of the server, closed when the test ends.
func (s *redisServer) client() *goredis.Client {
	c := goredis.NewClient(&goredis.Options{Addr: s.addr()})
	s.tb.Cleanup(func() { c.Close() })
	return c
}

var namespaces struct {
	mu sync.Mutex
	n  int
}

// namespace returns a namespace no other test of the run uses.
func namespace(prefix string) string {
	namespaces.mu.Lock()
	defer namespaces.mu.Unlock()
	namespaces.n++
	return fmt.Sprintf("%s%d", prefix, namespaces.n)
}
