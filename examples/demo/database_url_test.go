//go:build unix

package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// password is the password of the URLs below, which no output may show.
const password = "s3cret-pw"

// DATABASE_URL=postgres://… runs the demo on that database: it migrates it,
// serves the pages from it, and logs where it is (user, host, port,
// database) without a password, wherever the URL has one: in its user
// info, or in the query string, where pgx reads password and sslpassword.
func TestDatabaseURLRunsTheDemoOnPostgreSQL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		url  func(string) string // from the test database's URL, without a password
	}{
		{"a password in the user info", func(u string) string {
			return strings.Replace(u, "postgres://postgres@", "postgres://postgres:"+password+"@", 1)
		}},
		{"a password in the query", func(u string) string { return u + "&password=" + password }},
		{"an sslpassword in the query", func(u string) string { return u + "&sslpassword=" + password }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// trust authentication: the server asks for no password, and the
			// demo must not show the one the URL has anyway.
			plain := newPostgresDatabase(t)
			out := runDemo(t, tt.url(plain))
			want := "database=" + strings.TrimSuffix(plain, "?sslmode=disable") // postgres://postgres@127.0.0.1:port/demo_n
			if !strings.Contains(out, want) || strings.Contains(out, password) {
				t.Errorf("the log does not name the database as %s, without the password:\n%s", want, out)
			}
		})
	}
}

// runDemo runs the demo on the database at databaseURL until it serves
// /posts, then stops it, and returns its output.
func runDemo(t *testing.T, databaseURL string) string {
	t.Helper()
	port := freePort(t)
	env := map[string]string{"DATABASE_URL": databaseURL, "PORT": strconv.Itoa(port)}
	var output chrome.LockedBuffer
	ctx, stop := context.WithCancel(t.Context())
	exited := make(chan error, 1)
	code := make(chan int, 1)
	go func() {
		c := run(ctx, func(k string) string { return env[k] }, &output)
		code <- c
		exited <- fmt.Errorf("exit code %d", c)
	}()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	if err := waitListening(addr, exited); err != nil {
		stop()
		t.Fatalf("%v\noutput:\n%s", err, output.String())
	}
	res, err := http.Get("http://" + addr + "/posts")
	if err == nil {
		res.Body.Close()
	}
	stop()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("GET /posts: %v", describeAnswer(res, err))
	}
	if c := <-code; c != 0 {
		t.Errorf("the demo exited with %d after its context ended, want 0", c)
	}
	return output.String()
}

// A DATABASE_URL the demo cannot use stops it at the start (exit code 1)
// with a message that says why and never shows the password: a scheme it
// does not know, something not a URL, a URL pgx cannot parse, a server
// that refuses the connection, one that never answers (connectTimeout).
func TestDatabaseURLThatCannotWorkStopsTheStart(t *testing.T) {
	t.Parallel()
	silent := silentServer(t)
	tests := []struct {
		name, url string
		want      []string
	}{
		{"a scheme the demo does not support", "mysql://root:" + password + "@127.0.0.1:3306/demo",
			[]string{`scheme \"mysql\"`, "postgres://", "postgresql://", "unset it to use SQLite"}},
		{"not a URL", "root:" + password + "@127.0.0.1/demo",
			[]string{"DATABASE_URL is not a URL", "postgres://"}},
		{"a port out of range", "postgres://demo:" + password + "@127.0.0.1:99999/demo",
			[]string{"not a PostgreSQL URL pgx can read"}},
		{"nothing listening", "postgres://demo:" + password + "@127.0.0.1:" + strconv.Itoa(freePort(t)) + "/demo?sslmode=disable",
			[]string{"connecting to PostgreSQL", "connection refused"}},
		{"nothing listening, the passwords in the query", "postgres://demo@127.0.0.1:" + strconv.Itoa(freePort(t)) + "/demo?sslmode=disable&password=" + password + "&sslpassword=" + password,
			[]string{"connecting to PostgreSQL", "connection refused"}},
		{"a server that never answers", "postgres://demo:" + password + "@" + silent + "/demo",
			[]string{"connecting to PostgreSQL", "timeout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"DATABASE_URL": tt.url, "PORT": strconv.Itoa(freePort(t))}
			var output chrome.LockedBuffer // run makes its logger slog's default, which others may use meanwhile
			code := run(t.Context(), func(k string) string { return env[k] }, &output)
			out := output.String()
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("the output does not say %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, password) {
				t.Errorf("the output shows the password:\n%s", out)
			}
		})
	}
}

// silentServer accepts connections on a loopback port and never answers,
// until the test ends; it returns its address.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := ln.Accept()
			if err != nil {
				break
			}
			conns = append(conns, conn)
		}
		for _, c := range conns {
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	return ln.Addr().String()
}

func describeAnswer(res *http.Response, err error) string {
	if err != nil {
		return err.Error()
	}
	return res.Status
}

// The log names a PostgreSQL database by user, host (or socket directory),
// port and name: never a password, wherever the URL has it.
func TestDescribeSourceShowsNoSecret(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, source, want string }{
		{"a SQLite file", "/data/demo.db", "/data/demo.db"},
		{"every password", "postgres://ada:" + password + "@db.example:6432/demo?sslmode=disable&password=" + password + "&sslpassword=" + password,
			"postgres://ada@db.example:6432/demo"},
		{"an IPv6 address", "postgresql://ada@[::1]/demo?sslmode=disable", "postgres://ada@[::1]:5432/demo"},
		{"a unix socket", "postgres://ada@/demo?host=/run/postgresql", "postgres://ada@/demo?host=/run/postgresql"},
		{"a URL pgx cannot read", "postgres://ada:" + password + "@127.0.0.1:99999/demo", "PostgreSQL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeSource(tt.source); got != tt.want {
				t.Errorf("describeSource(%q) = %q, want %q", tt.source, got, tt.want)
			}
		})
	}
}
