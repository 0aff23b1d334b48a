package actionstest

import (
	"net/http"

	"github.com/goactions/actions"
)

// page stands for the page a form was rendered in: it keeps the submission
// it is rendered with for Submit to report.
func (c *Client) page(w http.ResponseWriter, r *http.Request) {
	s := actions.SubmissionFrom(r.Context())
	if s == nil {
		http.Error(w, "actionstest: the page was asked for without a submission", http.StatusInternalServerError)
		return
	}
	c.mu.Lock()
	c.last = s
	c.mu.Unlock()
	w.Write([]byte("page"))
}
