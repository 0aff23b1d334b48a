package actions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/goactions/actions/flight"
)

// respondScript answers a script's call with the action's outcome.
func (h *routeHandler) respondScript(w http.ResponseWriter, r *http.Request, c *call, asJSON bool, result any, err error) {
	if err == nil {
		status := statusOr(c.scope.status, http.StatusOK)
		var page []byte
		if !asJSON && fromRuntime(r) {
			page = h.refreshedPage(r, c.scope)
		}
		if werr := h.writeResult(w, asJSON, status, c.action, result, page); werr != nil {
			// The result cannot be encoded (a cycle, a tainted value …):
			// the program's mistake, answered like any unexpected error.
			e := h.server.internal(werr)
			h.writeScriptError(w, asJSON, e, c.scope.status)
			h.server.logCall(r, c, e.httpStatus(), string(e.Code), e, werr)
			return
		}
		h.server.logCall(r, c, status, "ok", nil, nil)
		return
	}
	e, cause := h.server.classify(err, r.Host)
	if e.Code == CodeRedirect {
		w.Header().Set(HeaderRedirect, e.Location)
	}
	status := h.writeScriptError(w, asJSON, e, c.scope.status)
	h.server.logCall(r, c, status, string(e.Code), e, cause)
}

func (h *routeHandler) writeScriptError(w http.ResponseWriter, asJSON bool, e *wireError, override int) int {
	if override != 0 && e.Code != CodeRedirect {
		e.status = override
	}
	if asJSON {
		writeJSONError(w, e)
	} else {
		writeRowsError(w, e)
	}
	return e.httpStatus()
}

// writeResult encodes the result before writing anything, so a value that
// cannot be encoded still gets a proper error answer.
//
// page, when not nil, is the page rendered again, sent as the text row
// refreshRowID after the result's rows.
func (h *routeHandler) writeResult(w http.ResponseWriter, asJSON bool, status int, a *Action, result any, page []byte) error {
	var buf bytes.Buffer
	if asJSON {
		if err := json.NewEncoder(&buf).Encode(result); err != nil {
			return err
		}
		w.Header()["Content-Type"] = jsonContentType
	} else {
		if a.result == nil {
			result = flight.Undefined{}
		}
		if err := flight.EncodeRows(&buf, result); err != nil {
			return err
		}
		w.Header()["Content-Type"] = rowsContentType
		if page != nil {
			fmt.Fprintf(&buf, "%x:T%x,", refreshRowID, len(page))
			buf.Write(page)
			w.Header().Set(HeaderRefresh, "1")
		}
	}
	if err := checkTaint(buf.Bytes()); err != nil {
		return err
	}
	w.Header()["Cache-Control"] = noStore
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	_ = err // the client went away; nothing to tell it
	return nil
}

// writeRowsError answers with Flight rows whose root is rejected: the
// client's promise rejects with an Error whose digest is the wire error's
// JSON (the production React client keeps only the digest), and whose
// message is the same message for the development client.
func writeRowsError(w http.ResponseWriter, e *wireError) {
	digest, _ := json.Marshal(e)
	var buf bytes.Buffer
	_ = flight.EncodeRows(&buf, &flight.Error{Name: "ActionError", Message: e.Message, Digest: string(digest)})
	w.Header().Set("Content-Type", ContentTypeRows)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(e.httpStatus())
	_, _ = w.Write(buf.Bytes())
}

// writeJSONError answers a JSON client: {"error": {code, message, …}}.
func writeJSONError(w http.ResponseWriter, e *wireError) {
	body, _ := json.Marshal(struct {
		Error *wireError `json:"error"`
	}{e})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(e.httpStatus())
	_, _ = w.Write(append(body, '\n'))
}

// Header values shared by every answer, so setting them allocates nothing.
// (Appending to a header makes a new slice; nothing assigns into these.)
var (
	rowsContentType = []string{ContentTypeRows}
	jsonContentType = []string{"application/json"}
	noStore         = []string{"no-store"}
)

func statusOr(status, def int) int {
	if status != 0 {
		return status
	}
	return def
}
