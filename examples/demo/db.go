package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite" // the "sqlite" driver: pure Go, no cgo
	sqlite3 "modernc.org/sqlite/lib"
)

// The demo keeps its data in one of two databases, chosen by its source:
// a postgres:// or postgresql:// URL (DATABASE_URL) is a PostgreSQL
// server, reached through pgx; anything else is the path of a SQLite
// file. Both get the same schema (migrate.go) and the same queries
// (dialect.go).

// postgresSchemes are the DATABASE_URL schemes the demo reads, as pgx does.
var postgresSchemes = []string{"postgres://", "postgresql://"}

func isPostgresURL(source string) bool {
	for _, s := range postgresSchemes {
		if strings.HasPrefix(source, s) {
			return true
		}
	}
	return false
}

// checkDatabaseURL refuses a DATABASE_URL the demo cannot use, naming the
// ones it can. The message never quotes the URL, which may hold a password.
func checkDatabaseURL(u string) error {
	if isPostgresURL(u) {
		return nil
	}
	scheme, _, ok := strings.Cut(u, "://")
	if !ok || strings.ContainsAny(scheme, "@/:") {
		return fmt.Errorf("DATABASE_URL is not a URL: set it to a PostgreSQL URL (%s…), or unset it to use SQLite", strings.Join(postgresSchemes, "… or "))
	}
	return fmt.Errorf("DATABASE_URL has the scheme %q, which the demo does not support: set it to a PostgreSQL URL (%s…), or unset it to use SQLite",
		scheme, strings.Join(postgresSchemes, "… or "))
}

// describeSource names the database in logs: the SQLite file's path, or
// where the PostgreSQL database is (postgres://user@host:port/database),
// built from what pgx reads in the URL rather than from the URL itself,
// which may hold secrets in more places than its user info: pgx takes a
// password and an sslpassword from the query string too.
func describeSource(source string) string {
	if !isPostgresURL(source) {
		return source
	}
	config, err := pgx.ParseConfig(source)
	if err != nil {
		return "PostgreSQL"
	}
	u := url.URL{Scheme: "postgres", User: url.User(config.User), Path: "/" + config.Database}
	if strings.HasPrefix(config.Host, "/") {
		u.RawQuery = "host=" + config.Host // the directory of a unix socket
	} else {
		u.Host = net.JoinHostPort(config.Host, strconv.Itoa(int(config.Port)))
	}
	return u.String()
}

// openDB opens the database source names and applies the migrations it
// lacks. It returns two handles: w for everything that writes, r for the
// pages' queries. They are one pool on PostgreSQL; on SQLite, see
// openSQLite.
func openDB(ctx context.Context, source string) (w, r *database, err error) {
	if isPostgresURL(source) {
		db, err := openPostgres(ctx, source)
		return db, db, err
	}
	return openSQLite(ctx, source)
}

// connectTimeout bounds connecting to PostgreSQL when the URL sets no
// connect_timeout: a server that never answers fails the start instead of
// hanging it.
const connectTimeout = 10 * time.Second

// postgresConns is the size of the PostgreSQL pool, shared by the pages
// and the actions: enough for a small server's requests side by side,
// and few enough that several instances stay well under the server's
// max_connections (100 by default).
const postgresConns = 10

// openPostgres connects to the server at url (checking it answers) and
// migrates its database. Its errors never quote the URL: it may hold a
// password, and pgx's own parse errors mask it only at best.
func openPostgres(ctx context.Context, u string) (*database, error) {
	config, err := pgx.ParseConfig(u)
	if err != nil {
		return nil, errors.New("DATABASE_URL is not a PostgreSQL URL pgx can read, like postgres://user:password@127.0.0.1:5432/demo (its error is not shown, as it could quote the password)")
	}
	if config.ConnectTimeout == 0 {
		config.ConnectTimeout = connectTimeout
	}
	// The placeholder rewriter reads '…' as this setting on has it, a
	// backslash being text: set so for the demo's sessions, whatever the
	// database's or the URL's default.
	if config.RuntimeParams == nil {
		config.RuntimeParams = map[string]string{}
	}
	config.RuntimeParams["standard_conforming_strings"] = "on"
	pool := stdlib.OpenDB(*config)
	pool.SetMaxOpenConns(postgresConns)
	pool.SetMaxIdleConns(postgresConns)
	// Idle connections are closed after a while, so that a quiet demo
	// gives the server back its connections.
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db := newDatabase(pool, postgresDialect)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	if err := migrate(ctx, db); err != nil {
		pool.Close()
		return nil, fmt.Errorf("migrating the PostgreSQL database %s: %w", config.Database, err)
	}
	return db, nil
}

// openSQLite opens (creating it if need be) the SQLite database at path
// and applies the migrations it lacks. It returns two handles on the file:
// w, one connection, for everything that writes (SQLite writes one at a
// time anyway, and a single writer never meets SQLITE_BUSY), and r, a pool
// of read-only connections for the pages' queries, which in WAL mode read
// the last commit without waiting for the writer or for each other.
func openSQLite(ctx context.Context, path string) (w, r *database, err error) {
	// synchronous(NORMAL): in WAL mode a commit survives the process
	// crashing; only a power loss may take back the last ones. FULL would
	// add an fsync to every write.
	pragmas := []string{"journal_mode(WAL)", "synchronous(NORMAL)", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()), "foreign_keys(1)"}
	// _txlock=immediate: the writer's transactions take the write lock
	// when they begin, so that instances starting together on a new file
	// migrate it one after the other (busy_timeout makes the others wait).
	// wal_autocheckpoint: the checkpointer copies the WAL into the file
	// (checkpointer.go); the writer does only if it falls far behind.
	wpragmas := append(pragmas[:len(pragmas):len(pragmas)], fmt.Sprintf("wal_autocheckpoint(%d)", writerAutoCheckpoint))
	wpool, err := sql.Open("sqlite", "file:"+path+"?"+url.Values{"_pragma": wpragmas, "_txlock": {"immediate"}}.Encode())
	if err != nil {
		return nil, nil, err
	}
	wpool.SetMaxOpenConns(1)
	w = newDatabase(wpool, sqliteDialect)
	if err := migrateSQLite(ctx, w); err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("migrating %s: %w", path, err)
	}
	rpool, err := sql.Open("sqlite", "file:"+path+"?"+url.Values{"_pragma": append(pragmas, "query_only(1)")}.Encode())
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	rpool.SetMaxOpenConns(readConns)
	rpool.SetMaxIdleConns(readConns)
	cp, err := startCheckpointer(path, pragmas)
	if err != nil {
		rpool.Close()
		w.Close()
		return nil, nil, err
	}
	w.onClose = cp.Close
	return w, newDatabase(rpool, sqliteDialect), nil
}

// busyTimeout is how long a SQLite connection waits for another's lock.
const busyTimeout = 5 * time.Second

// readConns is the size of the SQLite read pool: enough for the pages of
// a small server to render side by side.
const readConns = 4

// migrateSQLite migrates db, starting again while SQLite answers
// SQLITE_BUSY, for as long as busy_timeout would wait. busy_timeout makes
// a connection wait for another's lock, but not where waiting could
// deadlock: SQLite then answers SQLITE_BUSY at once. Instances starting
// together on a new file meet that case, as each switches the file to WAL
// when it connects.
func migrateSQLite(ctx context.Context, db *database) error {
	deadline := time.Now().Add(busyTimeout)
	for {
		err := migrate(ctx, db)
		var sqliteErr *sqlite.Error
		if !errors.As(err, &sqliteErr) || sqliteErr.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(10 * time.Millisecond):
		}
	}
}
