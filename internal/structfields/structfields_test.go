package structfields_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/goactions/actions/internal/structfields"
)

type Base struct {
	ID    int
	Title string `json:"title"`
}

type Other struct{ ID int }

type post struct {
	Base
	Other
	Title  string
	Body   string `json:"body,omitempty"`
	Hidden string `json:"-"`
	secret string
}

func names(fs []structfields.Field) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name+f.Options)
	}
	return strings.Join(out, " ")
}

func TestListFollowsEncodingJSON(t *testing.T) {
	got := names(structfields.List(reflect.TypeFor[post](), structfields.JSONName))
	// ID is ambiguous between Base and Other at the same depth: dropped, as
	// encoding/json drops it. "-" and unexported fields are skipped.
	if want := "title Title bodyomitempty"; got != want {
		t.Errorf("fields %q, want %q", got, want)
	}
	form := func(sf reflect.StructField) (string, string, bool) {
		if tag, ok := sf.Tag.Lookup("form"); ok {
			return tag, "", tag == "-"
		}
		return structfields.JSONName(sf)
	}
	type withForm struct {
		Body string `json:"body" form:"content"`
	}
	if got := names(structfields.List(reflect.TypeFor[withForm](), form)); got != "content" {
		t.Errorf("a NameFunc decides the names: got %q", got)
	}
}
