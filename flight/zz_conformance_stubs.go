package flight

// TEMPORARY: compile-only stand-ins for the API other helpers are writing on
// their own branches (see CONTRACT.md). This file is committed alone so that
// it can be dropped when those branches are merged.

import (
	"errors"
	"io"
)

// FormAction is a decoded no-JS form post (stub).
type FormAction struct {
	ID    string
	Bound []any
	Form  *FormData
	Key   string
	Ref   bool
}

// ErrNoAction says a form names no action (stub).
var ErrNoAction = errors.New("flight: the form names no action")

// FormState is React's decodeFormState result (stub).
type FormState struct {
	Key        string
	ID         string
	BoundCount int
}

// FormState is a stub.
func (a *FormAction) FormState() (FormState, bool) { panic("stub") }

// Reply is an encoded reply (stub).
type Reply struct{}

// ReplyField is one field of a reply (stub).
type ReplyField struct {
	Name, Value string
	File        *File
}

// FormField is one hidden form input (stub).
type FormField struct{ Name, Value string }

// ContentType is a stub.
func (r *Reply) ContentType() string { panic("stub") }

// WriteTo is a stub.
func (r *Reply) WriteTo(w io.Writer) (int64, error) { panic("stub") }

// Fields is a stub.
func (r *Reply) Fields() []ReplyField { panic("stub") }

// DecodeReply is a stub.
func DecodeReply(body io.Reader, contentType string, limits Limits) (any, error) { panic("stub") }

// DecodeAction is a stub.
func DecodeAction(body io.Reader, contentType string, limits Limits) (*FormAction, error) {
	panic("stub")
}

// EncodeRows is a stub.
func EncodeRows(w io.Writer, root any) error { panic("stub") }

// EncodeReply is a stub.
func EncodeReply(v any) (*Reply, error) { panic("stub") }

// EncodeFormAction is a stub.
func EncodeFormAction(id string, bound []any, prefix string) ([]FormField, error) { panic("stub") }
