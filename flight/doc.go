// Package flight speaks React 19's Server Functions wire protocol from Go.
//
// React's client sends a server function's arguments in the "reply" format
// (encodeReply: a JSON string, or multipart form data once a value has to be
// outlined), HTML forms post React's $ACTION_ fields, and the server answers
// in Flight rows (createFromFetch reads them). This package decodes the first
// two and encodes the third, so the stock React client, a form posted with no
// JavaScript and any other client can call Go code, and it encodes replies and
// form fields too, so Go can be the client and pages can render forms.
//
// Decoding is a trust boundary: every decoder enforces [Limits], never panics,
// refuses reference cycles, keeps memory to a small multiple of the input
// (about 25 bytes per input byte at worst, 55 for objects of one key; the
// ids of temporary references, which repeat their path, are bounded by
// MaxTotalBytes instead) and answers with a *[DecodeError] that names the
// rule that refused the input.
//
// The Go types of decoded values, per JS type, are listed in value.go's
// comment and on each type: undefined is [Undefined], null is nil, numbers
// are float64, bigint is *big.Int, Date is time.Time, arrays are []any,
// objects are map[string]any, and Map, Set, FormData, File, typed arrays,
// promises, iterators, streams and server references have types of their own.
// A server that knows the Go types of the arguments reads a request straight
// into them with [UnmarshalReplyArgs], as encoding/json's Unmarshal reads
// into a struct, and a Go client reads a response with [UnmarshalRows].
package flight
