package main

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxStatements bounds a pool's prepared statements. The demo's queries
// are constants, a few dozen; a query built at run time beyond the bound
// is run unprepared instead of growing the cache.
const maxStatements = 256

// statements are a pool's prepared statements, by their SQL: a query is
// parsed and planned once per connection instead of at every call. (A
// post's creation spent a fifth of its time in SQLite parsing its INSERT
// and the trigger it fires.)
type statements struct {
	pool *sql.DB
	mu   sync.Mutex
	m    map[string]*sql.Stmt
	// unprepared are the queries that could not be prepared, by their own
	// fault: they are run as they are, and the database gives the error.
	unprepared map[string]bool
	closed     bool
}

func newStatements(pool *sql.DB) *statements {
	return &statements{pool: pool, m: map[string]*sql.Stmt{}, unprepared: map[string]bool{}}
}

// get returns the statement prepared for query, preparing it on first
// use, or nil when it is run as it is (the caller then runs the query
// itself, and gets any error from there).
func (s *statements) get(ctx context.Context, query string) *sql.Stmt {
	s.mu.Lock()
	st, ok := s.m[query]
	skip := s.closed || s.unprepared[query] || len(s.m)+len(s.unprepared) >= maxStatements
	s.mu.Unlock()
	if ok {
		return st
	}
	if skip {
		return nil
	}
	st, err := s.pool.PrepareContext(ctx, query)
	if err != nil {
		if isQueryFault(err) { // not the connection's nor the moment's
			s.runUnprepared(query)
		}
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed { // closed meanwhile: nothing would close this one
		st.Close()
		return nil
	}
	if prev, ok := s.m[query]; ok { // prepared meanwhile by another call
		st.Close()
		return prev
	}
	s.m[query] = st
	return st
}

func (s *statements) runUnprepared(query string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.m)+len(s.unprepared) < maxStatements {
		s.unprepared[query] = true
	}
}

// close closes every statement; get prepares none after.
func (s *statements) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	var errs []error
	for q, st := range s.m {
		errs = append(errs, st.Close())
		delete(s.m, q)
	}
	return errors.Join(errs...)
}

// prepared runs queries as statements of a pool's cache.
type prepared struct{ stmts *statements }

func (p prepared) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := p.stmts.get(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return p.stmts.pool.ExecContext(ctx, query, args...)
}

func (p prepared) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.stmts.get(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.stmts.pool.QueryContext(ctx, query, args...)
}

func (p prepared) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.stmts.get(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.stmts.pool.QueryRowContext(ctx, query, args...)
}
