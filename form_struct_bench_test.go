package actions

import (
	"reflect"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// signup is a typical form: ten inputs of the common kinds.
type signup struct {
	Name     string    `form:"name"`
	Email    string    `form:"email"`
	Age      int       `form:"age"`
	Agree    bool      `form:"agree"`
	Plan     string    `form:"plan"`
	Seats    uint8     `form:"seats"`
	Budget   float64   `form:"budget"`
	Start    time.Time `form:"start"`
	Interest []string  `form:"interest"`
	Home     address   `form:"home"`
}

func BenchmarkDecodeFormInto(b *testing.B) {
	form := &flight.FormData{}
	for _, kv := range [][2]string{
		{"name", "Ada Lovelace"}, {"email", "ada@example.com"}, {"age", "36"}, {"agree", "on"},
		{"plan", "team"}, {"seats", "12"}, {"budget", "1999.95"}, {"start", "2025-03-01"},
		{"interest", "go"}, {"interest", "react"}, {"home.city", "London"},
	} {
		form.Append(kv[0], kv[1])
	}
	b.ReportAllocs()
	for b.Loop() {
		var s signup
		errs, err := decodeFormInto(form, reflect.ValueOf(&s))
		if err != nil || errs != nil || s.Home.City != "London" {
			b.Fatal(err, errs, s)
		}
	}
}
