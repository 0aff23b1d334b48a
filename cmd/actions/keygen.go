package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/goactions/actions/internal/seal"
)

// maxKeys bounds -n: a ring needs a few keys, and a typo such as -n 1000000
// should not print megabytes of secrets.
const maxKeys = 100

// keygen prints a ring of new keys on one line, comma-separated, ready to be
// the value of ACTIONS_KEYS.
func keygen(stdout, stderr io.Writer, args []string) int {
	flags := flag.NewFlagSet("keygen", flag.ContinueOnError)
	flags.SetOutput(stderr)
	n := flags.Int("n", 1, fmt.Sprintf("number of keys, 1 to %d", maxKeys))
	flags.Usage = func() {
		fmt.Fprintf(stderr, "usage: actions keygen [-n N]\n\nPrints a new key ring for %s.\n\n", seal.EnvVar)
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2 // flag has printed the error and the usage
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "actions keygen: unexpected argument %q\n", flags.Arg(0))
		return 2
	}
	if *n < 1 || *n > maxKeys {
		fmt.Fprintf(stderr, "actions keygen: -n must be 1 to %d, got %d\n", maxKeys, *n)
		return 2
	}
	keys := make([]string, *n)
	for i := range keys {
		keys[i] = seal.GenerateKey()
	}
	if _, err := fmt.Fprintln(stdout, strings.Join(keys, ",")); err != nil {
		fmt.Fprintf(stderr, "actions keygen: %v\n", err)
		return 1
	}
	return 0
}
