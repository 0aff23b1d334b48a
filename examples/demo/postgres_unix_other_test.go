//go:build unix && !linux

package main

import "syscall"

// stopWithTestBinary does nothing: only Linux signals a child when its
// parent dies. A test binary killed here leaves its server running, until
// it is stopped by hand (its directory, goactions-postgres-*, is in the
// temp dir).
func stopWithTestBinary(*syscall.SysProcAttr) {}
