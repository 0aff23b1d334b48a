package actions

import (
	"errors"
	"io"
	"reflect"

	"github.com/goactions/actions/flight"
)

// readsTextReply reports whether a call's body is read straight into the
// action's parameters with flight.UnmarshalReplyArgs, rather than decoded
// into a tree first and then into the parameters (decodeArgs): a React
// reply sent as text, what encodeReply sends for plain values, which holds
// no FormData for a struct to take by field name, to an action with no
// bound arguments to unseal. It is the commonest call from script, and a
// list of objects read this way costs a fraction of the tree.
func (a *Action) readsTextReply(mediaType string) bool {
	return a.settings.bound == 0 && (mediaType == "text/plain" || mediaType == "")
}

// unmarshalReply reads a text reply into the action's parameters. bodyErr
// is a body that cannot be read; err, arguments that do not fit, answered
// as decodeArgs answers them: too many first, then the first that does not
// fit.
func (a *Action) unmarshalReply(body io.Reader, contentType string, lim flight.Limits) (args []any, bodyErr, err error) {
	targets := make([]reflect.Value, len(a.params))
	dsts := make([]any, len(a.params))
	for i, t := range a.params {
		targets[i] = reflect.New(t)
		dsts[i] = targets[i].Interface()
	}
	// n is the count of arguments whenever the reply itself decoded, and 0
	// when it did not.
	n, err := flight.UnmarshalReplyArgs(body, contentType, lim, dsts...)
	var de *flight.DecodeError
	switch {
	case n > len(a.params):
		return nil, nil, a.tooManyArgs(len(a.params), n)
	case n == 0 && errors.As(err, &de):
		return nil, err, nil
	case err != nil:
		return nil, nil, argumentError(err) // a parameter type no value fits stays a 500
	}
	if len(targets) == 0 {
		return nil, nil, nil
	}
	args = make([]any, len(targets))
	for i, t := range targets {
		args[i] = t.Elem().Interface()
	}
	return args, nil, nil
}
