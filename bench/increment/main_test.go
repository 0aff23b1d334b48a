package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The floor server answers the increment call as the middleware does: a
// Flight row with the new count.
func TestBarePostsAnswersTheIncrementWithARow(t *testing.T) {
	before := likes.Load()
	req := httptest.NewRequest(http.MethodPost, "/posts", strings.NewReader("[]"))
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	rec := httptest.NewRecorder()
	barePosts(rec, req)
	want := "0:" + itoa(before+1) + "\n"
	if rec.Code != 200 || rec.Body.String() != want || rec.Header().Get("Content-Type") != "text/x-component" {
		t.Fatalf("%d %q %v, want 200 %q", rec.Code, rec.Body.String(), rec.Header(), want)
	}
}

func itoa(n int64) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}
