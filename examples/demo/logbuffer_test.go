package main

import (
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
	logs := newLogBuffer(&out)
	logger := slog.New(flushOnWarn{slog.NewTextHandler(logs, nil), logs}).With("app", "demo")
	logger.Info("first")
	logger.Warn("second")
	if got := out.String(); !strings.Contains(got, "msg=first app=demo") || !strings.Contains(got, "level=WARN msg=second") {
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
