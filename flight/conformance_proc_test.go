package flight_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"testing"
)

// nodeRun describes one node process: the script in reactDir, node's own
// flags (say --conditions react-server) and extra environment (say
// NODE_ENV=production, which picks React's build through the packages'
// exports maps).
type nodeRun struct {
	script    string
	nodeFlags []string
	env       []string
}

func (r nodeRun) command(ctx context.Context) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "node", append(append([]string{}, r.nodeFlags...), r.script)...)
	cmd.Dir = reactDir
	cmd.Env = append(os.Environ(), r.env...)
	return cmd
}

// runNodeWith is runNode for a script that needs flags or environment; a
// non-zero exit always fails the test.
func runNodeWith(tb testing.TB, r nodeRun, stdin []byte) []byte {
	tb.Helper()
	requireReact(tb)
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	defer cancel()
	cmd := r.command(ctx)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		tb.Fatalf("node %s: timed out after %v\nstderr:\n%s", r.script, nodeTimeout, stderr.String())
	}
	if err != nil {
		tb.Fatalf("node %s: %v\nstderr:\n%s", r.script, err, stderr.String())
	}
	return stdout.Bytes()
}

// nodeConversation is a node process the test talks to in turns: it reads
// lines the script prints and writes its answer to the script's stdin. It
// exists for state that lives only inside one JS process, such as a
// temporary reference set.
type nodeConversation struct {
	tb     testing.TB
	script string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *bytes.Buffer
}

// startNode starts the script; the process is killed when the test ends,
// whatever happened, so a test that fails halfway leaves nothing running.
func startNode(tb testing.TB, r nodeRun) *nodeConversation {
	tb.Helper()
	requireReact(tb)
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	cmd := r.command(ctx)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stderr := &bytes.Buffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		tb.Fatalf("node %s: %v", r.script, err)
	}
	tb.Cleanup(func() {
		cancel()
		stdin.Close()
		cmd.Wait()
	})
	return &nodeConversation{tb: tb, script: r.script, cmd: cmd, stdin: stdin, stdout: bufio.NewReader(stdout), stderr: stderr}
}

// readLine returns the next line the script prints, without its newline.
func (c *nodeConversation) readLine() []byte {
	c.tb.Helper()
	line, err := c.stdout.ReadBytes('\n')
	if err != nil {
		c.cmd.Wait()
		c.tb.Fatalf("node %s ended before printing a line (%v)\nstdout so far:\n%s\nstderr:\n%s", c.script, err, line, c.stderr)
	}
	return bytes.TrimSuffix(line, []byte("\n"))
}

// finish writes the last input, closes stdin and returns the script's final
// line. The script's exit status is its own verdict and is left to the
// caller, which reads the per-case report in that line.
func (c *nodeConversation) finish(input []byte) []byte {
	c.tb.Helper()
	if _, err := c.stdin.Write(input); err != nil {
		c.cmd.Wait()
		c.tb.Fatalf("writing to node %s: %v\nstderr:\n%s", c.script, err, c.stderr)
	}
	c.stdin.Close()
	return c.readLine()
}
