package flight_test

import (
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

type (
	benchAuthor struct {
		Name  string `json:"name"`
		Email string `json:"email"`
	}
	benchPost struct {
		Title   string         `json:"title"`
		Body    string         `json:"body"`
		Author  benchAuthor    `json:"author"`
		Counts  map[string]int `json:"counts"`
		Publish time.Time      `json:"publish"`
		Items   []item         `json:"items"`
		Draft   bool           `json:"draft"`
	}
)

// benchArgs is a typical argument list: a struct with a nested object, a
// Map, a Date and a 100-item list, then a list of tags and a Date.
func benchArgs() []any {
	items := make([]any, 100)
	for i := range items {
		items[i] = map[string]any{"sku": "sku-" + string(rune('a'+i%26)), "qty": float64(i)}
	}
	post := map[string]any{
		"title":   "Hello",
		"body":    "A body of some length, as posts have.",
		"author":  map[string]any{"name": "Ada", "email": "ada@example.com"},
		"counts":  &flight.Map{Entries: []flight.MapEntry{{Key: "likes", Value: 3.0}, {Key: "views", Value: 120.0}}},
		"publish": time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
		"items":   items,
		"draft":   false,
	}
	return []any{post, []any{"go", "react"}, time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)}
}

func BenchmarkUnmarshal(b *testing.B) {
	args := benchArgs()
	b.ReportAllocs()
	for b.Loop() {
		var (
			post benchPost
			tags []string
			when time.Time
		)
		if err := flight.UnmarshalArgs(args, &post, &tags, &when); err != nil {
			b.Fatal(err)
		}
	}
}
