package actions

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/goactions/actions/flight"
	"github.com/goactions/actions/internal/seal"
)

// A Ref is an action with its leading arguments bound by the server, made
// by [Action.Bind]: React's action.bind(null, userId). Rendered into a page
// (a form's hidden fields, or Flight rows a script receives as a callable
// function), the bound arguments travel sealed: encrypted and
// authenticated for this action only, so a client can neither read them nor
// change them. Whoever calls it supplies the remaining arguments.
type Ref struct {
	action *Action
	args   []any

	// A page renders a ref's seal and field prefix in several places (a
	// button's name and its hidden inputs): made once, they agree.
	once   sync.Once
	token  string
	err    error
	prefix string
}

// Bind returns a reference to a with its first arguments set to args. The
// action must declare how many with [Bound], and args must be that many
// values of the parameters' types; a mismatch is reported when the
// reference is rendered or sealed.
func (a *Action) Bind(args ...any) *Ref {
	return &Ref{action: a, args: args}
}

// Action returns the bound action.
func (r *Ref) Action() *Action { return r.action }

// Seal returns the bound arguments sealed for the action: the token a form
// or script sends back as the call's first argument. It fails when the
// arguments do not match the action's bound parameters or the keys are
// misconfigured.
func (r *Ref) Seal() (string, error) {
	r.once.Do(func() {
		r.token, r.err = r.seal()
		r.prefix = refPrefix()
	})
	return r.token, r.err
}

func (r *Ref) seal() (string, error) {
	a := r.action
	if len(r.args) != a.settings.bound {
		return "", fmt.Errorf("actions: %s.Bind got %d arguments, but the action declares Bound(%d)", a.name, len(r.args), a.settings.bound)
	}
	for i, arg := range r.args {
		if t := reflect.TypeOf(arg); t != nil && !t.AssignableTo(a.params[i]) {
			return "", fmt.Errorf("actions: %s.Bind: argument %d is %s, want %s", a.name, i+1, t, a.params[i])
		}
	}
	reply, err := flight.EncodeReply(r.args)
	if err != nil {
		return "", fmt.Errorf("actions: %s.Bind: %v", a.name, err)
	}
	fields := reply.Fields()
	if len(fields) != 1 || !strings.HasPrefix(reply.ContentType(), "text/plain") {
		return "", fmt.Errorf("actions: %s.Bind: bound arguments must be plain values (strings, numbers, dates, objects, arrays), not files, Maps or streams", a.name)
	}
	ring, err := a.registry.keyRing()
	if err != nil {
		return "", err
	}
	var expires time.Time
	if d := a.settings.sealExpiry; d > 0 {
		expires = time.Now().Add(d)
	}
	return ring.Seal([]byte(fields[0].Value), a.id, expires)
}

// MarshalFlight makes a Ref a server reference in Flight rows, its bound
// arguments one sealed token: the client gets a function that calls the
// action with the token first.
func (r *Ref) MarshalFlight() (any, error) {
	token, err := r.Seal()
	if err != nil {
		return nil, err
	}
	return &flight.ServerRef{ID: r.action.id, Bound: []any{token}}, nil
}

// MarshalFlight makes an action a server reference in Flight rows: the
// client gets a function that calls it. An action with bound parameters
// must be sent as a [Ref].
func (a *Action) MarshalFlight() (any, error) {
	if a.settings.bound > 0 {
		return nil, fmt.Errorf("actions: %s declares Bound(%d); send %s.Bind(…) instead of the action", a.name, a.settings.bound, a.name)
	}
	return &flight.ServerRef{ID: a.id}, nil
}

// unsealArgs opens the sealed token a call of a bound action starts with
// and decodes the bound arguments in it.
func (a *Action) unsealArgs(raw []any, now time.Time) ([]any, error) {
	k := a.settings.bound
	token, _ := firstArg(raw).(string)
	if token == "" {
		return nil, &Error{Code: CodeBadRequest, Message: "This action's bound arguments are missing: call it through the reference the page received."}
	}
	ring, err := a.registry.keyRing()
	if err != nil {
		return nil, err
	}
	plain, err := ring.Open(token, a.id, now)
	switch {
	case errors.Is(err, seal.ErrExpired):
		return nil, &Error{Code: CodeBadRequest, Message: "This page has expired: reload it and try again.", Err: err}
	case err != nil:
		return nil, &Error{Code: CodeBadRequest, Message: "This page's action data is invalid: reload it and try again.", Err: err}
	}
	values, err := flight.DecodeReplyString(string(plain), flight.Limits{})
	if err != nil {
		return nil, fmt.Errorf("actions: %s: sealed arguments do not decode: %v", a.name, err)
	}
	list, _ := values.([]any)
	targets := make([]any, k)
	for i := range targets {
		targets[i] = reflect.New(a.params[i]).Interface()
	}
	if err := flight.UnmarshalArgs(list, targets...); err != nil {
		// Sealed by this server for this id, so for this signature: only a
		// change of Go types that keeps the signature's text can get here.
		return nil, fmt.Errorf("actions: %s: sealed arguments do not fit: %v", a.name, err)
	}
	out := make([]any, k)
	for i, t := range targets {
		out[i] = reflect.ValueOf(t).Elem().Interface()
	}
	return out, nil
}

func firstArg(raw []any) any {
	if len(raw) == 0 {
		return nil
	}
	return raw[0]
}
