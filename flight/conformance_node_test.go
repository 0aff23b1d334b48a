package flight_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// reactDir holds package.json, the pinned lock file and the node scripts that
// run React's real client. node_modules there is installed by
// ./scripts/test.sh (npm ci), never by the tests themselves.
const reactDir = "testdata/react"

// nodeTimeout bounds one node process; each test runs node once with every
// case batched, so a hang fails the test instead of stalling go test.
const nodeTimeout = 20 * time.Second

// requireReact fails the test (never skips it) when node or React's packages
// are missing: a conformance suite that silently does not run proves nothing.
func requireReact(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		tb.Fatalf("node is not installed: run ./scripts/test.sh, which installs them")
	}
	pkg := filepath.Join(reactDir, "node_modules", "react-server-dom-webpack", "package.json")
	if _, err := os.Stat(pkg); err != nil {
		tb.Fatalf("React's packages are not installed in flight/%s/node_modules: run ./scripts/test.sh, which installs them", reactDir)
	}
}

// runNode runs one script in reactDir with stdin and returns its stdout. A
// non-zero exit fails the test unless allowFail is set, in which case the
// caller reads the script's own per-case report.
func runNode(tb testing.TB, script string, stdin []byte, allowFail bool) []byte {
	tb.Helper()
	requireReact(tb)
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script)
	cmd.Dir = reactDir
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		tb.Fatalf("node %s: timed out after %v\nstderr:\n%s", script, nodeTimeout, stderr.String())
	}
	var exit *exec.ExitError
	if err != nil && !(allowFail && errors.As(err, &exit)) {
		tb.Fatalf("node %s: %v\nstderr:\n%s", script, err, stderr.String())
	}
	return stdout.Bytes()
}

// nodeBody is a request body as the node scripts describe it: either the
// text of a string reply or the FormData entries in order. Error is set when
// React itself threw, which is a bug in the battery.
type nodeBody struct {
	Text      *string     `json:"text"`
	Multipart []nodeField `json:"multipart"`
	Error     string      `json:"error"`
}

type nodeField struct {
	Name  string    `json:"name"`
	Value string    `json:"value"`
	File  *nodeFile `json:"file"`
}

type nodeFile struct {
	Name   string `json:"name"`
	Type   string `json:"type"`
	Base64 string `json:"base64"`
}

// request rebuilds the HTTP body a browser would send for b: text/plain for a
// string reply, multipart/form-data otherwise. A file part without a type
// gets application/octet-stream, as browsers and node's fetch write it.
func (b nodeBody) request(tb testing.TB) (body []byte, contentType string) {
	tb.Helper()
	if b.Error != "" {
		tb.Fatalf("React's encodeReply threw on this case (a bug in encode-battery.mjs):\n%s", b.Error)
	}
	if b.Text != nil {
		return []byte(*b.Text), "text/plain;charset=UTF-8"
	}
	return nodeMultipartBody(tb, b.Multipart)
}

var quoteEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func nodeMultipartBody(tb testing.TB, fields []nodeField) ([]byte, string) {
	tb.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		if f.File == nil {
			if err := w.WriteField(f.Name, f.Value); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		data, err := base64.StdEncoding.DecodeString(f.File.Base64)
		if err != nil {
			tb.Fatalf("field %q: bad base64 from node: %v", f.Name, err)
		}
		typ := f.File.Type
		if typ == "" {
			typ = "application/octet-stream"
		}
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
			quoteEscaper.Replace(f.Name), quoteEscaper.Replace(f.File.Name)))
		h.Set("Content-Type", typ)
		part, err := w.CreatePart(h)
		if err != nil {
			tb.Fatal(err)
		}
		part.Write(data)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), w.FormDataContentType()
}

// mustJSON marshals v or fails the test.
func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// rowsCase is one Go-encoded Flight payload handed to a node script.
type rowsCase struct {
	Name string `json:"name"`
	Rows string `json:"rows"` // base64 of EncodeRows' output
}

// nodeResult is a node script's verdict on one case.
type nodeResult struct {
	Name  string `json:"name"`
	Build string `json:"build"`
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}
