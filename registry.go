package actions

import (
	"fmt"
	"sort"
	"sync"
)

// A Registry is a set of actions, looked up by id when a call arrives. Most
// programs use [DefaultRegistry] through [Register]; tests and programs that
// serve several independent apps make their own with [NewRegistry].
// A Registry is safe for concurrent use.
type Registry struct {
	mu    sync.RWMutex
	byID  map[string]*Action
	names map[string]*Action
	keys  keyRing
	// version counts additions, so what is built from the set (the actions
	// module) knows when to build again.
	version int
}

// DefaultRegistry is the registry [Register] adds to and a [Server] serves
// when its Options name no other.
var DefaultRegistry = NewRegistry()

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{byID: map[string]*Action{}, names: map[string]*Action{}}
}

// Register makes fn a server action in [DefaultRegistry]. Call it once per
// action, at package level, the Go form of a 'use server' file:
//
//	var CreatePost = actions.Register(createPost)
//
//	func createPost(ctx context.Context, form *actions.FormData) (Post, error) { … }
//
// fn must be func(ctx context.Context, args...) (R, error) or
// func(ctx context.Context, args...) error. Every argument is decoded from
// what the client sent: Go types as [flight.Unmarshal] documents them; a
// *[FormData] for a form's fields; or a struct that a posted form is decoded
// into by field name.
//
// Register panics, with a message saying what is wrong, when fn's
// signature is not an action's or an action of the same name exists: both
// are mistakes in the program, found when it starts.
func Register(fn any, opts ...Option) *Action {
	return DefaultRegistry.Register(fn, opts...)
}

// Register makes fn a server action in r; see the package-level [Register].
func (r *Registry) Register(fn any, opts ...Option) *Action {
	a, err := newAction(fn, opts)
	if err == nil {
		err = r.add(a)
	}
	if err != nil {
		panic(err)
	}
	return a
}

func (r *Registry) add(a *Action) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.names[a.name]; dup {
		return fmt.Errorf("actions: an action named %s is already registered; pass actions.Name to tell them apart", a.name)
	}
	if other, dup := r.byID[a.id]; dup {
		return fmt.Errorf("actions: actions %s and %s have the same id", a.name, other.name)
	}
	a.registry = r
	r.version++
	r.byID[a.id] = a
	r.names[a.name] = a
	return nil
}

// Lookup returns the action with the given id.
func (r *Registry) Lookup(id string) (*Action, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	a, ok := r.byID[id]
	return a, ok
}

// Actions returns every registered action, sorted by name.
func (r *Registry) Actions() []*Action {
	r.mu.RLock()
	list := make([]*Action, 0, len(r.byID))
	for _, a := range r.byID {
		list = append(list, a)
	}
	r.mu.RUnlock()
	sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
	return list
}

func (r *Registry) currentVersion() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.version
}
