package flight_test

import (
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// TestFileNamesAsBrowsersEscapeThem posts what Chromium sends for a file
// named `résumé "v2"` + newline + `.txt`, through both multipart readers
// (the fast path for the canonical shape, mime/multipart for the rest).
func TestFileNamesAsBrowsersEscapeThem(t *testing.T) {
	const boundary = "----WebKitFormBoundaryX"
	for _, tc := range []struct{ name, extraHeader string }{
		{"the fast path", ""},
		{"the mime/multipart path", "X-Extra: 1\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := "--" + boundary + "\r\n" +
				`Content-Disposition: form-data; name="a%22b"; filename="résumé %22v2%22%0A.txt"` + "\r\n" +
				tc.extraHeader + "Content-Type: text/plain\r\n\r\nhi\r\n--" + boundary + "--\r\n"
			form, err := flight.DecodeForm(strings.NewReader(body), "multipart/form-data; boundary="+boundary, flight.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			f, ok := form.File(`a"b`)
			if !ok || f.Name != "résumé \"v2\"\n.txt" {
				t.Errorf("entries %+v", form.Entries)
			}
		})
	}
}

func TestImageSubmitterNamesAnAction(t *testing.T) {
	body := "title=a&%24ACTION_ID_abc.x=12&%24ACTION_ID_abc.y=7"
	a, err := flight.DecodeAction(strings.NewReader(body), "application/x-www-form-urlencoded", flight.Limits{})
	if err != nil || a.ID != "abc" || len(a.Form.Entries) != 1 {
		t.Errorf("%+v %v", a, err)
	}
}
