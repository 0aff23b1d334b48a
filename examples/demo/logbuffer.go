package main

import (
	"bufio"
	"errors"
	"io"
	"sync"
	"time"
)

// The demo logs a line per action call. Written one by one, each line is a
// write system call, which under load costs more CPU than the line's
// formatting and the call's decoding together (a profile of the like
// button's calls at 16 connections: 8% of the server's CPU). So lines
// gather in a buffer written out within logFlushEvery, when it is full,
// at once after a warning or an error, and when the demo stops, as glog
// and zap's buffered writer do. What a crash can lose: the INFO lines of
// the last logFlushEvery (a panic's own report goes to stderr directly).

// logFlushEvery bounds how long a line waits in the buffer.
const logFlushEvery = 100 * time.Millisecond

// logBufferSize is the buffer's size: a full one is written at once.
const logBufferSize = 32 << 10

// A logBuffer is an io.Writer that buffers what it is given for at most
// logFlushEvery. It is safe for concurrent use.
type logBuffer struct {
	mu    sync.Mutex
	out   io.Writer
	w     *bufio.Writer
	armed bool // a flush is due within logFlushEvery
}

func newLogBuffer(w io.Writer) *logBuffer {
	return &logBuffer{out: w, w: bufio.NewWriterSize(w, logBufferSize)}
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var err error
	if len(p) > b.w.Available() && b.w.Buffered() > 0 {
		// Out first, so that a line is written whole, in one call.
		err = b.flush()
	}
	n, werr := b.w.Write(p)
	if werr != nil {
		b.w.Reset(b.out)
		err = errors.Join(err, werr)
	}
	if !b.armed && b.w.Buffered() > 0 {
		b.armed = true
		time.AfterFunc(logFlushEvery, func() { b.Flush() })
	}
	return n, err
}

// Flush writes out what the buffer holds.
func (b *logBuffer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.armed = false
	return b.flush()
}

// flush writes out the buffer. After a failed write the buffer starts
// afresh, dropping what it held: a bufio.Writer keeps its first error and
// would refuse every later line.
func (b *logBuffer) flush() error {
	err := b.w.Flush()
	if err != nil {
		b.w.Reset(b.out)
	}
	return err
}
