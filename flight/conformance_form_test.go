package flight_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"mime/multipart"
	"net/textproto"
	"regexp"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// This file checks the no-JavaScript path of useActionState end to end:
// react-dom/server renders a real form (testdata/react/form-render.mjs), the
// test posts it as a browser would, and flight.DecodeAction must read the
// post as React's own decodeAction and decodeFormState do
// (testdata/react/form-decode.mjs) on the very same bytes.

// formControl is one <input>, <button> or <form> start tag of the rendered
// HTML, attribute values unescaped.
type formControl struct {
	tag   string
	attrs map[string]string
}

// React's server renderer writes every attribute as name="value", with the
// value escaped (& < > " '), so a value never holds '"' or '>' and these
// expressions see whole tags. That is all this needs; it is no HTML parser.
var (
	controlTag = regexp.MustCompile(`<(form|input|button)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*/?>`)
	controlAtt = regexp.MustCompile(`\s+([^\s"'>/=]+)(?:="([^"]*)")?`)
)

// formControls lists the form, input and button tags of doc in document order.
func formControls(tb testing.TB, doc string) []formControl {
	tb.Helper()
	var out []formControl
	for _, m := range controlTag.FindAllStringSubmatch(doc, -1) {
		c := formControl{tag: m[1], attrs: map[string]string{}}
		for _, a := range controlAtt.FindAllStringSubmatch(m[2], -1) {
			name := strings.ToLower(a[1])
			if _, dup := c.attrs[name]; dup {
				tb.Fatalf("attribute %q twice in %s", name, m[0])
			}
			c.attrs[name] = html.UnescapeString(a[2])
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		tb.Fatalf("no form controls in the rendered HTML:\n%s", doc)
	}
	return out
}

// submission is what the simulated user did before the form was sent.
type submission struct {
	typed     map[string]string       // text inputs, by name
	files     map[string]*flight.File // file inputs, by name; nil = none chosen
	submitter string                  // the text of the button pressed
}

// post builds the body a browser sends for the form (HTML's "constructing
// the entry list", for the controls this form has): every named control in
// tree order; a hidden input with its value; a text input with what was
// typed; a file input with the chosen file, or, with none chosen, an empty
// file part with an empty filename and application/octet-stream; a button
// only when it is the submitter and has a name.
func post(tb testing.TB, controls []formControl, labels map[int]string, s submission) (body []byte, contentType string, sent []nodeField) {
	tb.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	submitted := false
	for i, c := range controls {
		name, named := c.attrs["name"]
		switch {
		case c.tag == "form":
			continue
		case c.tag == "button":
			if labels[i] != s.submitter {
				continue
			}
			submitted = true
			if !named {
				continue
			}
			sent = append(sent, nodeField{Name: name, Value: c.attrs["value"]})
			if err := w.WriteField(name, c.attrs["value"]); err != nil {
				tb.Fatal(err)
			}
		case c.attrs["type"] == "file":
			f := s.files[name]
			if f == nil {
				f = &flight.File{Type: "application/octet-stream"}
			}
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
				quoteEscaper.Replace(name), quoteEscaper.Replace(f.Name)))
			h.Set("Content-Type", f.Type)
			part, err := w.CreatePart(h)
			if err != nil {
				tb.Fatal(err)
			}
			part.Write(f.Data)
			sent = append(sent, nodeField{Name: name, File: &nodeFile{Name: f.Name, Type: f.Type, Base64: base64.StdEncoding.EncodeToString(f.Data)}})
		default:
			if !named {
				continue
			}
			value := c.attrs["value"]
			if c.attrs["type"] != "hidden" {
				if typed, ok := s.typed[name]; ok {
					value = typed
				}
			}
			sent = append(sent, nodeField{Name: name, Value: value})
			if err := w.WriteField(name, value); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if !submitted {
		tb.Fatalf("no button %q in the rendered form", s.submitter)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), w.FormDataContentType(), sent
}

// buttonLabels maps each button's index in controls to its text, read from
// the HTML between the button's start and end tags.
func buttonLabels(tb testing.TB, doc string, controls []formControl) map[int]string {
	tb.Helper()
	texts := regexp.MustCompile(`<button\b[^>]*>([^<]*)</button>`).FindAllStringSubmatch(doc, -1)
	labels := map[int]string{}
	n := 0
	for i, c := range controls {
		if c.tag != "button" {
			continue
		}
		if n >= len(texts) {
			tb.Fatalf("button %d has no text in the HTML", n)
		}
		labels[i] = html.UnescapeString(texts[n][1])
		n++
	}
	return labels
}

// reactFormResult is form-decode.mjs's verdict on one posted body.
type reactFormResult struct {
	Name      string      `json:"name"`
	ID        *string     `json:"id"`
	Bound     []any       `json:"bound"`
	Form      []nodeField `json:"form"`
	FormState []any       `json:"formState"` // [key, id, boundCount] or null
	Error     string      `json:"error"`
}

// formCase is one way of submitting the rendered form, with what Go must
// make of it.
type formCase struct {
	submit    submission
	wantID    string
	wantBound []any // nil: an unbound action
	wantRef   bool
	wantState *flight.FormState // nil: FormState() must say no
}

// TestUseActionStateFormFromServerRender renders a useActionState form with
// react-dom/server (production), reads its hidden inputs, posts it as a
// browser would for each submit button, and checks flight.DecodeAction and
// FormAction.FormState against the expectation and against React's own
// decodeAction and decodeFormState on the same bytes; it also checks that
// flight.EncodeFormAction writes the fields React rendered.
func TestUseActionStateFormFromServerRender(t *testing.T) {
	prod := []string{"NODE_ENV=production"}
	var rendered struct {
		HTML string `json:"html"`
	}
	out := runNodeWith(t, nodeRun{script: "form-render.mjs", env: prod}, nil)
	if err := json.Unmarshal(out, &rendered); err != nil {
		t.Fatalf("form-render.mjs printed something that is not its JSON: %v\n%s", err, out)
	}
	doc := rendered.HTML
	controls := formControls(t, doc)
	labels := buttonLabels(t, doc, controls)

	// What React rendered, read back: the form posts multipart to itself,
	// the bound reference's fields, the useActionState key, and the publish
	// button's name.
	if f := controls[0]; f.tag != "form" || f.attrs["enctype"] != "multipart/form-data" || f.attrs["method"] != "POST" || f.attrs["action"] != "" {
		t.Fatalf("want <form action=\"\" encType=\"multipart/form-data\" method=\"POST\">, got %v\n%s", f.attrs, doc)
	}
	var prefix, key, publishName string
	boundFields := map[string]string{} // the bound reference's fields, by name
	for _, c := range controls {
		name := c.attrs["name"]
		switch {
		case strings.HasPrefix(name, "$ACTION_REF_"):
			prefix = strings.TrimPrefix(name, "$ACTION_REF_")
			boundFields[name] = c.attrs["value"]
		case name == "$ACTION_KEY":
			key = c.attrs["value"]
		case strings.HasPrefix(name, "$ACTION_ID_"):
			publishName = name
		case strings.HasPrefix(name, "$ACTION_"):
			boundFields[name] = c.attrs["value"]
		}
	}
	if prefix == "" || key == "" || publishName == "" {
		t.Fatalf("the rendered form lacks $ACTION_REF_, $ACTION_KEY or the button's $ACTION_ID_:\n%s", doc)
	}

	// useActionState binds the previous state after the reference's own
	// bound arguments, so the form's action is save("user-7", 42, state, form).
	// The state is a struct so that EncodeFormAction writes its properties
	// in React's order (a Go map's keys come out sorted); decoded, it is an
	// object.
	type editorState struct {
		Saved int    `json:"saved"`
		Note  string `json:"note"`
	}
	const note = `a "quoted" & <tagged> note`
	saveBound := []any{"user-7", 42.0, map[string]any{"saved": 0.0, "note": note}}

	t.Run("EncodeFormAction writes the fields React rendered for the bound action", func(t *testing.T) {
		got, err := flight.EncodeFormAction("actions#save", []any{"user-7", 42, editorState{Note: note}}, prefix)
		if err != nil {
			t.Fatalf("EncodeFormAction: %v", err)
		}
		gotMap := map[string]string{}
		for _, f := range got {
			gotMap[f.Name] = f.Value
		}
		if len(gotMap) != len(got) {
			t.Errorf("EncodeFormAction wrote a field name twice: %v", got)
		}
		// React and Go may list the parts in another order; a form is read by name.
		if diffs := diffObject("fields", toAny(boundFields), toAny(gotMap)); len(diffs) > 0 {
			t.Errorf("EncodeFormAction differs from React's render:\n  %s\nHTML:\n%s", strings.Join(diffs, "\n  "), doc)
		}
	})
	t.Run("EncodeFormAction writes the name React gave the unbound button", func(t *testing.T) {
		got, err := flight.EncodeFormAction("actions#publish", nil, prefix)
		if err != nil {
			t.Fatalf("EncodeFormAction: %v", err)
		}
		if len(got) != 1 || got[0] != (flight.FormField{Name: publishName}) {
			t.Errorf("EncodeFormAction gives %q, React rendered the button's name %q with no value", got, publishName)
		}
	})

	notes := &flight.File{Name: "notes.txt", Type: "text/plain", Data: []byte("first line\r\nsecond ✓\n")}
	cases := map[string]formCase{
		"submitted normally, it runs the bound save action with the state key": {
			submit: submission{
				typed:     map[string]string{"title": `Hello <world> & "friends"`},
				files:     map[string]*flight.File{"attachment": notes},
				submitter: "Save (0)",
			},
			wantID:    "actions#save",
			wantBound: saveBound,
			wantRef:   true,
			wantState: &flight.FormState{Key: key, ID: "actions#save", BoundCount: len(saveBound) - 1},
		},
		"submitted with the publish button, it runs publish with no bound arguments": {
			submit:  submission{typed: map[string]string{"title": "Draft"}, submitter: "Publish"},
			wantID:  "actions#publish",
			wantRef: false,
			// React's decodeFormState reads the last $ACTION_REF_ field
			// whatever button was pressed, so the form's own hidden fields
			// still name save: the state of save's useActionState hook.
			wantState: &flight.FormState{Key: key, ID: "actions#save", BoundCount: len(saveBound) - 1},
		},
	}

	type posted struct {
		body        []byte
		contentType string
		sent        []nodeField
	}
	bodies := map[string]posted{}
	var reactIn []map[string]string
	for name, c := range cases {
		body, ct, sent := post(t, controls, labels, c.submit)
		bodies[name] = posted{body, ct, sent}
		reactIn = append(reactIn, map[string]string{"name": name, "contentType": ct, "body": base64.StdEncoding.EncodeToString(body)})
	}
	out = runNodeWith(t, nodeRun{script: "form-decode.mjs", nodeFlags: []string{"--conditions", "react-server"}, env: prod},
		mustJSON(t, map[string]any{"cases": reactIn}))
	var report struct {
		Results []reactFormResult `json:"results"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("form-decode.mjs printed something that is not its JSON report: %v\n%s", err, out)
	}
	react := map[string]reactFormResult{}
	for _, r := range report.Results {
		react[r.Name] = r
	}

	for name, c := range cases {
		t.Run("when the form is "+name, func(t *testing.T) {
			p := bodies[name]
			got, err := flight.DecodeAction(bytes.NewReader(p.body), p.contentType, flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeAction refused the post: %v\nbody:\n%s", err, p.body)
			}
			// The user's fields: everything posted that is not React's.
			var userFields []nodeField
			for _, f := range p.sent {
				if !strings.HasPrefix(f.Name, "$ACTION_") {
					userFields = append(userFields, f)
				}
			}
			wantForm := formDataOf(t, userFields)

			// Go against the expectation.
			if got.ID != c.wantID || got.Ref != c.wantRef || got.Key != key {
				t.Errorf("got ID %q Ref %v Key %q, want ID %q Ref %v Key %q", got.ID, got.Ref, got.Key, c.wantID, c.wantRef, key)
			}
			if diffs := diffValue("bound", nilIfEmpty(c.wantBound), nilIfEmpty(got.Bound)); len(diffs) > 0 {
				t.Errorf("bound arguments differ:\n  %s", strings.Join(diffs, "\n  "))
			}
			if diffs := diffValue("form", wantForm, got.Form); len(diffs) > 0 {
				t.Errorf("user fields differ:\n  %s", strings.Join(diffs, "\n  "))
			}
			state, ok := got.FormState()
			switch {
			case c.wantState == nil && ok:
				t.Errorf("FormState() = %+v, want none", state)
			case c.wantState != nil && (!ok || state != *c.wantState):
				t.Errorf("FormState() = %+v, %v; want %+v, true", state, ok, *c.wantState)
			}

			// Go against React, on the same bytes.
			r, found := react[name]
			if !found || r.Error != "" {
				t.Fatalf("React's decodeAction on this post: %s", r.Error)
			}
			if r.ID == nil || *r.ID != got.ID {
				t.Errorf("React ran action %v, Go decoded %q", r.ID, got.ID)
			}
			if diffs := diffValue("bound", nilIfEmpty(r.Bound), nilIfEmpty(got.Bound)); len(diffs) > 0 {
				t.Errorf("React and Go disagree on the bound arguments:\n  %s", strings.Join(diffs, "\n  "))
			}
			if diffs := diffValue("form", formDataOf(t, r.Form), got.Form); len(diffs) > 0 {
				t.Errorf("React and Go disagree on the user's fields:\n  %s", strings.Join(diffs, "\n  "))
			}
			if r.FormState == nil {
				if ok {
					t.Errorf("React's decodeFormState gives null, Go's FormState() gives %+v", state)
				}
			} else {
				reactState := fmt.Sprint(r.FormState)
				goState := fmt.Sprint([]any{state.Key, state.ID, float64(state.BoundCount)})
				if !ok || reactState != goState {
					t.Errorf("React's decodeFormState gives %v, Go's FormState() gives %v (ok=%v)", reactState, goState, ok)
				}
			}
		})
	}
}

// formDataOf turns posted fields into the FormData a decoder should give.
func formDataOf(tb testing.TB, fields []nodeField) *flight.FormData {
	tb.Helper()
	fd := &flight.FormData{}
	for _, f := range fields {
		if f.File == nil {
			fd.Append(f.Name, f.Value)
			continue
		}
		data, err := base64.StdEncoding.DecodeString(f.File.Base64)
		if err != nil {
			tb.Fatalf("field %q: bad base64: %v", f.Name, err)
		}
		fd.AppendFile(f.Name, &flight.File{Name: f.File.Name, Type: f.File.Type, Data: data})
	}
	return fd
}

// nilIfEmpty treats "no bound arguments" alike however it is spelled.
func nilIfEmpty(v []any) any {
	if len(v) == 0 {
		return nil
	}
	return v
}
