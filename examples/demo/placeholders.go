package main

import (
	"strconv"
	"strings"
)

// numberedPlaceholders rewrites the ? placeholders of a query into
// PostgreSQL's $1, $2 and so on. It reads the query as PostgreSQL's lexer
// does, as far as telling code from text goes: a ? in a string ('…', a
// doubled quote inside; E'…', with backslash escapes; $$…$$ and
// $tag$…$tag$), in a quoted name ("…") or in a comment (-- to the end of
// the line; /* … */, which nest) is text, left alone.
//
// ?? in code is a literal ?, so that a query can use jsonb's ?, ?| and ?&
// operators: data ?? 'key', data ??| ARRAY['a']. SQLite has no such
// operators (and would read ?? as two placeholders): a query with them is
// PostgreSQL's only.
//
// Strings are read with standard_conforming_strings on, PostgreSQL's
// default since 9.1, which openPostgres sets for the demo's sessions: a
// backslash in '…' is text.
func numberedPlaceholders(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); {
		if query[i] != '?' {
			end := textEnd(query, i)
			b.WriteString(query[i:end])
			i = end
			continue
		}
		if strings.HasPrefix(query[i:], "??") {
			b.WriteByte('?')
			i += 2
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
		i++
	}
	return b.String()
}

// textEnd returns where the string, quoted name or comment that starts at
// query[i] ends (after its closing mark, or at the end of an unclosed
// one), or i+1 when none starts there.
func textEnd(query string, i int) int {
	rest := query[i:]
	switch {
	case rest[0] == '\'' && i > 0 && (query[i-1] == 'E' || query[i-1] == 'e') && (i == 1 || !isNameByte(query[i-2])):
		return i + escapedStringLen(rest)
	case rest[0] == '\'' || rest[0] == '"':
		return i + quotedLen(rest)
	case strings.HasPrefix(rest, "--"):
		if end := strings.IndexAny(rest, "\r\n"); end >= 0 {
			return i + end
		}
		return len(query)
	case strings.HasPrefix(rest, "/*"):
		return i + blockCommentLen(rest)
	case rest[0] == '$' && (i == 0 || !isNameByte(query[i-1])):
		if tag := dollarTag(rest); tag != "" {
			if end := strings.Index(rest[len(tag):], tag); end >= 0 {
				return i + len(tag) + end + len(tag)
			}
			return len(query)
		}
	}
	return i + 1
}

// quotedLen is the length of the string or quoted name s starts with, its
// quote doubled inside it.
func quotedLen(s string) int {
	quote := s[0]
	for i := 1; i < len(s); i++ {
		if s[i] == quote {
			if i+1 < len(s) && s[i+1] == quote {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(s)
}

// escapedStringLen is the length of the E-string s starts with (after its
// E): a backslash escapes the byte after it, a quote doubled is a quote,
// and a part quoted on a later line continues it, read the same way.
func escapedStringLen(s string) int {
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case s[i] == '\'':
			if i+1 < len(s) && s[i+1] == '\'' {
				i++
				continue
			}
			if gap := continuationGap(s[i+1:]); gap >= 0 {
				i += 1 + gap // at the next part's quote
				continue
			}
			return i + 1
		}
	}
	return len(s)
}

// continuationGap returns the length of the white space that s starts
// with, up to a quote, when that space holds a line break (and perhaps
// -- comments): PostgreSQL reads 'a' <line break> 'b' as one string, 'ab'.
// It returns -1 when s does not continue a string.
func continuationGap(s string) int {
	lineBreak := false
	for i := 0; i < len(s); {
		switch {
		case s[i] == '\n' || s[i] == '\r':
			lineBreak = true
			i++
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\f' || s[i] == '\v':
			i++
		case strings.HasPrefix(s[i:], "--"):
			end := strings.IndexAny(s[i:], "\r\n")
			if end < 0 {
				return -1
			}
			i += end
		case s[i] == '\'' && lineBreak:
			return i
		default:
			return -1
		}
	}
	return -1
}

// blockCommentLen is the length of the /* comment */ s starts with,
// comments nested in it included.
func blockCommentLen(s string) int {
	depth := 0
	for i := 0; i+1 < len(s); i++ {
		switch s[i : i+2] {
		case "/*":
			depth++
			i++
		case "*/":
			depth--
			i++
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

// dollarTag returns the $tag$ (or $$) that s starts with, or "" when it
// starts with none, as in $1. A tag is a name: a letter or _ first, then
// letters, digits and _.
func dollarTag(s string) string {
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == '$' {
			return s[:i+1]
		}
		if !isNameByte(c) || i == 1 && c >= '0' && c <= '9' {
			return ""
		}
	}
	return ""
}

// isNameByte reports whether c may continue a name (an identifier or a
// keyword) in PostgreSQL: then a $ or a quote after it belongs to the
// name, or starts a string that is not an E-string.
func isNameByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
