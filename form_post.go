package actions

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/goactions/actions/cache"
	"github.com/goactions/actions/flight"
)

// isFormPost reports whether r posts an HTML form, which may be a
// submission without JavaScript.
func isFormPost(r *http.Request) bool {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mediaType == "multipart/form-data" || mediaType == "application/x-www-form-urlencoded"
}

// serveFormPost runs the action a form posted without JavaScript names, or
// hands the request to the page untouched when no field names one. Telling
// them apart needs the body, so it is read (up to the body limit) and given
// back to the page as it was.
func (h *routeHandler) serveFormPost(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	limit := h.route.maxBodyBytes
	body, complete, err := readUpTo(r.Body, limit)
	if err != nil {
		writeRefusal(w, refusal(CodeBadRequest, "The form could not be read: "+err.Error()))
		return
	}
	if !complete {
		if !hasActionField(body) {
			// Someone else's large upload: pass it on, whole.
			r.Body = readCloser{io.MultiReader(bytes.NewReader(body), r.Body), r.Body}
			h.next.ServeHTTP(w, r)
			return
		}
		// An action that takes uploads may allow more than the route.
		if a, ok := h.server.registry.Lookup(actionIDIn(body)); ok && h.settingsFor(a).maxBodyBytes > limit {
			limit = h.settingsFor(a).maxBodyBytes
			rest, done, err := readUpTo(r.Body, limit-int64(len(body)))
			if err != nil {
				writeRefusal(w, refusal(CodeBadRequest, "The form could not be read: "+err.Error()))
				return
			}
			body, complete = append(body, rest...), done
		}
		if !complete {
			writeRefusal(w, refusal(CodeTooLarge, fmt.Sprintf("The form is too large: the limit is %s.", formatBytes(limit))))
			return
		}
	}
	lim := h.server.opts.Limits
	if lim.MaxTotalBytes == 0 || lim.MaxTotalBytes > limit {
		lim.MaxTotalBytes = limit
	}
	ct := r.Header.Get("Content-Type")
	fa, err := flight.DecodeAction(bytes.NewReader(body), ct, lim)
	if errors.Is(err, flight.ErrNoAction) {
		r.Body = readCloser{bytes.NewReader(body), r.Body}
		h.next.ServeHTTP(w, r)
		return
	}
	if oerr := h.server.origins.check(r); oerr != nil {
		writeRefusal(w, refusal(CodeForbidden, oerr.Error()))
		return
	}
	if err != nil {
		e := bodyError(err, limit)
		writeRefusal(w, e)
		return
	}
	if !wellFormedID(fa.ID) {
		writeRefusal(w, refusal(CodeBadRequest, fmt.Sprintf("The form names %q, which is not an action id.", truncate(fa.ID, 64))))
		return
	}
	a, ok := h.server.registry.Lookup(fa.ID)
	if !ok {
		// Render the current page again with what the user typed, so
		// nothing is lost: its forms name the current actions.
		w.Header().Set(HeaderStale, "1")
		w.Header().Set(HeaderOutcome, string(CodeStaleAction))
		stale := refusal(CodeStaleAction, "This page was out of date, so your form was not sent. Please check it and send it again.")
		h.rerender(w, r, &Submission{Err: stale.asError(), Values: echoValues(fa.Form, h.server.secret)}, stale.httpStatus())
		return
	}
	c := &call{action: a, settings: h.settingsFor(a), transport: "form", start: start}
	if int64(len(body)) > c.settings.maxBodyBytes {
		e := refusal(CodeTooLarge, fmt.Sprintf("The form is too large: the limit is %s.", formatBytes(c.settings.maxBodyBytes)))
		writeRefusal(w, e)
		h.server.logCall(r, c, e.httpStatus(), string(e.Code), e, nil)
		return
	}
	c.scope = &scope{r: r, header: w.Header()}
	raw := append(append([]any(nil), fa.Bound...), fa.Form)
	result, err := h.run(r.Context(), c, raw)
	h.respondForm(w, r, c, fa.Form, result, err)
}

// respondForm answers a form submission: 303 See Other for a redirect
// (RFC 9110 §15.4.4: the browser follows it with a GET, so reloading the
// next page does not post again); otherwise the page, rendered again with
// the submission.
func (h *routeHandler) respondForm(w http.ResponseWriter, r *http.Request, c *call, form *FormData, result any, err error) {
	sub := &Submission{Action: c.action, Result: result, Values: &FormData{}}
	status := http.StatusOK
	if err != nil {
		e, cause := h.server.classify(err, r.Host)
		if e.Code == CodeRedirect {
			status := http.StatusSeeOther
			if fromRuntime(r) {
				// fetch would follow a 303 itself; the runtime navigates.
				status = http.StatusOK
				w.Header().Set(HeaderRedirect, e.Location)
				w.Header().Set(HeaderOutcome, string(CodeRedirect))
				w.Header()["Cache-Control"] = noStore
				w.WriteHeader(status)
			} else {
				http.Redirect(w, r, e.Location, status)
			}
			h.server.logCall(r, c, status, string(e.Code), e, nil)
			return
		}
		sub.Result = nil
		sub.Err = e.asError()
		sub.Values = echoValues(form, h.server.secret)
		status = e.httpStatus()
		w.Header().Set(HeaderOutcome, string(e.Code))
		defer h.server.logCall(r, c, status, string(e.Code), e, cause)
	} else {
		w.Header().Set(HeaderOutcome, "ok")
		defer h.server.logCall(r, c, statusOr(c.scope.status, status), "ok", nil, nil)
	}
	h.rerender(w, r, sub, statusOr(c.scope.status, status))
}

// rerender calls the page's handler as the GET that shows it, with the
// submission in the context and the outcome's status.
func (h *routeHandler) rerender(w http.ResponseWriter, r *http.Request, sub *Submission, status int) {
	// The page shows this submission: no page cache may answer for it or
	// keep it.
	ctx := cache.WithoutPages(context.WithValue(r.Context(), submissionKey{}, sub), r.URL.Path)
	get := r.Clone(ctx)
	get.Method = http.MethodGet
	get.Body = http.NoBody
	get.ContentLength = 0
	get.Header.Del("Content-Type")
	get.Header.Del("Content-Length")
	h.next.ServeHTTP(&statusWriter{ResponseWriter: w, status: status}, get)
}

// readUpTo reads at most limit bytes; complete is false when the body is
// longer.
func readUpTo(r io.Reader, limit int64) (body []byte, complete bool, err error) {
	body, err = io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(body)) > limit {
		return body, false, nil
	}
	return body, true, nil
}

// hasActionField reports whether the start of a form body has a field
// named like an action's: in a multipart part header, or as a urlencoded
// name ("$" is sent as %24).
func hasActionField(body []byte) bool {
	return bytes.Contains(body, []byte(`name="$ACTION_`)) ||
		bytes.HasPrefix(body, []byte("%24ACTION_")) || bytes.Contains(body, []byte("&%24ACTION_")) ||
		bytes.HasPrefix(body, []byte("$ACTION_")) || bytes.Contains(body, []byte("&$ACTION_"))
}

// actionIDIn finds the id of an "$ACTION_ID_<id>" field in the start of a
// form body, "" when there is none.
func actionIDIn(body []byte) string {
	for _, marker := range []string{"$ACTION_ID_", "%24ACTION_ID_"} {
		if i := bytes.Index(body, []byte(marker)); i >= 0 && len(body) >= i+len(marker)+idLength {
			if id := string(body[i+len(marker) : i+len(marker)+idLength]); wellFormedID(id) {
				return id
			}
		}
	}
	return ""
}

type readCloser struct {
	io.Reader
	io.Closer
}

// statusWriter sends status in place of the 200 a page handler writes, so
// a page rendered after a failed submission answers with the failure's
// status. Any other status the page chooses is its own.
type statusWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (s *statusWriter) WriteHeader(code int) {
	if !s.wroteHeader {
		s.wroteHeader = true
		if code == http.StatusOK {
			code = s.status
		}
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if !s.wroteHeader {
		s.WriteHeader(http.StatusOK)
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// fromRuntime reports whether the project's browser runtime made r.
func fromRuntime(r *http.Request) bool { return r.Header.Get(HeaderClient) != "" }

// writeRefusal answers a form post the middleware refused before any
// action ran, as plain text (a browser shows it; the runtime announces it),
// with the refusal's code for the runtime.
func writeRefusal(w http.ResponseWriter, e *wireError) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set(HeaderOutcome, string(e.Code))
	w.WriteHeader(e.httpStatus())
	_, _ = io.WriteString(w, e.Message+"\n")
}
