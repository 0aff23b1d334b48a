package main

import (
	"path/filepath"
	"testing"
)

// The tests of what the demo stores run on both of its databases: SQLite,
// in a file of the test's temp dir, and PostgreSQL, in a database of the
// test's own on the test binary's server (postgres_test.go).
var dialects = []*dialect{sqliteDialect, postgresDialect}

// newSource returns the source (see openDB) of a new, empty database of
// dialect d for the test.
func newSource(tb testing.TB, d *dialect) string {
	tb.Helper()
	if d == postgresDialect {
		return newPostgresDatabase(tb)
	}
	return filepath.Join(tb.TempDir(), "demo.db")
}

// eachDatabase runs test on each database, in parallel.
func eachDatabase(t *testing.T, test func(t *testing.T, d *dialect)) {
	t.Parallel()
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			test(t, d)
		})
	}
}
