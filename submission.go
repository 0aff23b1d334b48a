package actions

import (
	"context"
	"errors"
	"strings"

	"github.com/goactions/actions/flight"
)

// FormData is a submitted form's fields, in order: what a form action
// receives. Fields named "$ACTION_…" (the action's own) are never in it.
type FormData = flight.FormData

// File is an uploaded file in a [FormData].
type File = flight.File

// A Submission is what a page sees when it renders right after a form
// posted without JavaScript ran an action (the useActionState of a page
// with no JS): the action, its result or error, and the values the user
// typed, to fill the inputs again. Get it with [SubmissionFrom].
type Submission struct {
	Action *Action
	// Result is the action's return value, nil when it failed or returns
	// only an error.
	Result any
	// Err is the error the action returned, nil on success. An unexpected
	// error is replaced by a generic *[Error] with CodeInternal and a
	// correlation id, so a page can show it safely.
	Err error
	// Values are the submitted fields, to fill the inputs again after an
	// error, without files and without fields that look secret (passwords,
	// see [Options.SecretFields]): never send a password back into a page.
	// After a success they are empty, so the form renders fresh, as React
	// resets a form after its action succeeds.
	Values *FormData
}

type submissionKey struct{}

// SubmissionFrom returns the submission the page is being rendered after,
// or nil when the request is not a form submission.
func SubmissionFrom(ctx context.Context) *Submission {
	s, _ := ctx.Value(submissionKey{}).(*Submission)
	return s
}

// For reports whether the submission ran action a, for pages with several
// forms.
func (s *Submission) For(a *Action) bool { return s != nil && s.Action == a }

// Value returns the submitted value of the named field, "" when none.
func (s *Submission) Value(name string) string {
	if s == nil {
		return ""
	}
	return s.Values.Get(name)
}

// FieldErrors returns the per-field messages of an invalid-argument error,
// nil otherwise.
func (s *Submission) FieldErrors() map[string][]string {
	var e *Error
	if s != nil && errors.As(s.Err, &e) {
		return e.Fields
	}
	return nil
}

// FieldError returns the first message for the named field, "" when none.
func (s *Submission) FieldError(name string) string {
	if msgs := s.FieldErrors()[name]; len(msgs) > 0 {
		return msgs[0]
	}
	return ""
}

// Message is the error's message for the user, "" on success.
func (s *Submission) Message() string {
	if s == nil || s.Err == nil {
		return ""
	}
	var e *Error
	if errors.As(s.Err, &e) {
		return e.Message
	}
	return s.Err.Error()
}

// ResultAs returns the submission's result as a T, when the page is
// rendered after a submission whose action returned a T.
func ResultAs[T any](ctx context.Context) (T, bool) {
	var zero T
	s := SubmissionFrom(ctx)
	if s == nil {
		return zero, false
	}
	v, ok := s.Result.(T)
	return v, ok
}

// defaultSecretFields are substrings of field names never echoed back into
// a page: a form's server has no way to know an input's type, so it goes by
// name.
var defaultSecretFields = []string{"password", "passwd", "passcode", "secret", "token", "cvv", "cvc", "card-number", "cardnumber", "card_number", "ssn"}

// echoValues keeps the fields a page may put back into its inputs.
func echoValues(form *FormData, secret []string) *FormData {
	out := &FormData{}
	if form == nil {
		return out
	}
	for _, e := range form.Entries {
		if e.File != nil || isSecretField(e.Name, secret) {
			continue
		}
		out.Entries = append(out.Entries, e)
	}
	return out
}

func isSecretField(name string, secret []string) bool {
	lower := strings.ToLower(name)
	for _, s := range secret {
		if strings.Contains(lower, strings.ToLower(s)) {
			return true
		}
	}
	return false
}
