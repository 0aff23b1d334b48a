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

// A body announced as a megabyte gets room for a megabyte only as its bytes
// arrive: a client that announces one and sends three bytes must not make
// the server hold a megabyte while it waits for the rest.
func TestRoomIsMadeForAnAnnouncedBodyAsItArrives(t *testing.T) {
	if room := flight.ReadAllRoom(strings.NewReader("[1]"), 1<<20); room > 64<<10 {
		t.Errorf("%d bytes of room for a 3-byte body announced as 1 MiB", room)
	}
	if room := flight.ReadAllRoom(strings.NewReader("[1]"), 3); room != 4 {
		t.Errorf("%d bytes of room for a 3-byte body announced as such, want 4", room)
	}
}
