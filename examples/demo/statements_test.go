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
		for range 2 {
			if err := w.QueryRowContext(t.Context(), `SELECT nothing FROM nowhere`).Scan(new(int)); err == nil {
				t.Error("a query that cannot be prepared gave no error")
			}
		}
		if !w.stmts.unprepared[`SELECT nothing FROM nowhere`] {
			t.Error("a query that cannot be prepared is not remembered: it would be prepared again at every call")
		}
		for i := range maxStatements + 10 {
			var n int64
			if err := w.QueryRowContext(t.Context(), `SELECT value + ? + `+strconv.Itoa(i)+` FROM counters WHERE name = 'posts'`, 1).Scan(&n); err != nil || n != int64(i+1) {
				t.Fatalf("query %d: %d, %v; want %d", i, n, err, i+1)
			}
		}
		if got := len(w.stmts.m) + len(w.stmts.unprepared); got != maxStatements {
			t.Errorf("%d queries remembered, want the bound, %d", got, maxStatements)
		}
	})
}

// A closed cache prepares nothing more: a statement prepared as it closes
// would be left open.
func TestStatementsPrepareNothingAfterClose(t *testing.T) {
	eachDatabase(t, func(t *testing.T, d *dialect) {
		w, r, err := openDB(t.Context(), newSource(t, d))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close(); w.Close() })
		if err := w.stmts.close(); err != nil {
			t.Fatal(err)
		}
		if st := w.stmts.get(t.Context(), `SELECT value FROM counters WHERE name = 'posts'`); st != nil || len(w.stmts.m) != 0 {
			t.Errorf("a closed cache prepared a statement: %v, %d kept", st, len(w.stmts.m))
		}
	})
}
