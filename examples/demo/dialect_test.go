package main

import "testing"

// The pages' ? placeholders become PostgreSQL's $1, $2…; a ? in a string
// or a quoted name is text, not a placeholder.
func TestNumberedPlaceholders(t *testing.T) {
	tests := []struct{ name, query, want string }{
		{"no placeholder", `SELECT 1`, `SELECT 1`},
		{"in order", `UPDATE t SET a = ? WHERE b = ? AND c = ?`, `UPDATE t SET a = $1 WHERE b = $2 AND c = $3`},
		{"next to other signs", `VALUES (?,?)`, `VALUES ($1,$2)`},
		{"in a string", `SELECT '?', ?`, `SELECT '?', $1`},
		{"in a string with a doubled quote", `SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{"in a quoted name", `SELECT "a?" FROM t WHERE x = ?`, `SELECT "a?" FROM t WHERE x = $1`},
		{"ten and more", `? ? ? ? ? ? ? ? ? ? ?`, `$1 $2 $3 $4 $5 $6 $7 $8 $9 $10 $11`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := numberedPlaceholders(tt.query); got != tt.want {
				t.Errorf("numberedPlaceholders(%q) = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}
