package main

import (
	"context"
	"reflect"
	"strings"

	"github.com/goactions/actions"
)

// Text that only one of the demo's databases keeps: PostgreSQL refuses a
// NUL character in text (SQLSTATE 22021: the action would fail with a
// 500), where SQLite stores it. One middleware of the actions server
// checks the text arguments of every action before it runs, so that such
// input gets the same answer on both databases: the field's message, and
// what was typed kept, as any other invalid input. (Bytes that are not
// UTF-8 never get this far: the form decoder replaces them with U+FFFD, as
// browsers do.)

// nulMessage is what a field holding a NUL character says.
const nulMessage = "Remove the NUL character: it cannot be saved."

// refuseNUL is the middleware: a call with a NUL character in any of its
// text arguments fails with an invalid-argument error, naming each field
// that holds one as the form names it ("title", "address.city"); a text
// argument outside a form gets the message alone.
func refuseNUL(next actions.Handler) actions.Handler {
	return func(ctx context.Context, call *actions.Call) (any, error) {
		fields := map[string][]string{}
		for _, arg := range call.Args {
			findNUL(reflect.ValueOf(arg), "", fields)
		}
		if len(fields) == 0 {
			return next(ctx, call)
		}
		message := ""
		if _, bare := fields[""]; bare {
			delete(fields, "")
			message = nulMessage
		}
		return nil, actions.Invalid(message, fields)
	}
}

// findNUL adds to fields the name of every string in v (named name) that
// holds a NUL character: v itself, the entries of a form, the fields of a
// struct, named as the form decoder names them, and the elements of a
// slice, named as the slice.
func findNUL(v reflect.Value, name string, fields map[string][]string) {
	if form, ok := v.Interface().(*actions.FormData); ok {
		for _, e := range form.Entries {
			if e.File == nil && strings.IndexByte(e.Value, 0) >= 0 {
				fields[e.Name] = []string{nulMessage}
			}
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		if strings.IndexByte(v.String(), 0) >= 0 {
			fields[name] = []string{nulMessage}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			findNUL(v.Elem(), name, fields)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			findNUL(v.Index(i), name, fields)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				if field, ok := formName(f); ok {
					findNUL(v.Field(i), strings.TrimPrefix(name+"."+field, "."), fields)
				}
			}
		}
	}
}

// formName is the name a form posts a struct field under, as the actions
// form decoder reads the tags: the form tag, else the json tag, else the
// field's Go name; "-" skips it.
func formName(f reflect.StructField) (string, bool) {
	for _, key := range []string{"form", "json"} {
		if tag, ok := f.Tag.Lookup(key); ok {
			if tag == "-" {
				return "", false
			}
			if name, _, _ := strings.Cut(tag, ","); name != "" {
				return name, true
			}
		}
	}
	return f.Name, true
}
