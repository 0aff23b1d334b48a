package flight_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// boundRef is the server reference both round trips send: Go writes it as
// rows, React's client turns it into a callable and sends it back.
func boundRef() *flight.ServerRef {
	return &flight.ServerRef{ID: "actions#greet", Bound: []any{"user-7", 42.0, map[string]any{"k": []any{true}}}}
}

type serverRefReport struct {
	Replies []struct {
		Build string   `json:"build"`
		Body  nodeBody `json:"body"`
	} `json:"replies"`
	Forms []struct {
		Build  string      `json:"build"`
		Name   string      `json:"name"`
		Fields []nodeField `json:"fields"`
	} `json:"forms"`
}

// runServerRef encodes boundRef as rows and runs server-ref.mjs on them.
func runServerRef(tb testing.TB) serverRefReport {
	tb.Helper()
	var rows bytes.Buffer
	if err := flight.EncodeRows(&rows, map[string]any{"action": boundRef()}); err != nil {
		tb.Fatalf("EncodeRows: %v", err)
	}
	out := runNode(tb, "server-ref.mjs", mustJSON(tb, map[string]string{
		"rows": base64.StdEncoding.EncodeToString(rows.Bytes()),
	}), false)
	var report serverRefReport
	if err := json.Unmarshal(out, &report); err != nil {
		tb.Fatalf("server-ref.mjs printed something that is not its JSON report: %v\n%s", err, out)
	}
	if len(report.Replies) == 0 || len(report.Forms) == 0 {
		tb.Fatalf("server-ref.mjs reported nothing:\n%s", out)
	}
	return report
}

// TestBoundServerReferenceRoundTrip sends a bound reference to React's
// client and checks that the reply React makes when passing it back decodes
// to the same id and bound arguments.
func TestBoundServerReferenceRoundTrip(t *testing.T) {
	for _, r := range runServerRef(t).Replies {
		t.Run("the "+r.Build+" client sends it back intact", func(t *testing.T) {
			body, contentType := r.Body.request(t)
			got, err := flight.DecodeReply(bytes.NewReader(body), contentType, flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeReply refused React's reply: %v\nbody:\n%s", err, body)
			}
			if diffs := diffValue("root", []any{boundRef()}, got); len(diffs) > 0 {
				t.Errorf("round trip changed the reference\nbody:\n%s\ndifferences:\n  %s", body, strings.Join(diffs, "\n  "))
			}
		})
	}
}

// TestReactFormActionDecodes posts the hidden fields React renders for
// <form action={boundRef}>, plus a user field, to DecodeAction, and checks
// that Go's EncodeFormAction writes the same fields React does.
func TestReactFormActionDecodes(t *testing.T) {
	for _, f := range runServerRef(t).Forms {
		t.Run("a form rendered with the "+f.Build+" client decodes", func(t *testing.T) {
			// The marker input has an empty value, as React renders it.
			fields := append([]nodeField{{Name: f.Name}}, f.Fields...)
			fields = append(fields, nodeField{Name: "title", Value: "hello"})
			body, contentType := nodeMultipartBody(t, fields)
			got, err := flight.DecodeAction(bytes.NewReader(body), contentType, flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeAction refused React's form: %v\nbody:\n%s", err, body)
			}
			want := boundRef()
			if got.ID != want.ID || !got.Ref || got.Key != "" {
				t.Errorf("got ID %q Ref %v Key %q, want ID %q Ref true Key \"\"", got.ID, got.Ref, got.Key, want.ID)
			}
			if diffs := diffValue("bound", want.Bound, got.Bound); len(diffs) > 0 {
				t.Errorf("bound arguments differ:\n  %s", strings.Join(diffs, "\n  "))
			}
			wantForm := &flight.FormData{Entries: []flight.FormEntry{{Name: "title", Value: "hello"}}}
			if diffs := diffValue("form", wantForm, got.Form); len(diffs) > 0 {
				t.Errorf("user fields differ:\n  %s", strings.Join(diffs, "\n  "))
			}
		})
		t.Run("Go's EncodeFormAction matches the "+f.Build+" client's fields", func(t *testing.T) {
			want := map[string]string{f.Name: ""}
			for _, fl := range f.Fields {
				want[fl.Name] = fl.Value
			}
			ref := boundRef()
			got, err := flight.EncodeFormAction(ref.ID, ref.Bound, "P1")
			if err != nil {
				t.Fatalf("EncodeFormAction: %v", err)
			}
			gotMap := map[string]string{}
			for _, fl := range got {
				gotMap[fl.Name] = fl.Value
			}
			// Part order differs between React's own builds, so compare as sets.
			if diffs := diffObject("fields", toAny(want), toAny(gotMap)); len(diffs) > 0 {
				t.Errorf("EncodeFormAction differs from React:\n  %s", strings.Join(diffs, "\n  "))
			}
		})
	}
}

func toAny(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
