package actions

import (
	"fmt"
	"time"
)

// An Option configures one action (in [Register]) or the routes a
// middleware serves (in [Server.Route]). Options given to an action win
// over the route's, which win over [Options]. Some options only make sense
// for actions ([Name], [Bound], [SealExpiry]); passing them to Route
// panics.
type Option interface {
	apply(*settings, target)
}

type target int

const (
	forAction target = iota
	forRoute
)

// settings are the knobs an action or a route may override.
type settings struct {
	name         string
	bound        int
	sealExpiry   time.Duration
	maxDuration  time.Duration
	maxBodyBytes int64
	middleware   []Middleware
	parallel     bool
}

type optionFunc func(*settings, target)

func (f optionFunc) apply(s *settings, t target) { f(s, t) }

func actionOnly(option string, f func(*settings)) Option {
	return optionFunc(func(s *settings, t target) {
		if t != forAction {
			panic(fmt.Sprintf("actions: %s applies to an action, not a route", option))
		}
		f(s)
	})
}

// Name sets the action's name, which its id is derived from. The default is
// the function's package path and name ("example.com/app/posts.create"),
// which is stable as long as the function is not renamed or moved; set a
// name to keep ids (and so the pages open in users' browsers) working across
// such refactorings. Functions without a stable name of their own (function
// literals) need one.
func Name(name string) Option {
	return actionOnly("Name", func(s *settings) { s.name = name })
}

// Bound declares that the action's first n parameters after the context
// are set by the server with [Action.Bind] and never by the client: they
// travel sealed (encrypted and authenticated), and a call that does not
// carry a valid seal for them is refused with 400. This is what makes it
// safe to bind a user id or a version number into a page.
func Bound(n int) Option {
	return actionOnly("Bound", func(s *settings) { s.bound = n })
}

// SealExpiry makes the sealed bound arguments of the action's references
// expire d after they were made (rendered into a page). A page older than
// that gets a 400 and must be reloaded. The default is no expiry.
func SealExpiry(d time.Duration) Option {
	return actionOnly("SealExpiry", func(s *settings) { s.sealExpiry = d })
}

// Parallel marks an action safe to run alongside others from one page: the
// browser runtime sends its calls at once instead of queueing them behind
// the page's other actions (one at a time is the default, React's model,
// so that results arrive in the order the user acted). Mark actions whose
// order does not matter, such as a view counter.
func Parallel() Option {
	return actionOnly("Parallel", func(s *settings) { s.parallel = true })
}

// MaxDuration bounds how long an action may run: it becomes the deadline of
// the action's context (Next.js's maxDuration). Zero means no limit beyond
// the client's patience: a client that disconnects cancels the context.
func MaxDuration(d time.Duration) Option {
	return optionFunc(func(s *settings, _ target) { s.maxDuration = d })
}

// MaxBodyBytes sets the largest request body accepted, enforced while
// reading; a larger one gets 413. The default is [DefaultMaxBodyBytes].
// Raise it for actions that take file uploads.
func MaxBodyBytes(n int64) Option {
	return optionFunc(func(s *settings, _ target) { s.maxBodyBytes = n })
}

// Use runs middleware around the action (or every action of a route), inside
// the server's own [Options.Use] middleware. The first runs outermost.
func Use(mw ...Middleware) Option {
	return optionFunc(func(s *settings, _ target) { s.middleware = append(s.middleware, mw...) })
}

// override returns s with every knob o sets replacing s's.
func (s settings) override(o settings) settings {
	if o.maxDuration != 0 {
		s.maxDuration = o.maxDuration
	}
	if o.maxBodyBytes != 0 {
		s.maxBodyBytes = o.maxBodyBytes
	}
	s.middleware = append(append([]Middleware(nil), s.middleware...), o.middleware...)
	return s
}
