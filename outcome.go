package actions

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
)

// Codes of refusals the middleware makes before an action runs, and of
// outcomes no action chooses. Clients see them like the action's own codes.
const (
	CodeBadRequest       Code = "bad_request"        // 400: malformed request, arguments that do not fit, bad seal
	CodeMethodNotAllowed Code = "method_not_allowed" // 405: actions are called with POST
	CodeStaleAction      Code = "stale_action"       // 409 + HeaderStale: an action id this server does not know
	CodeTooLarge         Code = "too_large"          // 413: the body is over the limit
	CodeTimeout          Code = "timeout"            // 504: the action ran past its MaxDuration
	CodeRedirect         Code = "redirect"           // the action redirected; never an HTTP status of its own
)

// wireError is an error as a client receives it, in every transport: the
// JSON of the rejected root's digest, the JSON body's "error", the page's
// Submission.Err.
type wireError struct {
	Code        Code                `json:"code"`
	Message     string              `json:"message"`
	Fields      map[string][]string `json:"fields,omitempty"`
	Location    string              `json:"location,omitempty"` // CodeRedirect only
	Correlation string              `json:"id,omitempty"`       // CodeInternal only: find the detail in the log
	status      int
}

func (e *wireError) httpStatus() int {
	if e.status != 0 {
		return e.status
	}
	switch e.Code {
	case CodeBadRequest:
		return http.StatusBadRequest
	case CodeMethodNotAllowed:
		return http.StatusMethodNotAllowed
	case CodeStaleAction:
		return http.StatusConflict
	case CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case CodeTimeout:
		return http.StatusGatewayTimeout
	case CodeRedirect:
		return http.StatusOK
	}
	return e.Code.HTTPStatus()
}

// asError is the wire error as a Go error a page can show.
func (e *wireError) asError() *Error {
	msg := e.Message
	if e.Correlation != "" {
		msg += " (reference " + e.Correlation + ")"
	}
	return &Error{Code: e.Code, Message: msg, Fields: e.Fields}
}

func refusal(code Code, message string) *wireError {
	return &wireError{Code: code, Message: message}
}

// classify turns what an action returned into what its client may see. An
// expected error keeps its message; anything else gets a generic one and a
// correlation id, the detail going to the log (dev mode shows it).
func (s *Server) classify(err error, host string) (*wireError, error) {
	if loc, ok := IsRedirect(err); ok {
		if cerr := checkRedirect(loc, host, s.opts.RedirectHosts); cerr != nil {
			return s.internal(cerr), cerr
		}
		return &wireError{Code: CodeRedirect, Message: "Redirecting to " + loc, Location: loc}, nil
	}
	var e *Error
	if errors.As(err, &e) && e.Code != CodeInternal && e.Code != "" {
		return &wireError{Code: e.Code, Message: e.Message, Fields: e.Fields}, nil
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &wireError{Code: CodeTimeout, Message: "The action took too long and was stopped."}, nil
	}
	return s.internal(err), err
}

// internal is the generic answer to an unexpected error.
func (s *Server) internal(err error) *wireError {
	w := &wireError{Code: CodeInternal, Message: "Something went wrong on our side.", Correlation: correlationID()}
	if s.opts.Dev {
		w.Message = err.Error()
	}
	return w
}

func correlationID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
