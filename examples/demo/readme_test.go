//go:build unix

package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// goRunTimeout bounds the wait for the demo to listen: go run compiles it
// first, which on a cold build cache takes a while.
const goRunTimeout = 3 * time.Minute

// The README's first command, as a newcomer types it: go run ./examples/demo
// from the repository's root, with PORT and DATA_DIR set. The demo must
// listen, create its database in DATA_DIR and serve /posts.
func TestReadmeCommandStartsTheDemo(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	data := t.TempDir()
	var output chrome.LockedBuffer
	cmd := exec.Command("go", "run", "./examples/demo")
	cmd.Dir = root
	// DATABASE_URL empty: the README's command is the one on SQLite.
	cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(port), "DATA_DIR="+data, "DATABASE_URL=")
	cmd.Stdout, cmd.Stderr = &output, &output
	// Its own process group: go run's child, the demo itself, is stopped
	// with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})

	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	if err := waitListening(addr, exited); err != nil {
		t.Fatalf("%v\noutput:\n%s", err, output.String())
	}
	res, err := http.Get("http://" + addr + "/posts")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "<h1>Posts (0)</h1>") {
		t.Fatalf("GET /posts: %d\n%s\noutput:\n%s", res.StatusCode, body, output.String())
	}
	if _, err := os.Stat(filepath.Join(data, "demo.db")); err != nil {
		t.Errorf("the database is not in DATA_DIR: %v", err)
	}
}

// waitListening waits until addr accepts connections, the process exits,
// or goRunTimeout passes.
func waitListening(addr string, exited <-chan error) error {
	deadline := time.After(goRunTimeout)
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			conn.Close()
			return nil
		}
		select {
		case err := <-exited:
			return fmt.Errorf("the demo exited before listening on %s: %v", addr, err)
		case <-deadline:
			return fmt.Errorf("the demo did not listen on %s within %v", addr, goRunTimeout)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// freePort is a loopback port free now (the kernel's pick).
func freePort(tb testing.TB) int {
	tb.Helper()
	port, err := loopbackPort()
	if err != nil {
		tb.Fatal(err)
	}
	return port
}

func loopbackPort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
