package main

import "syscall"

// stopWithTestBinary makes the server get SIGQUIT, PostgreSQL's immediate
// shutdown, if the test binary dies without stopping it.
func stopWithTestBinary(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGQUIT }
