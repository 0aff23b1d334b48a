//go:build unix

package main

import (
	"net"
	"testing"
)

// The test server starts on another port when the one it was given is
// taken meanwhile, as a free port found by listening on it and closing it
// may be, by another process.
func TestPostgresStartsOnAnotherPortWhenItsOwnIsTaken(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	takenPort := taken.Addr().(*net.TCPAddr).Port
	var given []int
	server, err := startPostgresServer(func() (int, error) {
		if len(given) == 0 {
			given = append(given, takenPort)
			return takenPort, nil
		}
		port, err := loopbackPort()
		given = append(given, port)
		return port, err
	})
	if err != nil {
		t.Fatalf("ports given %v: %v", given, err)
	}
	defer server.stop()
	if len(given) != 2 || server.port != given[1] {
		t.Errorf("ports given %v, and the server is on %d; want it on the second", given, server.port)
	}
	var one int
	if err := server.admin.QueryRow(`SELECT 1`).Scan(&one); err != nil || one != 1 {
		t.Errorf("SELECT 1: %d, %v", one, err)
	}
}
