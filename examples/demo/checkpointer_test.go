package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// What the writer commits reaches the database file itself soon after,
// copied from the WAL by the checkpointer, long before the WAL reaches
// the size at which the writer would copy it.
func TestCheckpointerCopiesTheWALIntoTheFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "demo.db")
	w, r, err := openDB(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	size := func() int64 {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	content := strings.Repeat("A post long enough to fill pages. ", 100) // 3.4 kB: a page a post
	for range 100 {
		if _, err := w.ExecContext(t.Context(), insertPost[:strings.Index(insertPost, " RETURNING")], "title", content, 1); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(chrome.WaitTimeout)
	for size() < before+100*3400 {
		if time.Now().After(deadline) {
			t.Fatalf("the database file is %d bytes %v after 100 posts of 3.4 kB (it was %d): the WAL was not copied into it", size(), chrome.WaitTimeout, before)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
