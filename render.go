package actions

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/goactions/actions/flight"
)

// A Component renders HTML. It has the method set of templ's Component, so
// the values below work in templ templates (@actions.FormFields(CreatePost))
// without this package importing templ.
type Component interface {
	Render(ctx context.Context, w io.Writer) error
}

// html is a rendered fragment: a Component, and template.HTML for
// html/template.
type html string

func (h html) Render(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, string(h))
	return err
}

// errComponent renders nothing and fails with its error.
type errComponent struct{ err error }

func (e errComponent) Render(context.Context, io.Writer) error { return e.err }

// FormAttrs returns the attributes of a <form> that posts to an action:
// method post and multipart encoding, as React renders them. With no
// action attribute the form posts to the page's own URL, where the
// middleware runs the action. For templ's spread syntax, convert the map
// to templ.Attributes (a map[string]any with the method templ's spread
// wants, which this package cannot name without importing templ):
//
//	<form { templ.Attributes(actions.FormAttrs())... } id="new-post">
func FormAttrs() map[string]any {
	return map[string]any{"method": "post", "enctype": "multipart/form-data"}
}

// FormFields renders the hidden inputs that name the action a form posts
// to: target is an *Action, or a *Ref whose bound arguments are sealed
// into the fields. Put them first in the form.
func FormFields(target any) Component {
	s, err := formFields(target, false)
	if err != nil {
		return errComponent{err}
	}
	return html(s)
}

// ButtonAttrs returns the attributes of a submit button that posts its
// form to its own action (Save draft / Publish: React's formAction), for
// templ's spread syntax as [FormAttrs]'s are. A bound action's hidden
// inputs go inside the button: [ButtonFields].
//
//	<button { templ.Attributes(actions.ButtonAttrs(publish))... }>
//		Publish
//		@actions.ButtonFields(publish)
//	</button>
func ButtonAttrs(target any) map[string]any {
	name, err := buttonName(target)
	if err != nil {
		return map[string]any{"data-action-error": err.Error()}
	}
	return map[string]any{"type": "submit", "name": name, "formmethod": "post", "formenctype": "multipart/form-data"}
}

// ButtonFields renders, for a *Ref, the hidden inputs of the button's
// bound action; nothing for an *Action.
func ButtonFields(target any) Component {
	s, err := formFields(target, true)
	if err != nil {
		return errComponent{err}
	}
	return html(s)
}

// statusRegion is where the runtime announces what a page cannot show
// itself (a network failure, an unexpected error): visible, and read out
// by screen readers.
const statusRegion = `<div data-actions-status role="status" aria-live="polite"></div>`

// Status renders the region where the runtime announces network failures
// and unexpected errors. Without one on the page, the runtime adds a
// visually hidden region that only screen readers announce; place this one
// where sighted users look.
func Status() Component { return html(statusRegion) }

// Script renders the runtime's <script type="module"> tag, with nonce for
// a Content-Security-Policy (empty: none).
func (s *Server) Script(nonce string) Component {
	return html(s.scriptTag(nonce))
}

func (s *Server) scriptTag(nonce string) string {
	tag := `<script type="module" src="` + template.HTMLEscapeString(s.RuntimeURL()) + `"`
	if nonce != "" {
		tag += ` nonce="` + template.HTMLEscapeString(nonce) + `"`
	}
	return tag + `></script>`
}

// FuncMap returns functions for html/template pages:
//
//	<form {{actionForm}}>{{actionFields .CreatePost}} … </form>
//	<button {{actionButton .Publish}}>Publish{{actionButtonFields .Publish}}</button>
//	{{actionsScript .Nonce}} {{actionsStatus}}
//	<script type="module">import { like } from "{{actionsModule "like"}}"; …</script>
//
// actionsModule takes the names a page imports and gives the URL of a
// module exporting those only; with none, of one exporting every action
// (see [Server.ModuleURL]).
//
// .CreatePost is an *Action or a *Ref (a bound action, sealed into the
// fields). Accessors for a page rendered after a submission are the
// methods of [Submission] (FieldError, Value, Message): pass
// SubmissionFrom(r.Context()) to the template.
func (s *Server) FuncMap() template.FuncMap {
	return template.FuncMap{
		"actionForm": func() template.HTMLAttr {
			return `method="post" enctype="multipart/form-data"`
		},
		"actionFields": func(target any) (template.HTML, error) {
			f, err := formFields(target, false)
			return template.HTML(f), err
		},
		"actionButton": func(target any) (template.HTMLAttr, error) {
			name, err := buttonName(target)
			return template.HTMLAttr(`type="submit" name="` + template.HTMLEscapeString(name) + `" formmethod="post" formenctype="multipart/form-data"`), err
		},
		"actionButtonFields": func(target any) (template.HTML, error) {
			f, err := formFields(target, true)
			return template.HTML(f), err
		},
		"actionsScript": func(nonce string) template.HTML { return template.HTML(s.scriptTag(nonce)) },
		"actionsStatus": func() template.HTML { return statusRegion },
		"actionsModule": func(names ...string) string { return s.ModuleURL(names...) },
	}
}

// formFields renders the hidden inputs for target. For a button, an
// unbound action needs none (its name says it all).
func formFields(target any, button bool) (string, error) {
	id, bound, prefix, err := actionTarget(target)
	if err != nil {
		return "", err
	}
	if button && bound == nil {
		return "", nil
	}
	fields, err := flight.EncodeFormAction(id, bound, prefix)
	if err != nil {
		return "", err
	}
	if button {
		fields = fields[1:] // the button itself is named $ACTION_REF_<prefix>
	}
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(`<input type="hidden" name="`)
		b.WriteString(template.HTMLEscapeString(f.Name))
		b.WriteString(`" value="`)
		b.WriteString(template.HTMLEscapeString(f.Value))
		b.WriteString(`">`)
	}
	return b.String(), nil
}

func buttonName(target any) (string, error) {
	id, bound, prefix, err := actionTarget(target)
	if err != nil {
		return "", err
	}
	if bound == nil {
		return "$ACTION_ID_" + id, nil
	}
	return "$ACTION_REF_" + prefix, nil
}

// actionTarget is the id, the sealed bound arguments (nil when unbound) and
// a field prefix unique in the page for an *Action or a *Ref.
func actionTarget(target any) (id string, bound []any, prefix string, err error) {
	switch t := target.(type) {
	case *Action:
		if t.settings.bound > 0 {
			return "", nil, "", fmt.Errorf("actions: %s declares Bound(%d): render %s.Bind(…)", t.name, t.settings.bound, t.name)
		}
		return t.id, nil, "", nil
	case *Ref:
		token, err := t.Seal()
		if err != nil {
			return "", nil, "", err
		}
		return t.action.id, []any{token}, t.prefix, nil
	}
	return "", nil, "", fmt.Errorf("actions: a form needs an *actions.Action or *actions.Ref, not %T", target)
}

// refPrefix names a bound action's fields. It must differ between the
// forms and buttons of one page, which share no state while they render:
// 40 random bits make a clash on one page as good as impossible.
func refPrefix() string {
	var b [5]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
