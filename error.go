package actions

import (
	"errors"
	"net/http"
	"strings"
)

// Code classifies an error an action returns. Expected errors (every code
// but [CodeInternal]) reach the client with their message in production;
// anything else is [CodeInternal] and reaches it as a generic message.
type Code string

// The codes, with the HTTP status each answers with.
const (
	CodeInvalidArgument Code = "invalid_argument" // 422; per-field messages in Error.Fields
	CodeUnauthenticated Code = "unauthenticated"  // 401
	CodeForbidden       Code = "forbidden"        // 403
	CodeNotFound        Code = "not_found"        // 404
	CodeConflict        Code = "conflict"         // 409
	CodeRateLimited     Code = "rate_limited"     // 429
	CodeInternal        Code = "internal"         // 500; the message is generic, the log has the detail
)

// HTTPStatus is the status an action call that failed with c answers with.
func (c Code) HTTPStatus() int {
	switch c {
	case CodeInvalidArgument:
		return http.StatusUnprocessableEntity
	case CodeUnauthenticated:
		return http.StatusUnauthorized
	case CodeForbidden:
		return http.StatusForbidden
	case CodeNotFound:
		return http.StatusNotFound
	case CodeConflict:
		return http.StatusConflict
	case CodeRateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// Error is an expected error: one the action means its caller to see, such
// as a validation failure or a permission refusal. Its Message and Fields
// reach the client in production, so they must be written for end users.
//
// Return one from an action, directly or wrapped (errors.As finds it).
type Error struct {
	Code    Code
	Message string
	// Fields holds per-field messages for CodeInvalidArgument, keyed by the
	// form field name, like zod's flatten().fieldErrors.
	Fields map[string][]string
	// Err is the cause, logged but never sent to the client.
	Err error
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = string(e.Code)
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Invalid is an invalid-argument error with per-field messages, shown next
// to the form's inputs. message may be "" when the fields say it all.
func Invalid(message string, fields map[string][]string) *Error {
	if message == "" {
		message = "Please correct the highlighted fields."
	}
	return &Error{Code: CodeInvalidArgument, Message: message, Fields: fields}
}

// Unauthenticated says the caller must sign in (401).
func Unauthenticated(message string) *Error {
	return &Error{Code: CodeUnauthenticated, Message: orDefault(message, "Please sign in.")}
}

// Forbidden says the caller may not do this (403).
func Forbidden(message string) *Error {
	return &Error{Code: CodeForbidden, Message: orDefault(message, "You are not allowed to do this.")}
}

// NotFound says what the action works on does not exist (404).
func NotFound(message string) *Error {
	return &Error{Code: CodeNotFound, Message: orDefault(message, "Not found.")}
}

// Conflict says the action clashes with the current state, such as a
// version changed meanwhile (409).
func Conflict(message string) *Error {
	return &Error{Code: CodeConflict, Message: orDefault(message, "This changed meanwhile; please try again.")}
}

// RateLimited says the caller must slow down (429).
func RateLimited(message string) *Error {
	return &Error{Code: CodeRateLimited, Message: orDefault(message, "Too many requests; please wait a moment.")}
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// ErrorCode returns the code of the expected error in err's chain, or
// CodeInternal when there is none.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) && e.Code != "" {
		return e.Code
	}
	return CodeInternal
}
