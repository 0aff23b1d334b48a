package flight_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// assertDecodeError fails unless err is nil or a *DecodeError (or, for
// forms, ErrNoAction): no other error, and no panic, may escape a decoder.
func assertDecodeError(tb testing.TB, err error) {
	tb.Helper()
	var de *flight.DecodeError
	if err != nil && !errors.As(err, &de) && !errors.Is(err, flight.ErrNoAction) {
		tb.Fatalf("error %v is %T, want *flight.DecodeError", err, err)
	}
}

// fuzzLimits keeps each fuzz input cheap while every rule stays reachable.
var fuzzLimits = flight.Limits{MaxTotalBytes: 1 << 16, MaxFieldBytes: 1 << 14, MaxFileBytes: 1 << 14,
	MaxParts: 64, MaxDepth: 32, MaxArraySlots: 10000, MaxBoundArgs: 16}

// FuzzDecodeReply feeds text replies (multipart false) and multipart bodies
// with boundary "B" (multipart true).
func FuzzDecodeReply(f *testing.F) {
	for _, s := range []string{`["$$x","$-0","$NaN","$n12","$undefined","$D2025-01-02T00:00:00.000Z"]`,
		`[{"a":1},"$0:0"]`, `{"a":"$0"}`, `["$T",{"k":"$T"}]`, `"$1:__proto__:then"`, `[]`} {
		f.Add(s, false)
	}
	for _, fields := range [][]string{
		{"1", `[["k",1]]`, "2", `["a"]`, "0", `["$Q1","$W2","$@1"]`},
		{"_1_a", "x", "_1_f", "file:ab", "0", `["$K1"]`},
		{"1", "file:\x01\x02", "0", `["$o1","$A1"]`},
		{"S1", `"a"`, "S1", "C", "S2", `"$o3"`, "3", "file:ab", "S2", "C", "0", `["$R1","$r2"]`},
		{"1", `{"id":"a","bound":"$@2"}`, "2", `[1]`, "0", `"$h1"`},
	} {
		body, _ := multipartBody(f, fields...)
		f.Add(body, true)
	}
	f.Fuzz(func(t *testing.T, body string, multipart bool) {
		ct := "text/plain;charset=UTF-8"
		if multipart {
			ct = "multipart/form-data; boundary=B"
		}
		_, err := flight.DecodeReply(strings.NewReader(body), ct, fuzzLimits)
		assertDecodeError(t, err)
		if !multipart {
			_, err = flight.DecodeReplyString(body, fuzzLimits)
			assertDecodeError(t, err)
		}
	})
}

// FuzzDecodeAction feeds multipart (boundary "B") and urlencoded forms.
func FuzzDecodeAction(f *testing.F) {
	for _, fields := range [][]string{
		{"$ACTION_ID_abc", "", "a", "1"},
		{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"a","bound":"$@1"}`, "$ACTION_1:1", `["x"]`, "$ACTION_KEY", "k"},
		{"$ACTION_REF_1", "", "$ACTION_1:0", `{"id":"a","bound":"$1:__proto__"}`},
	} {
		body, _ := multipartBody(f, fields...)
		f.Add(body, true)
	}
	f.Add("%24ACTION_ID_a=&x=1+2&y=%zz", false)
	f.Fuzz(func(t *testing.T, body string, multipart bool) {
		ct := "application/x-www-form-urlencoded"
		if multipart {
			ct = "multipart/form-data; boundary=B"
		}
		a, err := flight.DecodeAction(strings.NewReader(body), ct, fuzzLimits)
		assertDecodeError(t, err)
		if err == nil {
			a.FormState()
		}
	})
}
