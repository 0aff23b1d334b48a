package actions

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"runtime"
	"strings"
)

// An Action is a Go function registered as a server action: something an
// HTML form and client code can call. Create one with [Register]; it is
// safe for concurrent use.
type Action struct {
	name     string
	id       string
	fn       reflect.Value
	params   []reflect.Type // the parameters after the context
	result   reflect.Type   // nil for an action returning only an error
	settings settings
	registry *Registry
}

// Handler runs an action call: what [Middleware] wraps.
type Handler func(ctx context.Context, call *Call) (any, error)

// Middleware wraps every call of an action: authentication, rate limits,
// tracing, validation. It may inspect and replace call.Args, return early
// with an error (such as [Unauthenticated]) or a [Redirect], or call next.
type Middleware func(next Handler) Handler

// Call is one invocation of an action, as middleware sees it.
type Call struct {
	Action *Action
	// Args are the decoded arguments after the context, one per parameter,
	// bound arguments first, as the Go types the function declares.
	Args []any
	// Request is the HTTP request the call came in, for headers and the
	// client's address. Its body has been read.
	Request *http.Request
}

// ID is the action's id: what clients send to call it, stable while the
// action's name and signature are unchanged.
func (a *Action) ID() string { return a.id }

// Name is the name the id is derived from.
func (a *Action) Name() string { return a.name }

// String returns the name.
func (a *Action) String() string { return a.name }

// NumBound is the number of leading parameters set by [Action.Bind]; see
// [Bound].
func (a *Action) NumBound() int { return a.settings.bound }

var (
	contextType = reflect.TypeFor[context.Context]()
	errorType   = reflect.TypeFor[error]()
)

// newAction checks fn's signature and builds the action.
func newAction(fn any, opts []Option) (*Action, error) {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func || v.IsNil() {
		return nil, fmt.Errorf("actions: an action must be a function, not %T", fn)
	}
	a := &Action{fn: v}
	for _, o := range opts {
		o.apply(&a.settings, forAction)
	}
	t := v.Type()
	sig := "func(ctx context.Context, args...) (R, error) or func(ctx context.Context, args...) error"
	name := a.settings.name
	if name == "" {
		var err error
		if name, err = funcName(v); err != nil {
			return nil, err
		}
	}
	a.name = name
	if t.IsVariadic() {
		return nil, fmt.Errorf("actions: action %s: variadic parameters are not supported; take a slice", name)
	}
	if t.NumIn() == 0 || t.In(0) != contextType {
		return nil, fmt.Errorf("actions: action %s has signature %s; its first parameter must be context.Context: %s", name, t, sig)
	}
	switch {
	case t.NumOut() == 1 && t.Out(0) == errorType:
	case t.NumOut() == 2 && t.Out(1) == errorType:
		a.result = t.Out(0)
	default:
		return nil, fmt.Errorf("actions: action %s has signature %s; it must return an error, or a result and an error: %s", name, t, sig)
	}
	for i := 1; i < t.NumIn(); i++ {
		p := t.In(i)
		if err := checkParam(p); err != nil {
			return nil, fmt.Errorf("actions: action %s: parameter %d (%s): %v", name, i, p, err)
		}
		a.params = append(a.params, p)
	}
	if b := a.settings.bound; b < 0 || b > len(a.params) {
		return nil, fmt.Errorf("actions: action %s: Bound(%d), but it has %d parameters after the context", name, b, len(a.params))
	}
	a.id = actionID(name, t)
	return a, nil
}

// checkParam refuses parameter types no client value can become.
func checkParam(t reflect.Type) error {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128:
		return fmt.Errorf("a client cannot send a %s", t.Kind())
	}
	return nil
}

// closureName matches the names the compiler gives function literals
// ("pkg.init.func1", "pkg.Handler.func2.1"): they change when code around
// them changes, so they cannot name an action.
var closureName = regexp.MustCompile(`\.func\d+(\.\d+)*$|\.gowrap\d+$`)

func funcName(fn reflect.Value) (string, error) {
	f := runtime.FuncForPC(fn.Pointer())
	if f == nil {
		return "", fmt.Errorf("actions: cannot name this action; pass actions.Name")
	}
	name := strings.TrimSuffix(f.Name(), "-fm") // a method value
	if closureName.MatchString(name) {
		return "", fmt.Errorf("actions: %s is a function literal, which has no stable name; declare a named function or pass actions.Name", name)
	}
	return name, nil
}
