package actions

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"runtime/debug"
	"time"
)

// call is one action call on its way through the middleware.
type call struct {
	action    *Action
	settings  settings
	transport string // "js", "json" or "form", for the log
	start     time.Time
	scope     *scope
}

// run decodes the client's arguments, runs the action through its
// middleware with a context carrying the request scope and the deadline,
// and returns what the action returned. A client's mistake in the
// arguments comes back as an *Error and the action does not run.
func (h *routeHandler) run(ctx context.Context, c *call, raw []any) (any, error) {
	args, err := c.action.decodeArgs(raw, time.Now())
	if err != nil {
		return nil, err
	}
	return h.runArgs(ctx, c, args)
}

// runArgs calls the action with its arguments decoded, through its
// middleware, and applies the revalidations it asked for.
func (h *routeHandler) runArgs(ctx context.Context, c *call, args []any) (any, error) {
	ctx = withScope(ctx, c.scope)
	if d := c.settings.maxDuration; d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	next := c.action.invoke
	for i := len(c.settings.middleware) - 1; i >= 0; i-- {
		next = c.settings.middleware[i](next)
	}
	result, err := next(ctx, &Call{Action: c.action, Args: args, Request: c.scope.r})
	h.server.applyRevalidations(ctx, c.scope)
	return result, err
}

// invoke calls the Go function. A panic becomes an error, so it answers
// like any unexpected error instead of killing the connection.
func (a *Action) invoke(ctx context.Context, c *Call) (result any, err error) {
	if len(c.Args) != len(a.params) {
		return nil, fmt.Errorf("actions: %s takes %d arguments after the context, middleware passed %d", a.name, len(a.params), len(c.Args))
	}
	in := make([]reflect.Value, 1+len(c.Args))
	in[0] = reflect.ValueOf(&ctx).Elem()
	for i, arg := range c.Args {
		v := reflect.ValueOf(arg)
		if !v.IsValid() {
			v = reflect.Zero(a.params[i])
		}
		if !v.Type().AssignableTo(a.params[i]) {
			return nil, fmt.Errorf("actions: %s: middleware passed %s for parameter %d, which is %s", a.name, v.Type(), i+1, a.params[i])
		}
		in[1+i] = v
	}
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{value: p, stack: debug.Stack()}
		}
	}()
	out := a.fn.Call(in)
	if e := out[len(out)-1]; !e.IsNil() {
		return nil, e.Interface().(error)
	}
	if a.result == nil {
		return nil, nil
	}
	return out[0].Interface(), nil
}

type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("actions: the action panicked: %v", p.value) }

// logCall writes the one line per call, and the detail of an unexpected
// error under its correlation id. It hands the record to the handler
// itself rather than through Logger.LogAttrs, which would ask the handler
// again whether it is enabled and look up the caller's program counter on
// every call, for a source location that would always be this function;
// and the duration and the record share one reading of the clock.
func (s *Server) logCall(r *http.Request, c *call, status int, outcome string, werr *wireError, cause error) {
	level := slog.LevelInfo
	if werr != nil && werr.Code == CodeInternal {
		level = slog.LevelError
	}
	ctx := r.Context()
	h := s.logger.Handler()
	if !h.Enabled(ctx, level) {
		return
	}
	now := time.Now()
	rec := slog.NewRecord(now, level, "action", 0)
	rec.AddAttrs(
		slog.String("action", c.action.name),
		slog.String("transport", c.transport),
		slog.Int("status", status),
		slog.String("outcome", outcome),
		slog.Duration("duration", now.Sub(c.start)),
	)
	if level == slog.LevelError {
		rec.AddAttrs(slog.String("id", werr.Correlation))
		if cause != nil {
			rec.AddAttrs(slog.String("error", cause.Error()))
		}
		if p, ok := cause.(*panicError); ok {
			rec.AddAttrs(slog.String("stack", string(p.stack)))
		}
	}
	_ = h.Handle(ctx, rec) // a handler's failure is its own to report
}
