//go:build unix

package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/goactions/actions/internal/browsertest/chrome"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the server's own database
)

// The PostgreSQL tests run on a server of their own, as the Redis ones do:
// one per test binary, started on first use (initdb, then postgres in the
// foreground) in a fresh directory, listening on a free loopback port with
// trust authentication, and stopped by TestMain. Every test gets a
// database of its own on it.

// postgresStartTimeout bounds initdb and the server's start, so a server
// that never starts fails the tests instead of stalling the run.
const postgresStartTimeout = 60 * time.Second

// postgresPortAttempts bounds the ports tried: a free port is found by
// listening on it and closing it, and another process may take it before
// the server listens there.
const postgresPortAttempts = 5

// pg is the test binary's server and the databases made on it.
var pg struct {
	once   sync.Once
	err    error
	server *postgresServer
	mu     sync.Mutex // one CREATE DATABASE at a time
	n      int        // databases created so far
}

// newPostgresDatabase creates an empty database on the test binary's
// server, starting the server on first use, and returns its URL. The
// database is dropped when the test ends. A missing PostgreSQL fails the
// test: ./scripts/test.sh installs it.
func newPostgresDatabase(tb testing.TB) string {
	tb.Helper()
	pg.once.Do(func() { pg.server, pg.err = startPostgresServer(loopbackPort) })
	if pg.err != nil {
		tb.Fatal(pg.err)
	}
	pg.mu.Lock()
	pg.n++
	name := fmt.Sprintf("demo_%d", pg.n)
	_, err := pg.server.admin.Exec(`CREATE DATABASE ` + name)
	pg.mu.Unlock()
	if err != nil {
		tb.Fatalf("creating the database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		// FORCE: a connection a test left open does not keep it.
		if _, err := pg.server.admin.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			tb.Errorf("dropping the database %s: %v", name, err)
		}
	})
	return pg.server.url(name)
}

// stopPostgres stops the test binary's server, if it started.
func stopPostgres() {
	if pg.server != nil {
		pg.server.stop()
	}
}

// A postgresServer is a cluster in a directory of its own and its server,
// on a loopback port.
type postgresServer struct {
	dir    string // the cluster's data directory and unix socket are in it
	port   int
	cmd    *exec.Cmd
	exited chan struct{}       // closed when the server has exited
	out    chrome.LockedBuffer // initdb's and the server's output, for failures
	admin  *sql.DB             // on the postgres database, to create the tests' own
}

func (s *postgresServer) url(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, database)
}

// startPostgresServer makes a cluster in a fresh directory and starts its
// server on a port from freePort, trying another one when the server
// finds its port taken. PostgreSQL refuses to run as root, as the tests
// do in CI: then initdb and the server run as the postgres user the
// package creates, and the directory is theirs.
func startPostgresServer(freePort func() (int, error)) (*postgresServer, error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	cred, err := postgresCredential()
	if err != nil {
		return nil, err
	}
	s := &postgresServer{}
	// Not t.TempDir: the tests' temp dirs are the test binary's, closed to
	// other users, and this one outlives any test.
	if s.dir, err = os.MkdirTemp("", "goactions-postgres-"); err != nil {
		return nil, err
	}
	if cred != nil {
		if err := os.Chown(s.dir, int(cred.Uid), int(cred.Gid)); err != nil {
			s.stop()
			return nil, err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), postgresStartTimeout)
	defer cancel()
	data := filepath.Join(s.dir, "data")
	// --no-sync and fsync=off: the cluster is thrown away at the end. The
	// databases' collation is ICU's root locale ("und"), which sorts text
	// as a user's language does (é before z), unlike "C" and SQLite: so
	// that a query whose order depends on the collation shows it.
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "--pgdata", data, "--username", "postgres",
		"--auth", "trust", "--encoding", "UTF8", "--locale", "C", "--locale-provider", "icu", "--icu-locale", "und",
		"--no-sync", "--no-instructions")
	initdb.Dir, initdb.Stdout, initdb.Stderr = s.dir, &s.out, &s.out
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if err := initdb.Run(); err != nil {
		s.stop()
		return nil, fmt.Errorf("initdb: %v\n%s", err, s.out.String())
	}
	for attempt := 1; ; attempt++ {
		if s.port, err = freePort(); err == nil {
			err = s.serve(ctx, bin, data, cred)
		}
		if err == nil {
			return s, nil
		}
		if !errors.Is(err, errPortTaken) || attempt == postgresPortAttempts {
			s.stop()
			return nil, err
		}
	}
}

// errPortTaken is a server's start failing because its port is taken.
var errPortTaken = errors.New("the port is taken")

// serve starts the server on s.port and waits until it answers.
func (s *postgresServer) serve(ctx context.Context, bin, data string, cred *syscall.Credential) error {
	outBefore := len(s.out.String())
	s.cmd = exec.Command(filepath.Join(bin, "postgres"), "-D", data,
		"-c", "listen_addresses=127.0.0.1", "-c", "port="+strconv.Itoa(s.port),
		"-c", "unix_socket_directories="+s.dir, "-c", "fsync=off", "-c", "full_page_writes=off",
		"-c", "synchronous_commit=off", "-c", "max_connections=200")
	s.cmd.Dir, s.cmd.Stdout, s.cmd.Stderr = s.dir, &s.out, &s.out
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	stopWithTestBinary(s.cmd.SysProcAttr)
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("starting postgres: %v", err)
	}
	cmd, exited := s.cmd, make(chan struct{})
	s.exited = exited
	go func() { cmd.Wait(); close(exited) }()
	var err error
	if s.admin, err = sql.Open("pgx", s.url("postgres")); err != nil {
		return err
	}
	for {
		pingCtx, cancelPing := context.WithTimeout(ctx, time.Second)
		err := s.admin.PingContext(pingCtx)
		cancelPing()
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			s.admin.Close()
			s.exited = nil
			out := s.out.String()
			if strings.Contains(out[outBefore:], "could not bind") {
				return fmt.Errorf("postgres on port %d: %w\n%s", s.port, errPortTaken, out)
			}
			return fmt.Errorf("postgres exited before answering: %s\n%s", s.cmd.ProcessState, out)
		case <-ctx.Done():
			return fmt.Errorf("postgres on port %d did not answer within %v: %v\n%s", s.port, postgresStartTimeout, err, s.out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop stops the server, if it runs, with a fast shutdown, and removes its
// directory.
func (s *postgresServer) stop() {
	if s.admin != nil {
		s.admin.Close()
	}
	if s.exited != nil {
		s.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-s.exited:
		case <-time.After(postgresStartTimeout):
			s.cmd.Process.Kill()
			<-s.exited
		}
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// postgresBin is the directory of initdb and postgres: on the PATH, else
// Debian's (/usr/lib/postgresql/<version>/bin, the newest version).
func postgresBin() (string, error) {
	if path, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(path), nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	slices.SortFunc(found, func(a, b string) int { return postgresVersion(a) - postgresVersion(b) })
	if len(found) > 0 {
		return filepath.Dir(found[len(found)-1]), nil
	}
	if os.Getenv("CI") == "true" {
		return "", errors.New("PostgreSQL's initdb is not installed, and CI=true: the test command must install Debian's postgresql package")
	}
	return "", errors.New("PostgreSQL's initdb is not installed: run ./scripts/test.sh, which installs Debian's postgresql package, or install PostgreSQL (built with ICU) with initdb and postgres on the PATH")
}

// postgresVersion is the <version> of /usr/lib/postgresql/<version>/bin/initdb.
func postgresVersion(initdb string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return v
}

// postgresCredential is who initdb and the server run as: the postgres
// user when the tests run as root, else (nil) the tests' own user.
func postgresCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("the tests run as root, as PostgreSQL refuses to, and there is no postgres user to run it as (Debian's postgresql package creates one): %v", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("the postgres user's ids: %v", err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}
