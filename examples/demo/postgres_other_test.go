//go:build !unix

package main

import "testing"

// newPostgresDatabase fails: the test server (postgres_test.go) is started
// with unix process credentials and signals.
func newPostgresDatabase(tb testing.TB) string {
	tb.Helper()
	tb.Fatal("the PostgreSQL tests start their own server on unix systems only")
	return ""
}

func stopPostgres() {}
