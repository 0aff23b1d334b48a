package flight

import (
	"encoding"
	"encoding/json"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"time"
)

// Types that decode themselves. Many Go types an API already uses know how
// to read themselves from JSON or from text (IDs, enums, addresses, money);
// honouring their methods lets them be action parameters unchanged.

var jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// storeUnmarshaler calls dst's UnmarshalJSON or UnmarshalText when it has
// one; done is false when the value should be decoded by dst's kind instead.
func (d *unmarshaler) storeUnmarshaler(v any, dst reflect.Value) (done bool, err error) {
	pt := reflect.PointerTo(dst.Type())
	if pt.Implements(jsonUnmarshalerType) {
		var buf []byte
		buf, err = d.appendJSON(buf, v)
		if err != nil {
			return true, err
		}
		if err := dst.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(buf); err != nil {
			return true, &ValueError{Arg: d.arg, Path: d.pathString(), Want: dst.Type().String(), Got: describe(v), Err: err}
		}
		return true, nil
	}
	if !pt.Implements(textUnmarshalerType) {
		return false, nil
	}
	s, ok := v.(string)
	if !ok {
		if dst.Kind() == reflect.Struct {
			return true, d.mismatch("string", v)
		}
		return false, nil
	}
	if err := dst.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
		return true, &ValueError{Arg: d.arg, Path: d.pathString(), Want: dst.Type().String(), Got: describe(v), Err: err}
	}
	return true, nil
}

// appendJSON writes v as JSON.stringify would: undefined, NaN and ±Infinity
// become null in arrays, and undefined properties are left out; a Date is
// its ISO string; a bigint (which JSON.stringify refuses) is its digits;
// object keys are sorted, since a Go map keeps no order. Values with no JSON
// form are refused. It keeps the unmarshaler's size and depth bounds.
func (d *unmarshaler) appendJSON(b []byte, v any) ([]byte, error) {
	d.nodes++
	if d.nodes > DefaultMaxArraySlots {
		return b, d.limit("MaxArraySlots", "value expands to more than "+strconv.Itoa(DefaultMaxArraySlots)+" nodes")
	}
	if d.depth >= DefaultMaxDepth {
		return b, d.limit("MaxDepth", "value nests deeper than "+strconv.Itoa(DefaultMaxDepth)+" levels")
	}
	d.depth++
	defer func() { d.depth-- }()
	switch x := v.(type) {
	case nil, Undefined:
		return append(b, "null"...), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return append(b, "null"...), nil
		}
		return strconv.AppendFloat(b, x, 'g', -1, 64), nil
	case string:
		q, err := json.Marshal(x)
		if err != nil {
			return b, d.mismatch("JSON value", v)
		}
		return append(b, q...), nil
	case *big.Int:
		if x != nil {
			return x.Append(b, 10), nil
		}
		return append(b, "null"...), nil
	case time.Time:
		b = append(b, '"')
		b = x.UTC().AppendFormat(b, "2006-01-02T15:04:05.000Z07:00")
		return append(b, '"'), nil
	case *Promise:
		if x != nil {
			return d.appendJSON(b, x.Value)
		}
		return append(b, "null"...), nil
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			d.pushIndex(i)
			var err error
			b, err = d.appendJSON(b, e)
			d.pop()
			if err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k, e := range x {
			if _, undef := e.(Undefined); !undef {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			q, _ := json.Marshal(k)
			b = append(append(b, q...), ':')
			d.pushName(k)
			var err error
			b, err = d.appendJSON(b, x[k])
			d.pop()
			if err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	}
	return b, d.mismatch("JSON value", v)
}
