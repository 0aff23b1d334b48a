package main

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/internal/browsertest/chrome"
)

// The demo's log: a warning is on the output as soon as it is logged, with
// the lines before it; an INFO line gets there by itself shortly after;
// the logger gives every line to the output once, in order.
func TestLogLinesReachTheOutput(t *testing.T) {
	t.Parallel()
	var out chrome.LockedBuffer
	logs := newLogQueue(newLogBuffer(&out))
	logger := slog.New(logs.Handler(slog.NewTextHandler(logs.out, nil))).With("app", "demo")
	logger.Info("first")
	logger.Warn("second")
	if got := out.String(); !strings.Contains(got, "msg=first app=demo") || !strings.Contains(got, "level=WARN msg=second") ||
		strings.Index(got, "msg=first") > strings.Index(got, "msg=second") {
		t.Fatalf("right after a warning the output has:\n%s", got)
	}
	logger.Info("third")
	deadline := time.Now().Add(chrome.WaitTimeout)
	for !strings.Contains(out.String(), "msg=third") {
		if time.Now().After(deadline) {
			t.Fatalf("an INFO line is still not written after %v:\n%s", chrome.WaitTimeout, out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := strings.Count(out.String(), "\n"); n != 3 {
		t.Errorf("%d lines written, want 3:\n%s", n, out.String())
	}
}

// failOnce fails its first write, as a full disk or a closed pipe might,
// and takes the later ones.
type failOnce struct {
	failed bool
	got    bytes.Buffer
}

func (f *failOnce) Write(p []byte) (int, error) {
	if !f.failed {
		f.failed = true
		return 0, errors.New("no space left on device")
	}
	return f.got.Write(p)
}

// A failed write loses what the buffer held then, not every later line.
func TestLogBufferGoesOnAfterAFailedWrite(t *testing.T) {
	out := &failOnce{}
	b := newLogBuffer(out)
	b.Write([]byte("lost\n"))
	if err := b.Flush(); err == nil {
		t.Fatal("the failed write gave no error")
	}
	b.Write([]byte("kept\n"))
	if err := b.Flush(); err != nil {
		t.Fatalf("the write after a failed one: %v", err)
	}
	if got := out.got.String(); got != "kept\n" {
		t.Errorf("the output holds %q, want the line written after the failure", got)
	}
}

// Records wait for the flush to be formatted, but no more than
// maxQueuedRecords of them: the record that fills the queue formats all.
func TestLogQueueBoundsTheRecordsWaiting(t *testing.T) {
	t.Parallel()
	var out chrome.LockedBuffer
	logs := newLogQueue(newLogBuffer(&out))
	logs.every = time.Hour // only a full queue formats, however slow the host
	logger := slog.New(logs.Handler(slog.NewTextHandler(logs.out, nil)))
	for i := range maxQueuedRecords {
		logger.Info("call", "n", i)
	}
	// Only the byte buffer is written out, not the queue: the lines must
	// have been formatted already.
	if err := logs.out.Flush(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if n := strings.Count(got, "msg=call"); n != maxQueuedRecords || !strings.Contains(got, "n=0\n") || !strings.HasSuffix(got, "n=1023\n") {
		t.Fatalf("%d lines formatted, want %d in order; the output ends:\n%s", n, maxQueuedRecords, got[max(0, len(got)-200):])
	}
}

// lazyValue logs when it is resolved, as a LogValue method may.
type lazyValue struct{ logger *slog.Logger }

func (v lazyValue) LogValue() slog.Value {
	v.logger.Warn("resolving")
	return slog.StringValue("resolved")
}

// A value is resolved when its record is logged, not at the flush: what it
// logs in turn is written, in order, and nothing waits on itself.
func TestLogQueueResolvesValuesWhenLogged(t *testing.T) {
	t.Parallel()
	var out chrome.LockedBuffer
	logs := newLogQueue(newLogBuffer(&out))
	logger := slog.New(logs.Handler(slog.NewTextHandler(logs.out, nil)))
	logger.Info("outer", "v", lazyValue{logger}, slog.Group("g", "w", lazyValue{logger}))
	if err := logs.Flush(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Count(got, "msg=resolving") != 2 || !strings.Contains(got, "msg=outer v=resolved g.w=resolved") ||
		strings.Index(got, "msg=resolving") > strings.Index(got, "msg=outer") {
		t.Fatalf("the output:\n%s", got)
	}
}
