package main

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// A dialect is what differs between the two databases the demo runs on.
// The pages and actions write their SQL once, in the subset both speak
// (ON CONFLICT, RETURNING, LIMIT), with ? placeholders; the schema is
// written once per dialect in migrations (migrate.go), as DDL and
// triggers differ too much to share.
type dialect struct {
	name string // for messages: "SQLite", "PostgreSQL"
	// placeholders rewrites the ? placeholders of a query into the
	// database's own.
	placeholders func(query string) string
	// lockMigrations, when set, runs first in the migrations' transaction
	// and holds until its end, so that instances starting together
	// migrate one after the other. SQLite needs none: its migrations'
	// transaction begins IMMEDIATE, which takes the database's write lock.
	lockMigrations string
	// schema picks this dialect's SQL of a migration.
	schema func(migration) string
}

var sqliteDialect = &dialect{
	name:         "SQLite",
	placeholders: func(query string) string { return query },
	schema:       func(m migration) string { return m.sqlite },
}

var postgresDialect = &dialect{
	name:         "PostgreSQL",
	placeholders: numberedPlaceholders,
	// A transaction-level advisory lock: released by COMMIT or ROLLBACK,
	// or by the server when the connection drops, so a crashed instance
	// never leaves it held. The key is the demo's own, any constant would
	// do: other applications on the database use other keys.
	lockMigrations: `SELECT pg_advisory_xact_lock(7346551048712020)`,
	schema:         func(m migration) string { return m.postgres },
}

// isUniqueViolation reports whether err is an insert refused by a UNIQUE
// or PRIMARY KEY constraint, in either database.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505" // unique_violation
	}
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) {
		code := sqliteErr.Code()
		return code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// isQueryFault reports whether err is the query's own fault, in either
// database (a syntax error, a missing table or column), rather than the
// connection's or the moment's (a server restarting, a lock held): only
// such a query is sure to fail the same way next time.
func isQueryFault(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return strings.HasPrefix(pgErr.Code, "42") // syntax error or access rule violation
	}
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) {
		return sqliteErr.Code() == sqlite3.SQLITE_ERROR // SQLite's code for a bad statement
	}
	return false
}
