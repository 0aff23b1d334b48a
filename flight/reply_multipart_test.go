package flight

import (
	"bytes"
	"fmt"
	"math/rand"
	"mime/multipart"
	"net/textproto"
	"reflect"
	"strings"
	"testing"
)

// checkFastMultipart fails if the fast path accepts body and reads it
// differently from mime/multipart.
func checkFastMultipart(tb testing.TB, body []byte, lim Limits) {
	tb.Helper()
	got, ok := fastMultipart(body, "B", lim)
	if !ok {
		return
	}
	want, err := readMultipart(&countingReader{r: bytes.NewReader(body), max: lim.MaxTotalBytes}, "B", lim)
	if err != nil {
		tb.Fatalf("fast path read %q, mime/multipart refuses it: %v", body, err)
	}
	if len(got) != len(want) {
		tb.Fatalf("fast path read %d fields of %q, mime/multipart %d", len(got), body, len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			tb.Fatalf("field %d of %q: fast path %+v, mime/multipart %+v", i, body, got[i], want[i])
		}
	}
}

// randomForm writes a form as a browser would, from random names and values.
func randomForm(r *rand.Rand) []byte {
	pieces := []string{"a", "0", "$ACTION_ID_x", "_1_k", " ", ";", "%22", "é", "\"", "\\", "\r\n", "--B", "\x00", "\xff", "=", ":"}
	word := func() string {
		var sb strings.Builder
		for range r.Intn(4) {
			sb.WriteString(pieces[r.Intn(len(pieces))])
		}
		return sb.String()
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.SetBoundary("B")
	for range r.Intn(5) {
		h := textproto.MIMEHeader{}
		if r.Intn(3) == 0 {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, word(), word()))
			if r.Intn(2) == 0 {
				h.Set("Content-Type", []string{"text/plain", "application/octet-stream", " x ", "a;b=c"}[r.Intn(4)])
			}
		} else {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"`, word()))
		}
		p, _ := mw.CreatePart(h)
		p.Write([]byte(word()))
	}
	mw.Close()
	return buf.Bytes()
}

func TestFastMultipartReadsWhatMimeMultipartReads(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(1))
	lim := Limits{MaxParts: 3, MaxFieldBytes: 6, MaxFileBytes: 8}.withDefaults()
	accepted := 0
	for range 20000 {
		body := randomForm(r)
		if _, ok := fastMultipart(body, "B", Limits{}.withDefaults()); ok {
			accepted++
		}
		checkFastMultipart(t, body, Limits{}.withDefaults())
		checkFastMultipart(t, body, lim)
		if len(body) > 0 {
			damaged := bytes.Clone(body)
			damaged[r.Intn(len(damaged))] = "\r\n-B\"; =:x"[r.Intn(10)]
			checkFastMultipart(t, damaged, Limits{}.withDefaults())
		}
	}
	if accepted < 1000 {
		t.Errorf("the fast path took only %d of 20000 plain forms", accepted)
	}
}

func FuzzMultipartFastPath(f *testing.F) {
	r := rand.New(rand.NewSource(2))
	for range 20 {
		f.Add(randomForm(r))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkFastMultipart(t, body, Limits{}.withDefaults())
	})
}
