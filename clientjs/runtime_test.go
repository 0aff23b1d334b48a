package clientjs

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestRuntime runs the runtime's own unit tests, test/*.test.mjs, with
// Node's built-in test runner, so that go test ./... covers runtime.js too.
// They compare its codec with React 19's, installed by ./scripts/test.sh,
// and run the page code in Chromium, both the source and the minified copy.
func TestRuntime(t *testing.T) {
	node := lookNode(t)
	files, err := filepath.Glob(filepath.Join("test", "*.test.mjs"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test/*.test.mjs files (%v)", err)
	}
	goldens, _ := filepath.Glob(filepath.Join("..", "flight", "testdata", "rows", "*.rows"))
	helpers, _ := filepath.Glob(filepath.Join("test", "*.mjs"))
	readInputs(t, append(append(helpers, goldens...), "runtime.js", "runtime.min.js")...)
	out, err := exec.Command(node, append([]string{"--test"}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("node --test: %v\n%s", err, out)
	}
	if testing.Verbose() {
		t.Logf("%s", out)
	}
}

// TestMinifiedRuntimeIsCurrent makes runtime.min.js again from runtime.js
// in a temporary directory and fails when the committed copy differs: the
// Go package serves that copy, so an edit to runtime.js must regenerate it.
func TestMinifiedRuntimeIsCurrent(t *testing.T) {
	node := lookNode(t)
	readInputs(t, "runtime.js", "minify.mjs", "package-lock.json")
	if _, err := os.Stat(filepath.Join("node_modules", "terser", "package.json")); err != nil {
		t.Fatal("terser is not installed in clientjs/node_modules: run ./scripts/test.sh, which installs what the tests need")
	}
	fresh := filepath.Join(t.TempDir(), "runtime.min.js")
	if out, err := exec.Command(node, "minify.mjs", fresh).CombinedOutput(); err != nil {
		t.Fatalf("node minify.mjs: %v\n%s", err, out)
	}
	want, err := os.ReadFile(fresh)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("runtime.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("runtime.min.js is not runtime.js as minify.mjs minifies it now (%d bytes committed, %d made): run go generate ./clientjs and commit the result", len(got), len(want))
	}
}

func lookNode(tb testing.TB) string {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		tb.Fatal("node is not installed: run ./scripts/test.sh, which installs what the tests need")
	}
	return node
}

// readInputs reads the files a node process reads, so that go test's cache
// depends on them: it does not see what another process opens.
func readInputs(tb testing.TB, files ...string) {
	tb.Helper()
	for _, f := range files {
		if _, err := os.ReadFile(f); err != nil {
			tb.Fatal(err)
		}
	}
}
