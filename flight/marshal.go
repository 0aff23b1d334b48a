package flight

import "reflect"

// Marshaler is implemented by a Go type that stands for another value on
// the wire: the encoders ([EncodeRows], [EncodeReply]) write the value
// MarshalFlight returns in its place, or fail with its error, naming the
// path. It comes before json.Marshaler.
//
// It is how code above this package gives its own types a wire form: a
// bound server action becomes a [*ServerRef] whose arguments are sealed; a
// value marked secret refuses to be encoded at all.
type Marshaler interface {
	MarshalFlight() (any, error)
}

var typeFlightMarshaler = reflect.TypeFor[Marshaler]()

// maxMarshalChain bounds a Marshaler returning a Marshaler returning …,
// which would otherwise never end.
const maxMarshalChain = 8

// flightMarshaler writes what m stands for.
func (w *walker) flightMarshaler(b []byte, v reflect.Value, m Marshaler) ([]byte, error) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return append(b, "null"...), nil
	}
	x, err := m.MarshalFlight()
	for i := 0; err == nil; i++ {
		next, ok := x.(Marshaler)
		if !ok {
			break
		}
		if i == maxMarshalChain {
			return nil, w.errHere("%s.MarshalFlight: more than %d Marshalers in a chain", v.Type(), maxMarshalChain)
		}
		x, err = next.MarshalFlight()
	}
	if err != nil {
		return nil, w.errHere("%v", err)
	}
	return w.value(b, reflect.ValueOf(x), nil)
}
