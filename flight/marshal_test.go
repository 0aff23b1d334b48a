package flight_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/goactions/actions/flight"
)

type refStandIn struct{ id string }

func (r refStandIn) MarshalFlight() (any, error) { return &flight.ServerRef{ID: r.id}, nil }

type refused struct{}

func (refused) MarshalFlight() (any, error) { return nil, errors.New("this value is secret") }

type forever struct{}

func (forever) MarshalFlight() (any, error) { return forever{}, nil }

func TestMarshaler(t *testing.T) {
	for _, tc := range []struct {
		name, want, wantErr string
		v                   any
	}{
		{"a Marshaler is written as the value it returns", "1:{\"id\":\"abc\",\"bound\":null}\n0:{\"a\":\"$h1\"}\n", "", map[string]any{"a": refStandIn{"abc"}}},
		{"its error fails the encoding, naming the path", "", "this value is secret (at $0:list:1)", map[string]any{"list": []any{1, refused{}}}},
		{"a nil pointer Marshaler is null", "0:{\"r\":null}\n", "", map[string]any{"r": (*refStandIn)(nil)}},
		{"an endless chain of Marshalers is refused", "", "more than 8 Marshalers", forever{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := flight.EncodeRows(&buf, tc.v)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want it to contain %q", err, tc.wantErr)
				}
				if buf.Len() != 0 {
					t.Errorf("a refused value wrote %q", buf.String())
				}
				return
			}
			if err != nil || buf.String() != tc.want {
				t.Errorf("got %q, %v; want %q", buf.String(), err, tc.want)
			}
		})
	}
	if _, err := flight.EncodeReply([]any{refused{}}); err == nil || !strings.Contains(err.Error(), "secret") {
		t.Errorf("EncodeReply: %v, want the Marshaler's error", err)
	}
}
