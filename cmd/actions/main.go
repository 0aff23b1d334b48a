// Command actions is the command-line tool of the actions library.
//
// Usage:
//
//	actions <command> [arguments]
//
// The commands are:
//
//	keygen [-n N]   print a new key ring of N keys (default 1) for ACTIONS_KEYS
//	help            print this help
//
// # Keys
//
// Bound action arguments travel through pages sealed with the key ring in
// the environment variable ACTIONS_KEYS: comma-separated keys, each 32
// random bytes in unpadded base64url, the first one sealing. Every instance
// of a server must see the same ring:
//
//	export ACTIONS_KEYS="$(actions keygen)"
//
// To rotate a key without breaking open pages, put a new key first and keep
// the old one until the pages rendered with it are gone, then drop it:
//
//	export ACTIONS_KEYS="$(actions keygen),$ACTIONS_KEYS"
//
// Without the variable a server seals with a random key of its own, which
// suits development and a single instance but not a cluster or a restart.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(run(os.Stdin, os.Stdout, os.Stderr, os.Args[1:])) }

const usage = `usage: actions <command> [arguments]

commands:
  keygen [-n N]   print a new key ring of N keys (default 1) for ACTIONS_KEYS
  help            print this help

Example:
  export ACTIONS_KEYS="$(actions keygen)"
`

// run is the whole program but the process: it reads and writes only the
// streams it is given and returns the exit status (0 ok, 1 failed, 2 usage),
// so tests call it directly.
func run(stdin io.Reader, stdout, stderr io.Writer, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "keygen":
		return keygen(stdout, stderr, args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stderr, usage)
		return 2
	default:
		fmt.Fprintf(stderr, "actions: unknown command %q\nRun 'actions help' for usage.\n", args[0])
		return 2
	}
}
