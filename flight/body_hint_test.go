package flight_test

import (
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

// lyingReader says it holds far more than it does: a body's announced
// length sizes the decoders' buffer, and must not be trusted past the
// limits.
type lyingReader struct{ *strings.Reader }

func (lyingReader) Len() int { return 1 << 50 }

func TestAnAnnouncedLengthIsTrustedOnlyUpToTheLimit(t *testing.T) {
	if v, err := flight.DecodeRows(lyingReader{strings.NewReader("0:7\n")}, flight.Limits{}); err != nil || v != 7.0 {
		t.Errorf("DecodeRows: %v %v", v, err)
	}
	var n int
	if _, err := flight.UnmarshalReplyArgs(lyingReader{strings.NewReader("[7]")}, "text/plain", flight.Limits{}, &n); err != nil || n != 7 {
		t.Errorf("UnmarshalReplyArgs: %v %v", n, err)
	}
}
