package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/goactions/actions/cache"
)

// Instances started together on a new database (several demos on one
// DATA_DIR or one DATABASE_URL) migrate it once, and every one of them
// starts.
func TestInstancesMigrateANewDatabaseOnce(t *testing.T) {
	eachDatabase(t, func(t *testing.T, d *dialect) {
		source := newSource(t, d)
		const n = 4
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				w, r, err := openDB(t.Context(), source)
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
		db := openTestDB(t, source)
		if got := slices.Sorted(maps.Keys(migrationsApplied(t, db))); !slices.Equal(got, allVersions()) {
			t.Errorf("demo_schema_migrations has versions %v, want %v", got, allVersions())
		}
		if got := rowsOf(t, db, `SELECT name, value FROM counters ORDER BY name`); got != "likes 0, posts 0, views 0" {
			t.Errorf("counters: %s", got)
		}
		if got := rowsOf(t, db, `SELECT name, uses FROM tags ORDER BY name`); got != "forms 1, go 3, html 2" {
			t.Errorf("tags: %s", got)
		}
	})
}

// A demo started again on its database migrates nothing, and finds what
// it had: its posts, counted once, newest first.
func TestStartingAgainMigratesNothing(t *testing.T) {
	eachDatabase(t, func(t *testing.T, d *dialect) {
		source := newSource(t, d)
		first := startDemo(t, source, cluster{cache: cache.New(cache.Options{})})
		res, _ := submitForm(t, first, "/posts", first.app.CreatePost, "title", "Before", "content", "Written by the first start.")
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/posts/1" {
			t.Fatalf("creating a post: %d to %q, want 303 to /posts/1", res.StatusCode, loc)
		}
		applied := migrationsApplied(t, first.app.db)

		second := startDemo(t, source, cluster{cache: cache.New(cache.Options{})})
		if again := migrationsApplied(t, second.app.db); !maps.Equal(again, applied) {
			t.Errorf("demo_schema_migrations was %v, and %v after starting again", applied, again)
		}
		res, _ = submitForm(t, second, "/posts", second.app.CreatePost, "title", "After", "content", "Written by the second.")
		if loc := res.Header.Get("Location"); loc != "/posts/2" {
			t.Fatalf("creating a post after starting again: %d to %q, want /posts/2", res.StatusCode, loc)
		}
		page := get(t, second, "/posts")
		if !bytes.Contains(page, []byte("<h1>Posts (2)</h1>")) {
			t.Errorf("the posts page does not count 2 posts:\n%s", page)
		}
		if after, before := bytes.Index(page, []byte("After")), bytes.Index(page, []byte("Before")); after < 0 || before < after {
			t.Errorf("the posts page does not list After, then Before:\n%s", page)
		}
	})
}

// A demo.db made before demo_schema_migrations (PRAGMA user_version = 3) opens
// with its data as it was: version 1 adds nothing to it but the record
// that it has the schema, and its triggers still count the posts once.
func TestSQLiteFileFromBeforeSchemaMigrations(t *testing.T) {
	t.Parallel()
	fixture, err := os.ReadFile(filepath.Join("testdata", "sqlite-user-version-3.sql"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	old, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = old.Exec(string(fixture))
	old.Close()
	if err != nil {
		t.Fatal(err)
	}

	d := startDemo(t, path, cluster{cache: cache.New(cache.Options{})})
	if got := slices.Sorted(maps.Keys(migrationsApplied(t, d.app.db))); !slices.Equal(got, allVersions()) {
		t.Errorf("demo_schema_migrations has versions %v, want %v", got, allVersions())
	}
	for path, want := range map[string][]string{
		"/posts":   {"<h1>Posts (1)</h1>", "Made before schema_migrations", `<span id="likes">1</span>`},
		"/profile": {"Grace Hopper"},
		"/tags":    {"<li>go (3)</li><li>html (2)</li><li>forms (1)</li><li>sqlite (1)</li>"},
	} {
		page := get(t, d, path)
		for _, w := range want {
			if !bytes.Contains(page, []byte(w)) {
				t.Errorf("%s does not show %s:\n%s", path, w, page)
			}
		}
	}
	submitForm(t, d, "/posts", d.app.CreatePost, "title", "New", "content", "Written now.")
	if page := get(t, d, "/posts"); !bytes.Contains(page, []byte("<h1>Posts (2)</h1>")) {
		t.Errorf("after a new post the page does not count 2:\n%s", page)
	}
}

// Another application's migrations on the same database, in a table of
// the usual name (golang-migrate's and Rails' schema_migrations), neither
// stop the demo's nor are changed by them.
func TestAnotherApplicationsSchemaMigrations(t *testing.T) {
	eachDatabase(t, func(t *testing.T, d *dialect) {
		source := newSource(t, d)
		other := openRawDB(t, source)
		// golang-migrate's table, at version 1.
		if _, err := other.Exec(`CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL);
			INSERT INTO schema_migrations (version, dirty) VALUES (1, false)`); err != nil {
			t.Fatal(err)
		}
		db := openTestDB(t, source)
		if got := rowsOf(t, db, `SELECT name, value FROM counters ORDER BY name`); got != "likes 0, posts 0, views 0" {
			t.Errorf("counters: %s", got)
		}
		if got := slices.Sorted(maps.Keys(migrationsApplied(t, db))); !slices.Equal(got, allVersions()) {
			t.Errorf("the demo's migrations have versions %v, want %v", got, allVersions())
		}
		if got := rowsOf(t, db, `SELECT COUNT(*), MAX(version) FROM schema_migrations`); got != "1 1" {
			t.Errorf("the other application's schema_migrations has (count, version) %s, want 1 1", got)
		}
	})
}

// A username taken is refused next to the field, on either database,
// whose refusals of a duplicate differ.
func TestSignUpRefusesATakenUsername(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		d := newDemo(t, db)
		fields := []string{"username", "ada", "email", "ada@example.com", "password", "analytical1"}
		if res, page := submitForm(t, d, "/signup", d.app.SignUp, fields...); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("signing up: %d\n%s", res.StatusCode, page)
		}
		res, page := submitForm(t, d, "/signup", d.app.SignUp, fields...)
		if res.StatusCode == http.StatusSeeOther || !bytes.Contains(page, []byte("That username is taken.")) {
			t.Errorf("signing up again as ada: %d\n%s", res.StatusCode, page)
		}
	})
}

// Tags of equal use sort by name the same way on both databases, byte by
// byte as SQLite does, not in the PostgreSQL database's own collation
// (the test server's is ICU's "und", where é comes before z): the page
// lists them in the same order whichever the demo runs on.
func TestTagsSortTheSameOnBothDatabases(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db *dialect) {
		d := newDemo(t, db)
		for _, tag := range []string{"z", "é", "ab", "a-b", "_x", "Zz"} {
			if res, page := submitForm(t, d, "/tags", d.app.UseTag, "tag", tag); res.StatusCode != http.StatusOK {
				t.Fatalf("using the tag %s: %d\n%s", tag, res.StatusCode, page)
			}
		}
		want := "<li>go (3)</li><li>html (2)</li><li>_x (1)</li><li>a-b (1)</li><li>ab (1)</li><li>forms (1)</li><li>z (1)</li><li>zz (1)</li><li>é (1)</li>"
		if page := get(t, d, "/tags"); !bytes.Contains(page, []byte(want)) {
			t.Errorf("the tags are not listed as %s:\n%s", want, page)
		}
	})
}

// The two databases have the same tables, columns (name, kind, NOT NULL,
// primary key) and first rows; PostgreSQL's text is in the "C" collation,
// which sorts as SQLite does.
func TestSchemasAreTheSame(t *testing.T) {
	t.Parallel()
	got := map[string]string{}
	for _, d := range dialects {
		db := openTestDB(t, newSource(t, d))
		var b strings.Builder
		columns := rowsOf(t, db, map[*dialect]string{
			sqliteDialect: `SELECT m.name, p.name,
				CASE WHEN p.type = 'INTEGER' OR p.type = 'BIGINT' THEN 'integer' ELSE lower(p.type) END,
				CASE WHEN p."notnull" OR p.pk > 0 THEN 'not null' ELSE 'null' END,
				CASE WHEN p.pk > 0 THEN 'primary key' ELSE '' END
				FROM sqlite_master m, pragma_table_info(m.name) p
				WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
				ORDER BY m.name, p.cid`,
			postgresDialect: `SELECT c.table_name, c.column_name,
				CASE WHEN c.data_type IN ('integer', 'bigint') THEN 'integer'
					WHEN c.data_type = 'text' AND c.collation_name IS DISTINCT FROM 'C'
					THEN 'text in the collation ' || COALESCE(c.collation_name, 'of the database') -- not SQLite's order
					ELSE c.data_type END,
				CASE WHEN c.is_nullable = 'NO' THEN 'not null' ELSE 'null' END,
				CASE WHEN EXISTS (SELECT 1 FROM information_schema.table_constraints t
					JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
					WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_name = c.table_name AND k.column_name = c.column_name)
				THEN 'primary key' ELSE '' END
				FROM information_schema.columns c
				WHERE c.table_schema = current_schema()
				ORDER BY c.table_name, c.ordinal_position`,
		}[d])
		b.WriteString(strings.ReplaceAll(columns, ", ", "\n")) // a column a line, for a readable difference
		for _, table := range []string{"counters", "documents", "tags", "users"} {
			fmt.Fprintf(&b, "\n%s: %s", table, rowsOf(t, db, `SELECT * FROM `+table+` ORDER BY 1`))
		}
		got[d.name] = b.String()
	}
	if got["SQLite"] != got["PostgreSQL"] {
		t.Errorf("the schemas differ:\nSQLite:\n%s\nPostgreSQL:\n%s", got["SQLite"], got["PostgreSQL"])
	}
}

// openRawDB opens the database source names with its driver alone: no
// migrations, no placeholders rewritten.
func openRawDB(t *testing.T, source string) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if isPostgresURL(source) {
		driver = "pgx"
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openTestDB opens the database source names as the demo does, until the
// test ends.
func openTestDB(t *testing.T, source string) *database {
	t.Helper()
	w, r, err := openDB(t.Context(), source)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	return w
}

// migrationsApplied returns the versions demo_schema_migrations records, with
// when each was applied.
func migrationsApplied(t *testing.T, db *database) map[int]int64 {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), `SELECT version, applied_at FROM demo_schema_migrations`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	applied := map[int]int64{}
	for rows.Next() {
		var v int
		var at int64
		if err := rows.Scan(&v, &at); err != nil {
			t.Fatal(err)
		}
		applied[v] = at
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return applied
}

// allVersions are the versions of every migration.
func allVersions() []int {
	var all []int
	for i := range migrations {
		all = append(all, i+1)
	}
	return all
}

// rowsOf returns the rows of a query as text: values apart by spaces, rows
// by commas.
func rowsOf(t *testing.T, db *database, query string) string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fields := make([]string, len(values))
		for i, v := range values {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			fields[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(fields, " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, ", ")
}
