// Command demo is the app a newcomer runs first: every example of the
// Server Actions documentation, in Go, on an embedded SQLite database or
// on PostgreSQL.
//
//	go run ./examples/demo      # from the repository's root
//
// It listens on 127.0.0.1:8080 (PORT changes the port) and keeps its
// database in DATA_DIR, by default the "goactions-demo" folder of the
// user's cache directory (os.UserCacheDir: ~/.cache on Linux). DATABASE_URL
// (postgres://user:password@127.0.0.1:5432/demo) puts the data on that
// PostgreSQL database instead, whose schema the demo creates or updates
// when it starts, as it does the SQLite file's. ACTIONS_KEYS
// holds the keys that seal bound arguments; unset, a random key of the
// process is used, with a warning. REDIS_URL (redis://127.0.0.1:6379/0)
// puts the cache and the like count on Redis, shared by every instance of
// the demo that uses the same database; unset, they are in memory.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Getenv, os.Stderr))
}

// run starts the demo and serves until ctx ends; it returns the process's
// exit code.
func run(ctx context.Context, getenv func(string) string, stderr io.Writer) int {
	// A line per call, formatted (logqueue.go) and written (logbuffer.go)
	// in batches.
	logs := newLogQueue(newLogBuffer(stderr))
	defer logs.Flush()
	logger := slog.New(logs.Handler(slog.NewTextHandler(logs.out, nil)))
	slog.SetDefault(logger)
	dbSource, err := databaseSource(getenv)
	if err != nil {
		logger.Error("demo: database", "err", err)
		return 1
	}
	cl, closeCluster, err := newCluster(getenv, logger)
	if err != nil {
		logger.Error("demo: cache", "err", err)
		return 1
	}
	defer closeCluster()
	app, err := newApp(ctx, dbSource, cl, logger)
	if err != nil {
		logger.Error("demo: starting", "err", err)
		return 1
	}
	defer func() {
		if err := app.Close(); err != nil {
			logger.Error("demo: closing", "err", err)
		}
	}()

	port := getenv("PORT")
	if port == "" {
		port = "8080"
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", port))
	if err != nil {
		logger.Error("demo: listening", "err", err)
		return 1
	}
	srv := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second}
	cacheKind := "memory"
	if getenv("REDIS_URL") != "" {
		cacheKind = "redis"
	}
	logger.Info("demo: listening", "url", "http://"+ln.Addr().String()+"/", "database", app.dbName, "cache", cacheKind)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		logger.Error("demo: serving", "err", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("demo: shutting down", "err", err)
		return 1
	}
	return 0
}

// databaseSource is where the demo keeps its data: DATABASE_URL when set,
// which must be a PostgreSQL URL, else demo.db in the data directory.
func databaseSource(getenv func(string) string) (string, error) {
	if u := getenv("DATABASE_URL"); u != "" {
		if err := checkDatabaseURL(u); err != nil {
			return "", err
		}
		return u, nil
	}
	dir, err := dataDir(getenv)
	if err != nil {
		return "", fmt.Errorf("data directory: %w", err)
	}
	return filepath.Join(dir, "demo.db"), nil
}

// dataDir is DATA_DIR, else goactions-demo in the user's cache directory,
// created if missing: never the source tree, where a database file would
// end up committed by surprise.
func dataDir(getenv func(string) string) (string, error) {
	dir := getenv("DATA_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no DATA_DIR and no cache directory: %w", err)
		}
		dir = filepath.Join(cache, "goactions-demo")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}
