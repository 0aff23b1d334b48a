package main

import (
	"context"
	"database/sql"
	"errors"
)

// A database is a database/sql pool that takes SQL with ? placeholders
// whatever the database behind it, rewriting them for its dialect: the
// pages and actions write their queries once. It has the methods of
// *sql.DB they use, with the same meaning, but for one: each query is one
// statement, prepared once and kept (statements.go); transactions run
// theirs as they are.
type database struct {
	queries
	pool  *sql.DB
	stmts *statements // the queries run, prepared once (statements.go)

	onClose func() error // what else Close stops first, if anything (the SQLite writer's checkpointer)
}

// A transaction is a *sql.Tx that takes SQL with ? placeholders, as a
// database does.
type transaction struct {
	queries
	tx *sql.Tx
}

// querier is what runs a query: a *sql.DB or a *sql.Tx.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queries runs queries on q, their placeholders rewritten for dialect.
type queries struct {
	q       querier
	dialect *dialect
}

func newDatabase(pool *sql.DB, d *dialect) *database {
	stmts := newStatements(pool)
	return &database{queries: queries{prepared{stmts}, d}, pool: pool, stmts: stmts}
}

func (q queries) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return q.q.ExecContext(ctx, q.dialect.placeholders(query), args...)
}

func (q queries) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return q.q.QueryContext(ctx, q.dialect.placeholders(query), args...)
}

func (q queries) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return q.q.QueryRowContext(ctx, q.dialect.placeholders(query), args...)
}

func (q queries) Exec(query string, args ...any) (sql.Result, error) {
	return q.ExecContext(context.Background(), query, args...)
}

func (q queries) QueryRow(query string, args ...any) *sql.Row {
	return q.QueryRowContext(context.Background(), query, args...)
}

// BeginTx starts a transaction, as [sql.DB.BeginTx] does.
func (db *database) BeginTx(ctx context.Context, opts *sql.TxOptions) (*transaction, error) {
	tx, err := db.pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &transaction{queries{tx, db.dialect}, tx}, nil
}

// Close closes the pool; closing it again does nothing, so that the App's
// two handles may be the same pool.
func (db *database) Close() error {
	var stopped error
	if db.onClose != nil {
		stopped, db.onClose = db.onClose(), nil
	}
	return errors.Join(stopped, db.stmts.close(), db.pool.Close())
}

func (t *transaction) Commit() error   { return t.tx.Commit() }
func (t *transaction) Rollback() error { return t.tx.Rollback() }
