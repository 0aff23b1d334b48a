package actions

import (
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"time"

	"github.com/goactions/actions/flight"
)

// decodeArgs turns the arguments a client sent (decoded by flight, bound
// arguments still sealed) into the Go values the action's parameters
// declare. A client's mistake comes back as an *Error.
func (a *Action) decodeArgs(raw []any, now time.Time) ([]any, error) {
	if len(a.params) == 0 && len(raw) == 0 {
		return nil, nil
	}
	out := make([]any, 0, len(a.params))
	k := a.settings.bound
	if k > 0 {
		bound, err := a.unsealArgs(raw, now)
		if err != nil {
			return nil, err
		}
		out = append(out, bound...)
		raw = raw[1:]
	}
	params := a.params[k:]
	if len(raw) > len(params) {
		return nil, a.tooManyArgs(len(params), len(raw))
	}
	dsts := make([]any, len(params))
	targets := make([]reflect.Value, len(params))
	forms := make([]*flight.FormData, len(params))
	for i, t := range params {
		targets[i] = reflect.New(t)
		dsts[i] = targets[i].Interface()
		if i < len(raw) {
			if f, ok := raw[i].(*flight.FormData); ok && takesFormStruct(t) {
				forms[i] = f
				dsts[i] = new(any) // filled below, by field name
			}
		}
	}
	if err := flight.UnmarshalArgs(raw, dsts...); err != nil {
		return nil, argumentError(err)
	}
	for i, f := range forms {
		if f == nil {
			continue
		}
		fieldErrs, err := decodeFormInto(f, targets[i].Elem())
		if err != nil {
			return nil, err // the target type is the program's mistake
		}
		if len(fieldErrs) > 0 {
			return nil, Invalid("", fieldErrs)
		}
	}
	for _, t := range targets {
		out = append(out, t.Elem().Interface())
	}
	return out, nil
}

// tooManyArgs refuses a call with more arguments than the action takes.
func (a *Action) tooManyArgs(takes, got int) error {
	noun := "arguments"
	if takes == 1 {
		noun = "argument"
	}
	return &Error{Code: CodeBadRequest, Message: fmt.Sprintf("%s takes %d %s, got %d", a.name, takes, noun, got)}
}

// argumentError tells a client's bad arguments (400, with the codec's
// message, which names the argument and path) from anything else.
func argumentError(err error) error {
	var ve *flight.ValueError
	var de *flight.DecodeError
	if errors.As(err, &ve) || errors.As(err, &de) {
		return &Error{Code: CodeBadRequest, Message: "invalid arguments: " + trimPackage(err.Error()), Err: err}
	}
	return err
}

func trimPackage(msg string) string {
	const p = "flight: "
	if len(msg) > len(p) && msg[:len(p)] == p {
		return msg[len(p):]
	}
	return msg
}

var (
	formDataType = reflect.TypeFor[flight.FormData]()
	bigIntType   = reflect.TypeFor[big.Int]()
)

// takesFormStruct reports whether a parameter of type t is a struct that a
// posted form is decoded into by field name, rather than one of the types
// flight decodes itself.
func takesFormStruct(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == timeType || t == bigIntType {
		return false
	}
	return t.PkgPath() != formDataType.PkgPath()
}
