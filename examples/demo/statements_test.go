package main

import (
	"strconv"
	"testing"
)

// A query is prepared once and answers as it would unprepared; one that
// cannot be prepared gives its error when run; past
// maxStatements distinct queries, the rest still answer, unprepared,
// and the cache stays at its bound.
func TestStatementsArePreparedOnceAndBounded(t *testing.T) {
	eachDatabase(t, func(t *testing.T, d *dialect) {
		w, r, err := openDB(t.Context(), newSource(t, d))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close(); w.Close() })
		for i := range 3 {
			var n int64
			if err := w.QueryRowContext(t.Context(), `SELECT value + ? FROM counters WHERE name = 'posts'`, i).Scan(&n); err != nil || n != int64(i) {
				t.Fatalf("call %d: %d, %v; want %d", i, n, err, i)
			}
		}
		if got := len(w.stmts.m); got != 1 {
			t.Fatalf("%d statements prepared for one query called three times, want 1", got)
		}
		if err := w.QueryRowContext(t.Context(), `SELECT nothing FROM nowhere`).Scan(new(int)); err == nil {
			t.Error("a query that cannot be prepared gave no error")
		}
		for i := range maxStatements + 10 {
			var n int64
			if err := w.QueryRowContext(t.Context(), `SELECT value + ? + `+strconv.Itoa(i)+` FROM counters WHERE name = 'posts'`, 1).Scan(&n); err != nil || n != int64(i+1) {
				t.Fatalf("query %d: %d, %v; want %d", i, n, err, i+1)
			}
		}
		if got := len(w.stmts.m); got != maxStatements {
			t.Errorf("%d statements prepared, want the bound, %d", got, maxStatements)
		}
	})
}
