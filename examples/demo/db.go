package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "modernc.org/sqlite" // the "sqlite" driver: pure Go, no cgo
)

// migrations are the schema's steps, in order; PRAGMA user_version counts
// those applied. Append, never edit one that has shipped.
var migrations = []string{
	`CREATE TABLE posts (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		title TEXT NOT NULL,
		content TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
	INSERT INTO counters (name, value) VALUES ('likes', 0);
	CREATE TABLE contacts (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		name TEXT NOT NULL, email TEXT NOT NULL, message TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE messages (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		text TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
	INSERT INTO users (id, name) VALUES (1, 'Ada Lovelace');
	CREATE TABLE documents (
		id INTEGER PRIMARY KEY,
		version INTEGER NOT NULL,
		draft TEXT NOT NULL,
		published TEXT NOT NULL
	);
	INSERT INTO documents (id, version, draft, published) VALUES (1, 1, 'My first article', '');
	CREATE TABLE accounts (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		username TEXT NOT NULL UNIQUE,
		email TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);`,
	`CREATE TABLE subscribers (email TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
	CREATE TABLE cart_items (sku TEXT PRIMARY KEY, quantity INTEGER NOT NULL);
	INSERT INTO counters (name, value) VALUES ('views', 0);
	CREATE TABLE journal (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		entry TEXT NOT NULL,
		created_at INTEGER NOT NULL
	);
	CREATE TABLE tags (name TEXT PRIMARY KEY, uses INTEGER NOT NULL);
	INSERT INTO tags (name, uses) VALUES ('go', 3), ('html', 2), ('forms', 1);`,
}

// openDB opens (creating it if need be) the SQLite database at path and
// applies the migrations it lacks.
func openDB(ctx context.Context, path string) (*sql.DB, error) {
	q := url.Values{"_pragma": {"busy_timeout(5000)", "journal_mode(WAL)", "foreign_keys(1)"}}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	// One connection: SQLite writes one at a time anyway, and a single
	// connection never meets SQLITE_BUSY.
	db.SetMaxOpenConns(1)
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("demo: migrating %s: %w", path, err)
	}
	return db, nil
}

// migrate applies the migrations db lacks, all in one write transaction
// taken before user_version is read (BEGIN IMMEDIATE), so that instances
// starting together on a new database migrate it once: the others wait
// (busy_timeout), then find nothing left to do.
func migrate(ctx context.Context, db *sql.DB) (err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		}
	}()
	var applied int
	if err := conn.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&applied); err != nil {
		return err
	}
	for i := applied; i < len(migrations); i++ {
		if _, err := conn.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	if applied < len(migrations) {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations))); err != nil {
			return err
		}
	}
	_, err = conn.ExecContext(ctx, `COMMIT`)
	return err
}
