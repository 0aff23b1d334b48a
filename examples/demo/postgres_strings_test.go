//go:build unix

package main

import (
	"net/url"
	"strings"
	"testing"
)

// The placeholder rewriter reads '…' with standard_conforming_strings on
// (a backslash is text). A database whose default is off would read the
// demo's queries otherwise; the demo sets it on for its own sessions.
func TestPostgresSessionsReadStringsAsTheRewriterDoes(t *testing.T) {
	t.Parallel()
	source := newPostgresDatabase(t)
	u, err := url.Parse(source)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	if _, err := pg.server.admin.Exec(`ALTER DATABASE ` + name + ` SET standard_conforming_strings = off`); err != nil {
		t.Fatal(err)
	}
	w, r, err := openDB(t.Context(), source)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	var setting string
	if err := w.QueryRowContext(t.Context(), `SHOW standard_conforming_strings`).Scan(&setting); err != nil || setting != "on" {
		t.Fatalf("standard_conforming_strings is %q (%v), want on", setting, err)
	}
	// With the setting off, 'a\' would not end at its second quote, and
	// the ? the rewriter numbered would be inside the string.
	var got string
	if err := w.QueryRowContext(t.Context(), `SELECT 'a\' || ?`, "b").Scan(&got); err != nil || got != `a\b` {
		t.Fatalf(`SELECT 'a\' || ?: %q, %v; want a\b`, got, err)
	}
}
