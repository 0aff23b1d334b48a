package main

import (
	"path/filepath"
	"sync"
	"testing"
)

// Instances started together on a new database (several demos on one
// DATA_DIR) migrate it once, and every one of them starts.
func TestInstancesMigrateANewDatabaseOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	const n = 4
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			w, r, err := openDB(t.Context(), path)
			if err == nil {
				r.Close()
				err = w.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	db, r, err := openDB(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer r.Close()
	var version, tags int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM tags`).Scan(&tags); err != nil {
		t.Fatal(err)
	}
	if version != len(migrations) || tags != 3 {
		t.Errorf("user_version %d and %d tags, want %d and 3", version, tags, len(migrations))
	}
}
