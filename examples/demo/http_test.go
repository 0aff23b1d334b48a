package main

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/goactions/actions"
)

// The tests without a browser speak HTTP to the demo as a browser with
// JavaScript off does: GET a page, POST its form.

// get returns the page at path, which must answer 200.
func get(t *testing.T, d *demo, path string) []byte {
	t.Helper()
	res, err := http.Get(d.url(path))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v\n%s", path, res.StatusCode, err, body)
	}
	return body
}

// submitForm posts the form of the page at path that calls action, with
// the fields given as name, value pairs, and returns the answer as is:
// redirects are not followed.
func submitForm(t *testing.T, d *demo, path string, action *actions.Action, fields ...string) (*http.Response, []byte) {
	t.Helper()
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	form.WriteField("$ACTION_ID_"+action.ID(), "")
	for i := 0; i+1 < len(fields); i += 2 {
		form.WriteField(fields[i], fields[i+1])
	}
	form.Close()
	req, err := http.NewRequest(http.MethodPost, d.url(path), &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	page, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, page
}
