//go:build !linux

package main

import "testing"

// newPostgresDatabase fails: the test server (postgres_test.go) starts
// PostgreSQL with Linux's process credentials and parent-death signal.
func newPostgresDatabase(tb testing.TB) string {
	tb.Helper()
	tb.Fatal("the PostgreSQL tests start their own server on Linux only")
	return ""
}

func stopPostgres() {}
