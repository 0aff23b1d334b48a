package actions_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/goactions/actions"
	"github.com/goactions/actions/flight"
)

// The framework's overhead: the same calls through the middleware and
// through a hand-written net/http handler doing the same decoding and
// encoding with the codec (what a Go developer writes without this
// package), over real loopback HTTP and in memory. Compare the pairs:
//
//	go test -run '^$' -bench 'Overhead' -benchmem -count 5 .

func noop(ctx context.Context) error { return nil }

type cartLine struct {
	SKU  string `json:"sku"`
	Qty  int    `json:"qty"`
	Gift bool   `json:"gift"`
}

func addLine(ctx context.Context, line cartLine, note string) (int, error) {
	return line.Qty + len(note), nil
}

// handWritten is the handler the framework is measured against: read the
// reply, decode the arguments into the function's types, call it, write
// the result as rows. It checks nothing else.
func handWritten(fn func(ctx context.Context, args []any) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := flight.DecodeReply(r.Body, r.Header.Get("Content-Type"), flight.Limits{})
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		args, _ := v.([]any)
		result, err := fn(r.Context(), args)
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		var buf bytes.Buffer
		if err := flight.EncodeRows(&buf, result); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", actions.ContentTypeRows)
		w.Write(buf.Bytes())
	})
}

type overheadCase struct {
	name   string
	fn     any
	args   []any
	direct func(ctx context.Context, args []any) (any, error)
}

func overheadCases() []overheadCase {
	return []overheadCase{
		{"noop", noop, []any{}, func(ctx context.Context, args []any) (any, error) {
			return flight.Undefined{}, noop(ctx)
		}},
		{"small_args", addLine, []any{map[string]any{"sku": "A1", "qty": 2, "gift": true}, "for mum"}, func(ctx context.Context, args []any) (any, error) {
			var line cartLine
			var note string
			if err := flight.UnmarshalArgs(args, &line, &note); err != nil {
				return nil, err
			}
			return addLine(ctx, line, note)
		}},
	}
}

func benchmarkOverhead(b *testing.B, loopback bool) {
	for _, tc := range overheadCases() {
		reg := actions.NewRegistry()
		a := reg.Register(tc.fn)
		srv, err := actions.New(actions.Options{Registry: reg, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			b.Fatal(err)
		}
		reply, err := flight.EncodeReply(tc.args)
		if err != nil {
			b.Fatal(err)
		}
		var body bytes.Buffer
		reply.WriteTo(&body)
		for _, side := range []struct {
			name string
			h    http.Handler
		}{
			{"actions", srv.Middleware(http.NotFoundHandler())},
			{"handwritten", handWritten(tc.direct)},
		} {
			b.Run(tc.name+"/"+side.name, func(b *testing.B) {
				do := inMemory(side.h)
				if loopback {
					ts := httptest.NewServer(side.h)
					defer ts.Close()
					do = overLoopback(ts)
				}
				for b.Loop() {
					req, _ := http.NewRequest("POST", "/page", bytes.NewReader(body.Bytes()))
					req.Header.Set("Content-Type", reply.ContentType())
					req.Header.Set(actions.HeaderActionID, a.ID())
					if status := do(req); status != 200 {
						b.Fatalf("status %d", status)
					}
				}
			})
		}
	}
}

func inMemory(h http.Handler) func(*http.Request) int {
	return func(req *http.Request) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
}

func overLoopback(ts *httptest.Server) func(*http.Request) int {
	client := ts.Client()
	return func(req *http.Request) int {
		req.URL, _ = req.URL.Parse(ts.URL + "/page")
		req.RequestURI = ""
		res, err := client.Do(req)
		if err != nil {
			return 0
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
}

func BenchmarkOverheadHTTP(b *testing.B)     { benchmarkOverhead(b, true) }
func BenchmarkOverheadInMemory(b *testing.B) { benchmarkOverhead(b, false) }

// What the middleware adds to a page view it passes through: the context
// naming the page (for revalidation by path). In memory:
//
//	go test -run '^$' -bench PageView -benchmem -count 6 .
func BenchmarkPageView(b *testing.B) {
	srv, err := actions.New(actions.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "the page") })
	for _, side := range []struct {
		name string
		h    http.Handler
	}{{"handler", page}, {"middleware", srv.Middleware(page)}} {
		b.Run(side.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/posts/7", nil)
			b.ReportAllocs()
			for b.Loop() {
				side.h.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}
