package actions

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/goactions/actions/flight"
)

// serveScriptCall answers a call made from script: the stock React client,
// this package's runtime, or a JSON client such as curl.
func (h *routeHandler) serveScriptCall(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	asJSON := acceptsJSON(r)
	refuse := func(e *wireError) {
		if asJSON {
			writeJSONError(w, e)
		} else {
			writeRowsError(w, e)
		}
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		refuse(refusal(CodeMethodNotAllowed, "actions are called with POST, not "+r.Method))
		return
	}
	if err := h.server.origins.check(r); err != nil {
		refuse(refusal(CodeForbidden, err.Error()))
		return
	}
	id := r.Header.Get(HeaderActionID)
	if !wellFormedID(id) {
		refuse(refusal(CodeBadRequest, fmt.Sprintf("%q is not an action id", truncate(id, 64))))
		return
	}
	a, ok := h.server.registry.Lookup(id)
	if !ok {
		w.Header().Set(HeaderStale, "1")
		refuse(refusal(CodeStaleAction, "This page is out of date: reload it to get the current version."))
		return
	}
	c := &call{action: a, settings: h.settingsFor(a), transport: "js", start: start}
	if asJSON {
		c.transport = "json"
	}
	args, bodyErr, err := h.scriptArgs(w, r, c)
	if bodyErr != nil {
		e := bodyError(bodyErr, c.settings.maxBodyBytes)
		refuse(e)
		h.server.logCall(r, c, e.httpStatus(), string(e.Code), e, bodyErr)
		return
	}
	c.scope = &scope{r: r, header: w.Header()}
	var result any
	if err == nil {
		result, err = h.runArgs(r.Context(), c, args)
	}
	h.respondScript(w, r, c, asJSON, result, err)
}

// scriptArgs reads the call's arguments from the body as the Go values the
// action's parameters declare. bodyErr is a body that cannot be read (too
// large, malformed); err, arguments that do not fit the parameters.
func (h *routeHandler) scriptArgs(w http.ResponseWriter, r *http.Request, c *call) (args []any, bodyErr, err error) {
	maxBody := c.settings.maxBodyBytes
	lim := h.bodyLimits(maxBody)
	ct := r.Header.Get("Content-Type")
	mediaType := mediaTypeOf(ct)
	if c.action.readsTextReply(mediaType) {
		if mediaType == "" {
			ct = "text/plain"
		}
		return c.action.unmarshalReply(announced(r), ct, lim)
	}
	raw, bodyErr := readScriptArgs(w, r.Body, ct, mediaType, lim, maxBody)
	if bodyErr != nil {
		return nil, bodyErr, nil
	}
	args, err = c.action.decodeArgs(raw, time.Now())
	return args, nil, err
}

// announced is the request's body telling the codec its length, from
// Content-Length, so that the codec reads it into one buffer of that size
// rather than one grown by doubling. net/http never gives more bytes than
// announced, and the codec trusts the length only so far: up to its limit,
// and 64 KiB of room made before the bytes arrive.
func announced(r *http.Request) io.Reader {
	if r.ContentLength <= 0 || r.ContentLength > math.MaxInt32 {
		return r.Body
	}
	return announcedBody{r.Body, int(r.ContentLength)}
}

type announcedBody struct {
	io.Reader
	n int
}

func (b announcedBody) Len() int { return b.n }

// bodyLimits are the codec's limits for a body of at most maxBody bytes:
// the codec enforces that itself (MaxTotalBytes) and says so in its error.
func (h *routeHandler) bodyLimits(maxBody int64) flight.Limits {
	lim := h.server.opts.Limits
	if lim.MaxTotalBytes == 0 || lim.MaxTotalBytes > maxBody {
		lim.MaxTotalBytes = maxBody
	}
	return lim
}

// readScriptArgs reads the arguments from the body: a React reply
// (text/plain or multipart/form-data), a JSON array of arguments, or a
// urlencoded form, which is one FormData argument.
func readScriptArgs(w http.ResponseWriter, body io.ReadCloser, ct, mediaType string, lim flight.Limits, maxBody int64) ([]any, error) {
	// JSON goes through http.MaxBytesReader; the codec keeps lim.
	switch mediaType {
	case "application/json":
		return readJSONArgs(http.MaxBytesReader(w, body, maxBody), maxBody)
	case "application/x-www-form-urlencoded":
		form, err := flight.DecodeForm(body, ct, lim)
		if err != nil {
			return nil, err
		}
		return []any{form}, nil
	case "text/plain", "multipart/form-data", "":
		if mediaType == "" {
			ct = "text/plain"
		}
		v, err := flight.DecodeReply(body, ct, lim)
		if err != nil {
			return nil, err
		}
		args, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("the reply's root is not an array of arguments")
		}
		return args, nil
	}
	return nil, fmt.Errorf("unsupported Content-Type %q: send a React reply (text/plain or multipart/form-data), JSON or a urlencoded form", mediaType)
}

// readJSONArgs reads a plain JSON array of arguments, as curl or a mobile
// app sends them; JSON values map to Go as flight.Unmarshal documents.
func readJSONArgs(body io.Reader, maxBody int64) ([]any, error) {
	dec := json.NewDecoder(body)
	var args []any
	if err := dec.Decode(&args); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		return nil, fmt.Errorf("the body must be a JSON array of arguments: %v", err)
	}
	if args == nil {
		args = []any{}
	}
	return args, nil
}

// bodyError is the answer to a body that could not be read: 413 for one
// over the limit, 400 for anything else.
func bodyError(err error, maxBody int64) *wireError {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || flight.IsLimit(err) && isSizeLimit(err) {
		return refusal(CodeTooLarge, fmt.Sprintf("The request is too large: the limit is %s.", formatBytes(maxBody)))
	}
	return refusal(CodeBadRequest, "malformed request: "+trimPackage(err.Error()))
}

// isSizeLimit tells the codec's size refusals (413) from its shape ones
// (nesting, part counts: 400).
func isSizeLimit(err error) bool {
	var de *flight.DecodeError
	if !errors.As(err, &de) {
		return false
	}
	switch de.Rule {
	case "MaxTotalBytes", "MaxFieldBytes", "MaxFileBytes":
		return true
	}
	return false
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// mediaTypeOf is the media type of a Content-Type value, "" when it cannot
// be read. fetch's spelling for a string body, the Content-Type of most
// calls, is known without mime.ParseMediaType and its allocations.
func mediaTypeOf(contentType string) string {
	if contentType == "text/plain;charset=UTF-8" {
		return "text/plain"
	}
	mediaType, _, _ := mime.ParseMediaType(contentType)
	return mediaType
}

func acceptsJSON(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "application/json") && !strings.Contains(accept, ContentTypeRows)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
