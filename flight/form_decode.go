package flight

import (
	"errors"
	"io"
	"strings"
)

// FormAction is a server action posted by an HTML form, as React's
// decodeAction reads it: which action, the arguments bound to it, and the
// user's own fields.
type FormAction struct {
	ID    string    // the action id
	Bound []any     // bound args from $ACTION_REF_ fields; nil for $ACTION_ID_
	Form  *FormData // the user's fields, every $ACTION_ field excluded
	Key   string    // the $ACTION_KEY value, "" when absent
	Ref   bool      // true when the chosen action came from $ACTION_REF_ rather than $ACTION_ID_

	// refState is set when a later $ACTION_ID_ field (a pressed button's
	// name) overrode an $ACTION_REF_: React's decodeFormState still reads
	// the last $ACTION_REF_, so FormState reports that action's id and
	// bound count.
	refState *FormState
}

// ErrNoAction is returned by [DecodeAction] when the form names no action.
var ErrNoAction = errors.New("flight: the form names no action")

// FormState is what React's decodeFormState returns besides the action's
// result: the useActionState key, the action id and the bound count as React
// counts it (bound arguments minus one).
type FormState struct {
	Key        string
	ID         string
	BoundCount int
}

// DecodeAction decodes a form posted to a server action, as React's
// decodeAction does: a multipart/form-data or
// application/x-www-form-urlencoded body whose last "$ACTION_ID_<id>" or
// "$ACTION_REF_<n>" field names the action. A REF action's id and bound
// arguments are a reply (see [DecodeReply]) in the fields prefixed
// "$ACTION_<n>:". Every field not starting with "$ACTION_" goes, in order,
// into Form. The call React makes is action(...Bound, Form).
//
// It returns [ErrNoAction] when no field names an action, and a
// *[DecodeError] for anything else it refuses.
func DecodeAction(body io.Reader, contentType string, limits Limits) (*FormAction, error) {
	lim := limits.withDefaults()
	fields, err := readBody(body, contentType, lim, false)
	if err != nil {
		return nil, err
	}
	a := &FormAction{Form: &FormData{}}
	actionField, refField, keySeen := "", "", false
	for _, f := range fields {
		name := f.Name
		if !strings.HasPrefix(name, "$ACTION_") {
			a.Form.Entries = append(a.Form.Entries, FormEntry{Name: name, Value: f.Value, File: f.File})
			continue
		}
		name = trimImageCoordinates(name)
		if strings.HasPrefix(name, "$ACTION_REF_") {
			refField = name
		}
		if strings.HasPrefix(name, "$ACTION_REF_") || strings.HasPrefix(name, "$ACTION_ID_") {
			actionField = name
		}
		// FormData.get gives the first value; a file is not a key.
		if name == "$ACTION_KEY" && !keySeen {
			keySeen = true
			if f.File == nil {
				a.Key = f.Value
			}
		}
	}
	if id, ok := strings.CutPrefix(actionField, "$ACTION_ID_"); ok {
		a.ID = id
		if keySeen && refField != "" {
			// Only decodeFormState reads these fields; as it cannot
			// report an error through FormState, invalid ones mean no state.
			if refID, bound, err := decodeBoundAction(fields, refField, lim); err == nil && bound != nil {
				a.refState = &FormState{Key: a.Key, ID: refID, BoundCount: len(bound) - 1}
			}
		}
		return a, nil
	}
	if actionField == "" {
		return nil, ErrNoAction
	}
	a.Ref = true
	if a.ID, a.Bound, err = decodeBoundAction(fields, actionField, lim); err != nil {
		return nil, err
	}
	return a, nil
}

// decodeBoundAction decodes the {id, bound} reply that the fields prefixed
// "$ACTION_<n>:" hold for the field refField, "$ACTION_REF_<n>".
func decodeBoundAction(fields []bodyField, refField string, lim Limits) (string, []any, error) {
	prefix := "$ACTION_" + strings.TrimPrefix(refField, "$ACTION_REF_") + ":"
	meta, err := decodeRoot(newPartSet(fields, prefix), lim)
	if err != nil {
		return "", nil, err
	}
	m, ok := meta.(map[string]any)
	if !ok {
		return "", nil, decodeErr(RuleType, prefix+"0", "bound action is %s, want an object {id, bound}", typeName(meta))
	}
	id, ok := m["id"].(string)
	if !ok {
		return "", nil, decodeErr(RuleType, prefix+"0", "bound action has no string id")
	}
	bound, bad := boundArgs(m["bound"], lim)
	if bad != nil {
		bad.Path = prefix + "0"
		return "", nil, bad
	}
	return id, bound, nil
}

// FormState reports what React's decodeFormState would: present only when
// the form has an $ACTION_KEY and an $ACTION_REF_ action with bound
// arguments (bound not null). ok is false otherwise. Like React, it reads the
// last $ACTION_REF_ even when a pressed button's $ACTION_ID_ chose another
// action: the state then belongs to the form's own (useActionState) action.
func (a *FormAction) FormState() (FormState, bool) {
	if a == nil || a.Key == "" {
		return FormState{}, false
	}
	if !a.Ref {
		if a.refState == nil {
			return FormState{}, false
		}
		return *a.refState, true
	}
	if a.Bound == nil {
		return FormState{}, false
	}
	return FormState{Key: a.Key, ID: a.ID, BoundCount: len(a.Bound) - 1}, true
}
