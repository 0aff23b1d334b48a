package flight_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

type tr = flight.TemporaryRef

// tempRefCase is one case of testdata/react/temp-refs.mjs: what DecodeReply
// must make of React's reply, and the answer Go sends back built from the
// decoded temporary references.
type tempRefCase struct {
	// want is the decoded reply. The ids are those React's own server
	// (decodeReply with a temporary reference set) gives the same values,
	// checked with react-server-dom-webpack 19.3.1: the value's path of
	// part id and keys, e.g. "0:1:user", or "1:0:1" inside a Map's part 1.
	want any
	// answer builds the result from the decoded reply, reusing its refs.
	answer func(got any) any
}

func tempRefCases() map[string]tempRefCase {
	return map[string]tempRefCase{
		// [onSelect, {user, list: [1, onPick], view: <b/>, plain}, top]
		"inline reply": {
			want: []any{
				tr{ID: "0:0"},
				map[string]any{
					"user":  tr{ID: "0:1:user"},
					"list":  []any{1.0, tr{ID: "0:1:list:1"}},
					"view":  tr{ID: "0:1:view"},
					"plain": "kept",
				},
				tr{ID: "0:2"},
			},
			answer: func(got any) any {
				args := got.([]any)
				obj := args[1].(map[string]any)
				return map[string]any{
					"echo":  args[0],
					"again": []any{obj["list"].([]any)[1], obj["user"]},
					"view":  obj["view"],
					"top":   args[2],
					"note":  "from Go",
				}
			},
		},
		// [new Map([["cb", onSave], ["owner", owner]]), {deep: {cb: onDeep}}]
		"reply with a Map part": {
			want: []any{
				&flight.Map{Entries: []flight.MapEntry{
					{Key: "cb", Value: tr{ID: "1:0:1"}},
					{Key: "owner", Value: tr{ID: "1:1:1"}},
				}},
				map[string]any{"deep": map[string]any{"cb": tr{ID: "0:1:deep:cb"}}},
			},
			answer: func(got any) any {
				args := got.([]any)
				m := args[0].(*flight.Map)
				cb, _ := m.Get("cb")
				owner, _ := m.Get("owner")
				return map[string]any{
					"handlers": &flight.Map{Entries: []flight.MapEntry{{Key: "save", Value: cb}}},
					"owner":    owner,
					"deep":     args[1].(map[string]any)["deep"].(map[string]any)["cb"],
				}
			},
		},
	}
}

// TestTemporaryReferencesRoundTrip sends client-only values (functions,
// class instances, a React element) through React's encodeReply with a
// temporary reference set, decodes the reply with flight.DecodeReply, echoes
// the temporary references in a result written by flight.EncodeRows, and has
// React's client, production and development builds, decode that result
// with the same set: each value must come back as the client's own object.
func TestTemporaryReferencesRoundTrip(t *testing.T) {
	cases := tempRefCases()
	node := startNode(t, nodeRun{script: "temp-refs.mjs"})
	var replies struct {
		Replies []struct {
			Name  string   `json:"name"`
			Build string   `json:"build"`
			Body  nodeBody `json:"body"`
		} `json:"replies"`
	}
	line := node.readLine()
	if err := json.Unmarshal(line, &replies); err != nil {
		t.Fatalf("temp-refs.mjs printed something that is not its replies: %v\n%s", err, line)
	}
	if len(replies.Replies) != 2*len(cases) {
		t.Fatalf("temp-refs.mjs sent %d replies, want one per case and build (%d)", len(replies.Replies), 2*len(cases))
	}

	type rowsOut struct {
		Name  string `json:"name"`
		Build string `json:"build"`
		Rows  string `json:"rows"`
	}
	var rows []rowsOut
	for _, r := range replies.Replies {
		c, ok := cases[r.Name]
		if !ok {
			t.Fatalf("temp-refs.mjs has a case %q the Go test does not know", r.Name)
		}
		t.Run("Go finds React's ids in the "+r.Build+" client's "+r.Name, func(t *testing.T) {
			body, contentType := r.Body.request(t)
			got, err := flight.DecodeReply(bytes.NewReader(body), contentType, flight.Limits{})
			if err != nil {
				t.Fatalf("DecodeReply refused React's reply: %v\nbody:\n%s", err, body)
			}
			if diffs := diffValue("root", c.want, got); len(diffs) > 0 {
				t.Fatalf("decoded reply differs\nbody:\n%s\ndifferences:\n  %s", body, strings.Join(diffs, "\n  "))
			}
			var buf bytes.Buffer
			if err := flight.EncodeRows(&buf, c.answer(got)); err != nil {
				t.Fatalf("EncodeRows: %v", err)
			}
			rows = append(rows, rowsOut{Name: r.Name, Build: r.Build, Rows: base64.StdEncoding.EncodeToString(buf.Bytes())})
		})
	}

	line = node.finish(append(mustJSON(t, map[string]any{"rows": rows}), '\n'))
	var report struct {
		Results []nodeResult `json:"results"`
	}
	if err := json.Unmarshal(line, &report); err != nil {
		t.Fatalf("temp-refs.mjs printed something that is not its JSON report: %v\n%s", err, line)
	}
	sent := map[string]string{}
	for _, r := range rows {
		raw, _ := base64.StdEncoding.DecodeString(r.Rows)
		sent[r.Build+"/"+r.Name] = string(raw)
	}
	if len(report.Results) != len(replies.Replies) {
		t.Errorf("temp-refs.mjs judged %d cases, want %d", len(report.Results), len(replies.Replies))
	}
	for _, r := range report.Results {
		t.Run("the "+r.Build+" client gets its own objects back from "+r.Name, func(t *testing.T) {
			if !r.OK {
				t.Errorf("%s\nGo's rows:\n%s", r.Error, sent[r.Build+"/"+r.Name])
			}
		})
	}
}
