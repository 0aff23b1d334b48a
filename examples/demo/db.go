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
	// The number of posts, kept by triggers: COUNT(*) reads the whole
	// table, which the posts page would do on every render.
	`INSERT INTO counters (name, value) SELECT 'posts', COUNT(*) FROM posts;
	CREATE TRIGGER posts_counted AFTER INSERT ON posts BEGIN
		UPDATE counters SET value = value + 1 WHERE name = 'posts';
	END;
	CREATE TRIGGER posts_uncounted AFTER DELETE ON posts BEGIN
		UPDATE counters SET value = value - 1 WHERE name = 'posts';
	END;`,
}

// openDB opens (creating it if need be) the SQLite database at path and
// applies the migrations it lacks. It returns two handles on the file: w,
// one connection, for everything that writes (SQLite writes one at a time
// anyway, and a single writer never meets SQLITE_BUSY), and r, a pool of
// read-only connections for the pages' queries, which in WAL mode read
// the last commit without waiting for the writer or for each other.
func openDB(ctx context.Context, path string) (w, r *sql.DB, err error) {
	// synchronous(NORMAL): in WAL mode a commit survives the process
	// crashing; only a power loss may take back the last ones. FULL would
	// add an fsync to every write.
	pragmas := []string{"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(5000)", "foreign_keys(1)"}
	w, err = sql.Open("sqlite", "file:"+path+"?"+url.Values{"_pragma": pragmas}.Encode())
	if err != nil {
		return nil, nil, err
	}
	w.SetMaxOpenConns(1)
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("demo: migrating %s: %w", path, err)
	}
	r, err = sql.Open("sqlite", "file:"+path+"?"+url.Values{"_pragma": append(pragmas, "query_only(1)")}.Encode())
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	r.SetMaxOpenConns(readConns)
	r.SetMaxIdleConns(readConns)
	return w, r, nil
}

// readConns is the size of the read pool: enough for the pages of a
// small server to render side by side.
const readConns = 4

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
