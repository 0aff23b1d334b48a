package flight_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/goactions/actions/flight"
)

func TestDecodeRowsGivesBackWhatEncodeRowsWrote(t *testing.T) {
	for _, c := range rowCases() {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := flight.EncodeRows(&buf, c.value); err != nil {
				t.Fatal(err)
			}
			want := c.decoded
			if want == nil {
				want = c.value
			}
			got, err := flight.DecodeRows(bytes.NewReader(buf.Bytes()), flight.Limits{})
			if wantErr, ok := c.value.(error); ok {
				var fe *flight.Error
				if !errors.As(err, &fe) {
					t.Fatalf("err = %v, want the *flight.Error of the E row", err)
				}
				if fe.Message != wantErr.Error() {
					t.Errorf("message = %q, want %q", fe.Message, wantErr.Error())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := sameValue(want, got); d != "" {
				t.Error(d)
			}
		})
	}
}
