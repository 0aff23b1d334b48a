package main

import (
	"regexp"
	"strings"
	"testing"
)

// placeholderTests are queries as the pages write them and as PostgreSQL
// gets them: a ? in code is a placeholder, $1, $2…; in a string, a quoted
// name or a comment it is text, and ?? is a ? of jsonb's operators.
var placeholderTests = []struct{ name, query, want string }{
	{"no placeholder", `SELECT 1`, `SELECT 1`},
	{"in order", `UPDATE t SET a = ? WHERE b = ? AND c = ?`, `UPDATE t SET a = $1 WHERE b = $2 AND c = $3`},
	{"next to other signs", `VALUES (?,?)`, `VALUES ($1,$2)`},
	{"in a string", `SELECT '?', ?`, `SELECT '?', $1`},
	{"in a string with a doubled quote", `SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
	{"a backslash in a string is text", `SELECT 'C:\', ?`, `SELECT 'C:\', $1`},
	{"in a quoted name", `SELECT "a?" FROM t WHERE x = ?`, `SELECT "a?" FROM t WHERE x = $1`},
	{"in a quoted name with a doubled quote", `SELECT "a""?" FROM t WHERE x = ?`, `SELECT "a""?" FROM t WHERE x = $1`},
	{"ten and more", `? ? ? ? ? ? ? ? ? ? ?`, `$1 $2 $3 $4 $5 $6 $7 $8 $9 $10 $11`},
	{"in a line comment with a quote", "SELECT ? -- isn't this one?\nWHERE a = ?", "SELECT $1 -- isn't this one?\nWHERE a = $2"},
	{"in a line comment at the end", `SELECT ? -- not this one?`, `SELECT $1 -- not this one?`},
	{"in a block comment with a quote", `SELECT /* isn't this one? */ ?`, `SELECT /* isn't this one? */ $1`},
	{"in nested block comments", `SELECT /* a /* b? */ c? */ ?`, `SELECT /* a /* b? */ c? */ $1`},
	{"a minus sign is not a comment", `SELECT 1 - ?`, `SELECT 1 - $1`},
	{"in an E-string with an escaped quote", `SELECT E'it\'s ?', ?`, `SELECT E'it\'s ?', $1`},
	{"in an e-string ending in a backslash", `SELECT e'\\', ?`, `SELECT e'\\', $1`},
	{"in an E-string continued on the next line", "SELECT E'a'\n  '\\'?', ?", "SELECT E'a'\n  '\\'?', $1"},
	{"a string after a name ending in e is not an E-string", `SELECT some_type'\', ?`, `SELECT some_type'\', $1`},
	{"in a dollar-quoted string", `SELECT $$it's ?$$, ?`, `SELECT $$it's ?$$, $1`},
	{"in a tagged dollar-quoted string", `SELECT $fn$ $$ '? $fn$, ?`, `SELECT $fn$ $$ '? $fn$, $1`},
	{"a $ in a name is not a dollar quote", `SELECT a$b$ FROM t WHERE c = ?`, `SELECT a$b$ FROM t WHERE c = $1`},
	{"?? is jsonb's ?", `SELECT data ?? 'key' FROM t WHERE id = ?`, `SELECT data ? 'key' FROM t WHERE id = $1`},
	{"??| and ??& are jsonb's ?| and ?&", `SELECT data ??| ARRAY['a'], data ??& ARRAY[?]`, `SELECT data ?| ARRAY['a'], data ?& ARRAY[$1]`},
	{"an unclosed string runs to the end", `SELECT 'oops ?`, `SELECT 'oops ?`},
	{"an unclosed comment runs to the end", `SELECT ? /* oops ?`, `SELECT $1 /* oops ?`},
	{"an unclosed dollar quote runs to the end", `SELECT ?, $x$ oops ?`, `SELECT $1, $x$ oops ?`},
}

func TestNumberedPlaceholders(t *testing.T) {
	for _, tt := range placeholderTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := numberedPlaceholders(tt.query); got != tt.want {
				t.Errorf("numberedPlaceholders(%q) = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

// numbered matches PostgreSQL's placeholders.
var numbered = regexp.MustCompile(`\$[0-9]+`)

// FuzzNumberedPlaceholders: the rewriting never panics, makes a $n of
// nothing but a ?, and leaves any text alone once it is quoted as a
// string, a name or a comment, however it is quoted: the ? after it is
// still $1.
func FuzzNumberedPlaceholders(f *testing.F) {
	for _, tt := range placeholderTests {
		f.Add(tt.query)
	}
	for _, m := range migrations {
		f.Add(m.postgres)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := numberedPlaceholders(s)
		if added, marks := len(numbered.FindAllString(out, -1))-len(numbered.FindAllString(s, -1)), strings.Count(s, "?"); added > marks {
			t.Errorf("numberedPlaceholders(%q) = %q: %d more $n, from %d ?", s, out, added, marks)
		}
		if !strings.Contains(s, "?") && out != s {
			t.Errorf("numberedPlaceholders(%q) = %q, changed without a ?", s, out)
		}
		for _, literal := range quotings(s) {
			query := "SELECT " + literal + ", ?"
			if got, want := numberedPlaceholders(query), "SELECT "+literal+", $1"; got != want {
				t.Errorf("numberedPlaceholders(%q) = %q, want %q", query, got, want)
			}
		}
	})
}

// quotings are the ways of writing s in SQL as text PostgreSQL reads
// whole: a string, an E-string, a quoted name, a dollar-quoted string and
// the comments, each as far as it can hold s.
func quotings(s string) []string {
	q := []string{
		`'` + strings.ReplaceAll(s, `'`, `''`) + `'`,
		`"` + strings.ReplaceAll(s, `"`, `""`) + `"`,
		`E'` + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + `'`,
	}
	if strings.Index(s+"$q$", "$q$") == len(s) {
		q = append(q, "$q$"+s+"$q$")
	}
	if strings.Index(s+"*/", "*/") == len(s) && !strings.Contains(s+"*/", "/*") {
		q = append(q, "/*"+s+"*/")
	}
	if !strings.ContainsAny(s, "\r\n") {
		q = append(q, "-- "+s+"\n")
	}
	return q
}

// PostgreSQL reads the rewritten queries as the rewriting did: each takes
// the one argument given, where the rewriting put $1, and the text around
// it comes back as written.
func TestNumberedPlaceholdersOnPostgreSQL(t *testing.T) {
	t.Parallel()
	db := openTestDB(t, newPostgresDatabase(t))
	tests := []struct{ name, query, want string }{
		{"a string and a line comment", `SELECT '?' || ? -- isn't it?`, "?x"},
		{"an E-string and nested block comments", `SELECT E'it\'s ?' || /* isn't /* it? */ it? */ ?`, "it's ?x"},
		{"an E-string continued on the next line", "SELECT E'a'\n  -- a comment'?\n  '\\'?' || ?", "a'?x"},
		{"dollar quotes", `SELECT $$'?$$ || $t$$$?$t$ || ?`, "'?$$?x"},
		{"a quoted name", `SELECT "a?" FROM (SELECT ?::text AS "a?") t`, "x"},
		{"jsonb's ? and ?|", `SELECT CASE WHEN '{"x": 1}'::jsonb ?? ? AND '{"y": 1}'::jsonb ??| ARRAY['y'] THEN 'has x' END`, "has x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			if err := db.QueryRowContext(t.Context(), tt.query, "x").Scan(&got); err != nil || got != tt.want {
				t.Errorf("%s, rewritten %s: %q, %v; want %q", tt.query, numberedPlaceholders(tt.query), got, err, tt.want)
			}
		})
	}
}
