package clientjs

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestRuntime runs the runtime's own unit tests, test/*.test.mjs, with
// Node's built-in test runner, so that go test ./... covers runtime.js too.
// They compare its codec with React 19's, installed by ./scripts/test.sh.
func TestRuntime(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: run ./scripts/test.sh, which installs what the tests need")
	}
	files, err := filepath.Glob(filepath.Join("test", "*.test.mjs"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test/*.test.mjs files (%v)", err)
	}
	// Reading the files makes go test's cache depend on them: node reads
	// them in another process, which the cache does not see.
	goldens, _ := filepath.Glob(filepath.Join("..", "flight", "testdata", "rows", "*.rows"))
	helpers, _ := filepath.Glob(filepath.Join("test", "*.mjs"))
	for _, f := range append(append(helpers, goldens...), "runtime.js") {
		if _, err := os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(node, append([]string{"--test"}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("node --test: %v\n%s", err, out)
	}
	if testing.Verbose() {
		t.Logf("%s", out)
	}
}
