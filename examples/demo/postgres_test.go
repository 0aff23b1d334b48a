//go:build linux

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
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/goactions/actions/internal/browsertest/chrome"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the server's own database
)

// The PostgreSQL tests run on a server of their own, as the Redis ones do:
// one per test binary, started on first use from Debian's postgresql
// package (initdb, then postgres in the foreground) in a fresh directory,
// listening on a free loopback port with trust authentication, and
// stopped by TestMain. Every test gets a database of its own on it.

// postgresStartTimeout bounds initdb and the server's start, so a server
// that never starts fails the tests instead of stalling the run.
const postgresStartTimeout = 60 * time.Second

var pg struct {
	once   sync.Once
	err    error
	dir    string // the cluster's data directory and unix socket are in it
	port   int
	cmd    *exec.Cmd
	exited chan struct{}       // closed when the server has exited
	out    chrome.LockedBuffer // initdb's and the server's output, for failures
	admin  *sql.DB             // on the postgres database, to create the tests' own
	mu     sync.Mutex          // one CREATE DATABASE at a time
	n      int                 // databases created so far
}

// newPostgresDatabase creates an empty database on the test binary's
// server, starting the server on first use, and returns its URL. The
// database is dropped when the test ends. A missing PostgreSQL fails the
// test: ./scripts/test.sh installs it.
func newPostgresDatabase(tb testing.TB) string {
	tb.Helper()
	pg.once.Do(func() { pg.err = startPostgres() })
	if pg.err != nil {
		tb.Fatal(pg.err)
	}
	pg.mu.Lock()
	pg.n++
	name := fmt.Sprintf("demo_%d", pg.n)
	_, err := pg.admin.Exec(`CREATE DATABASE ` + name)
	pg.mu.Unlock()
	if err != nil {
		tb.Fatalf("creating the database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		// FORCE: a connection a test left open does not keep it.
		if _, err := pg.admin.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			tb.Errorf("dropping the database %s: %v", name, err)
		}
	})
	return postgresURL(name)
}

func postgresURL(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", pg.port, database)
}

// startPostgres makes a cluster in a fresh directory and starts its
// server. PostgreSQL refuses to run as root, as the tests do in CI: then
// initdb and the server run as the postgres user Debian's package creates,
// and the directory is theirs.
func startPostgres() error {
	bin, err := postgresBin()
	if err != nil {
		return err
	}
	cred, err := postgresCredential()
	if err != nil {
		return err
	}
	// Not t.TempDir: the tests' temp dirs are the test binary's, closed to
	// other users, and this one outlives any test.
	if pg.dir, err = os.MkdirTemp("", "goactions-postgres-"); err != nil {
		return err
	}
	if cred != nil {
		if err := os.Chown(pg.dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return err
		}
	}
	data := filepath.Join(pg.dir, "data")
	ctx, cancel := context.WithTimeout(context.Background(), postgresStartTimeout)
	defer cancel()
	// --no-sync and fsync=off: the cluster is thrown away at the end. The
	// databases' collation is ICU's root locale ("und"), which sorts text
	// as a user's language does (é before z), unlike "C" and SQLite: so
	// that a query whose order depends on the collation shows it.
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "--pgdata", data, "--username", "postgres",
		"--auth", "trust", "--encoding", "UTF8", "--locale", "C", "--locale-provider", "icu", "--icu-locale", "und",
		"--no-sync", "--no-instructions")
	initdb.Dir, initdb.Stdout, initdb.Stderr = pg.dir, &pg.out, &pg.out
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if err := initdb.Run(); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, pg.out.String())
	}
	if pg.port, err = loopbackPort(); err != nil {
		return err
	}
	pg.cmd = exec.Command(filepath.Join(bin, "postgres"), "-D", data,
		"-c", "listen_addresses=127.0.0.1", "-c", "port="+strconv.Itoa(pg.port),
		"-c", "unix_socket_directories="+pg.dir, "-c", "fsync=off", "-c", "full_page_writes=off",
		"-c", "synchronous_commit=off", "-c", "max_connections=200")
	pg.cmd.Dir, pg.cmd.Stdout, pg.cmd.Stderr = pg.dir, &pg.out, &pg.out
	// SIGQUIT, PostgreSQL's immediate shutdown, if the test binary dies
	// without stopping it.
	pg.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT}
	if err := pg.cmd.Start(); err != nil {
		return fmt.Errorf("starting postgres: %v", err)
	}
	pg.exited = make(chan struct{})
	go func() { pg.cmd.Wait(); close(pg.exited) }()
	if pg.admin, err = sql.Open("pgx", postgresURL("postgres")); err != nil {
		return err
	}
	for {
		pingCtx, cancelPing := context.WithTimeout(ctx, time.Second)
		err := pg.admin.PingContext(pingCtx)
		cancelPing()
		if err == nil {
			return nil
		}
		select {
		case <-pg.exited:
			return fmt.Errorf("postgres exited before answering: %s\n%s", pg.cmd.ProcessState, pg.out.String())
		case <-ctx.Done():
			return fmt.Errorf("postgres on port %d did not answer within %v: %v\n%s", pg.port, postgresStartTimeout, err, pg.out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stopPostgres stops the test binary's server, if it started, with a fast
// shutdown, and removes its directory.
func stopPostgres() {
	if pg.admin != nil {
		pg.admin.Close()
	}
	if pg.exited != nil {
		pg.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-pg.exited:
		case <-time.After(postgresStartTimeout):
			pg.cmd.Process.Kill()
			<-pg.exited
		}
	}
	if pg.dir != "" {
		os.RemoveAll(pg.dir)
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
	return "", errors.New("PostgreSQL's initdb is not installed: run ./scripts/test.sh, which installs Debian's postgresql package, or apt-get install postgresql")
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
