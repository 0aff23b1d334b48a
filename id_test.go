package actions_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/goactions/actions"
)

func likeV2(ctx context.Context, postID int64) (int, error) { return 0, nil }

func TestActionIDsAreStable(t *testing.T) {
	// The id of this name and signature, as every build, instance and
	// restart computes it: pages rendered before a deploy keep working.
	const want = "3a256e46e1bcfe3a48a89c0a"
	got := actions.NewRegistry().Register(like, actions.Name("posts.like")).ID()
	if got != want {
		t.Errorf("id %s, want %s: ids changed, which breaks every page open in a browser", got, want)
	}
	if other := actions.NewRegistry().Register(like, actions.Name("posts.like")).ID(); other != got {
		t.Errorf("two registries (instances) disagree: %s and %s", got, other)
	}
	if changed := actions.NewRegistry().Register(likeV2, actions.Name("posts.like")).ID(); changed == got {
		t.Errorf("a changed signature must change the id, so old pages get the stale answer")
	}
	if strings.Contains(got, "posts") || len(got) != 24 {
		t.Errorf("id %q must be 24 hex digits revealing no name", got)
	}
}

// TestActionIDsSurviveARebuild builds and runs the same program from two
// directories (as two deploys from different checkouts would) and compares
// the ids it prints: they depend on no file path.
func TestActionIDsSurviveARebuild(t *testing.T) {
	prog := `package main

import (
	"context"
	"fmt"

	"github.com/goactions/actions"
)

func createPost(ctx context.Context, title string) (int, error) { return 0, nil }

func main() { fmt.Print(actions.Register(createPost).ID()) }
`
	run := func() string {
		dir := t.TempDir()
		if err := writeFile(dir+"/main.go", prog); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("go", "run", dir+"/main.go")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go run: %v\n%s", err, out)
		}
		return string(out)
	}
	a, b := run(), run()
	if a != b || len(a) != 24 {
		t.Errorf("ids differ between builds: %q and %q", a, b)
	}
}
