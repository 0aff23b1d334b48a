package main

import (
	"database/sql"
	"net/url"
	"time"
)

// checkpointEvery is how often the checkpointer copies the WAL into the
// database file.
const checkpointEvery = 250 * time.Millisecond

// writerAutoCheckpoint is the WAL's size, in pages, at which the writer
// checkpoints after all, should the checkpointer fall behind: 40 MB of
// 4 KiB pages, not SQLite's default of 1,000.
const writerAutoCheckpoint = 10000

// A checkpointer copies the pages of SQLite's write-ahead log into the
// database file from a connection of its own, every checkpointEvery,
// instead of the writer doing it on the commit that takes the log past
// 1,000 pages (SQLite's default). A checkpoint ends with an fsync of the
// file, which took 100 ms and more on a busy disk here, and every request
// waiting for the writer waited for it too (the create form's p99 at 16
// connections was 160 ms, its median 0.7 ms). A passive checkpoint waits
// for no one: it copies what no reader still needs, and the next one
// copies the rest.
type checkpointer struct {
	pool *sql.DB
	stop chan struct{}
	done chan struct{}
}

// startCheckpointer starts checkpointing the database at path, opened with
// pragmas.
func startCheckpointer(path string, pragmas []string) (*checkpointer, error) {
	pool, err := sql.Open("sqlite", "file:"+path+"?"+url.Values{"_pragma": pragmas}.Encode())
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(1)
	c := &checkpointer{pool: pool, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer close(c.done)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			// An error (the file busy, say) leaves the pages for the
			// next tick, or the writer's own checkpoint at
			// writerAutoCheckpoint pages.
			c.pool.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		case <-c.stop:
			return
		}
	}
}

// Close stops the checkpointer and closes its connection.
func (c *checkpointer) Close() error {
	close(c.stop)
	<-c.done
	return c.pool.Close()
}
