// Command increment is the Go side of the side-by-side benchmark against the
// Next.js baseline (see bench/README.md): a /posts route wrapped in the
// actions middleware with one action, increment, doing what the baseline's
// increment in app/actions.ts does (add one to an in-memory counter and
// return it).
//
//	PORT=3200 go run ./bench/increment            # prints the action id, then serves
//	PORT=3200 go run ./bench/increment -log calls.log -cpuprofile cpu.pprof
//	PORT=3202 go run ./bench/increment -bare      # net/http alone: the floor
//
// It listens on 127.0.0.1 only. By default the middleware's one log line per
// call goes nowhere, so the figures are the framework's and not the
// logger's; -log writes those lines to a file as JSON, the usual production
// setup. -bare serves the same answers from a plain net/http handler with
// no framework at all (read the body, add one, write the row), which is
// what net/http and the Go runtime cost by themselves. SIGINT or SIGTERM
// stop it and flush the CPU profile.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/goactions/actions"
)

var likes atomic.Int64

func increment(ctx context.Context) (int, error) {
	return int(likes.Add(1)), nil
}

// incrementAction is what clients call; its id is stable across builds.
var incrementAction = actions.Register(increment)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "increment:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("increment", flag.ContinueOnError)
	logPath := flags.String("log", "", "write the middleware's per-call log lines to this file (default: discard them)")
	profilePath := flags.String("cpuprofile", "", "write a CPU profile covering the whole run to this file")
	bare := flags.Bool("bare", false, "answer with a plain net/http handler, without the actions middleware")
	if err := flags.Parse(args); err != nil {
		return err
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "3200"
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("PORT=%q is not a port number", port)
	}

	logger := slog.New(slog.DiscardHandler)
	if *logPath != "" {
		f, err := os.Create(*logPath)
		if err != nil {
			return err
		}
		defer f.Close()
		logger = slog.New(slog.NewJSONHandler(f, nil))
	}
	srv, err := actions.New(actions.Options{Logger: logger})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", port))
	if err != nil {
		return err
	}
	if *profilePath != "" {
		f, err := os.Create(*profilePath)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	mux := http.NewServeMux()
	if *bare {
		mux.HandleFunc("/posts", barePosts)
	} else {
		mux.Handle("/posts", srv.Middleware(http.HandlerFunc(postsPage)))
	}
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}

	// The id on stdout is how run.sh learns what to call.
	fmt.Fprintln(stdout, incrementAction.ID())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return hs.Shutdown(shutdown)
}

// postsPage is a stand-in for the page: enough for a readiness probe and to
// see the counter, not the baseline's rendered list of posts.
func postsPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>Posts</title><h1>Posts</h1><p>Likes: %d</p>\n", likes.Load())
}

// barePosts answers the increment call as the middleware does, in the
// least code net/http allows: the body read to its end (which is when
// net/http starts its per-request background read), one added, the row
// written with its length.
func barePosts(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		postsPage(w, r)
		return
	}
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	row := "0:" + strconv.FormatInt(likes.Add(1), 10) + "\n"
	w.Header().Set("Content-Type", "text/x-component")
	w.Header().Set("Content-Length", strconv.Itoa(len(row)))
	io.WriteString(w, row)
}
