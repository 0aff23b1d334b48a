// Tests of package main, not main_test: a command cannot be imported, so
// run is reached from inside.
package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/goactions/actions/internal/seal"
)

type result struct {
	code           int
	stdout, stderr string
}

func runArgs(tb testing.TB, args ...string) result {
	tb.Helper()
	var stdout, stderr bytes.Buffer
	code := run(strings.NewReader(""), &stdout, &stderr, args)
	return result{code, stdout.String(), stderr.String()}
}

func TestKeygenPrintsARingThatParses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		keys int
	}{
		{"keygen prints one key", []string{"keygen"}, 1},
		{"keygen -n 3 prints a ring of three keys", []string{"keygen", "-n", "3"}, 3},
		{"keygen -n=2 prints a ring of two keys", []string{"keygen", "-n=2"}, 2},
		{"keygen -n 100 prints the largest ring", []string{"keygen", "-n", "100"}, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runArgs(t, tc.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			line, ok := strings.CutSuffix(r.stdout, "\n")
			if !ok || strings.Contains(line, "\n") {
				t.Fatalf("stdout %q is not one line", r.stdout)
			}
			if _, err := seal.ParseKeyRing(line); err != nil {
				t.Fatalf("ParseKeyRing(%q): %v", line, err)
			}
			if got := len(strings.Split(line, ",")); got != tc.keys {
				t.Fatalf("%d keys, want %d", got, tc.keys)
			}
		})
	}
}

func TestKeygenPrintsANewKeyEachTime(t *testing.T) {
	t.Parallel()
	a, b := runArgs(t, "keygen"), runArgs(t, "keygen")
	if a.stdout == b.stdout {
		t.Fatalf("two runs print the same key %q", a.stdout)
	}
}

func TestUsageErrorsExitWithStatus2(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string // a line stderr must contain
	}{
		{"no command prints the usage", nil, "usage: actions <command>"},
		{"help prints the usage", []string{"help"}, "usage: actions <command>"},
		{"-h prints the usage", []string{"-h"}, "usage: actions <command>"},
		{"an unknown command is named", []string{"keygne"}, `actions: unknown command "keygne"`},
		{"keygen -h prints its usage", []string{"keygen", "-h"}, "usage: actions keygen [-n N]"},
		{"keygen -n 0 is refused", []string{"keygen", "-n", "0"}, "actions keygen: -n must be 1 to 100, got 0"},
		{"keygen -n 101 is refused", []string{"keygen", "-n", "101"}, "actions keygen: -n must be 1 to 100, got 101"},
		{"keygen -n x is refused", []string{"keygen", "-n", "x"}, `invalid value "x" for flag -n`},
		{"keygen with an unknown flag is refused", []string{"keygen", "-x"}, "flag provided but not defined: -x"},
		{"keygen with an argument is refused", []string{"keygen", "3"}, `actions keygen: unexpected argument "3"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runArgs(t, tc.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing: usage goes to stderr", r.stdout)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tc.stderr)
			}
		})
	}
}

// failingWriter stands for a closed pipe or a full disk.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestKeygenReportsAFailedWrite(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	if code := run(strings.NewReader(""), failingWriter{}, &stderr, []string{"keygen"}); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if want := "actions keygen: disk full\n"; stderr.String() != want {
		t.Fatalf("stderr %q, want %q", stderr.String(), want)
	}
}
