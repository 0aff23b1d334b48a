package flight

// Limits bound what a decoder accepts from one request. Every input the
// decoders read comes from the network, so each limit is a line a client
// cannot make the server cross; exceeding one refuses the whole input with a
// *[DecodeError] whose Rule is the field's name.
//
// A zero field means its default, so the zero Limits is safe. Defaults follow
// React's own server where it has one (bigint digits, bound arguments, array
// slots) and are sized for form posts and action arguments elsewhere.
type Limits struct {
	// MaxTotalBytes bounds everything read from one body, parts and headers
	// included. It also bounds a decoded value's content (strings, bigints,
	// binary data) counted as if shared references were copies, and the
	// paths a reply decoder writes into temporary references. Default 16 MiB.
	MaxTotalBytes int64
	// MaxFieldBytes bounds one non-file part or form field, which is also the
	// longest string a reply can carry. Default 1 MiB.
	MaxFieldBytes int64
	// MaxFileBytes bounds one file (File or Blob) in a multipart body.
	// Default 10 MiB.
	MaxFileBytes int64
	// MaxParts bounds the number of multipart parts or urlencoded fields.
	// Default 1000.
	MaxParts int
	// MaxDepth bounds how deeply values nest (arrays, objects, Maps, Sets and
	// the outlined parts they reference). Default 128.
	MaxDepth int
	// MaxArraySlots bounds the size of the decoded value as if every shared
	// reference were a copy: array, Map and Set elements, object properties
	// and FormData entries, each counted once per place it is reached. It is
	// React's arraySizeLimit made stricter (React counts arrays only), and it
	// is what stops a small input from expanding exponentially through
	// shared references when a tree is walked or re-encoded. Default 1,000,000.
	MaxArraySlots int
	// MaxBigIntDigits bounds the digits of one bigint. Default 300, React's.
	MaxBigIntDigits int
	// MaxBoundArgs bounds the arguments bound to one server reference.
	// Default 1000, React's.
	MaxBoundArgs int
}

// Default limits; see [Limits] for what each one bounds.
const (
	DefaultMaxTotalBytes   = 16 << 20
	DefaultMaxFieldBytes   = 1 << 20
	DefaultMaxFileBytes    = 10 << 20
	DefaultMaxParts        = 1000
	DefaultMaxDepth        = 128
	DefaultMaxArraySlots   = 1_000_000
	DefaultMaxBigIntDigits = 300
	DefaultMaxBoundArgs    = 1000
)

// withDefaults returns l with every zero (or negative) field set to its
// default.
func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def64 := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	def64(&l.MaxTotalBytes, DefaultMaxTotalBytes)
	def64(&l.MaxFieldBytes, DefaultMaxFieldBytes)
	def64(&l.MaxFileBytes, DefaultMaxFileBytes)
	def(&l.MaxParts, DefaultMaxParts)
	def(&l.MaxDepth, DefaultMaxDepth)
	def(&l.MaxArraySlots, DefaultMaxArraySlots)
	def(&l.MaxBigIntDigits, DefaultMaxBigIntDigits)
	def(&l.MaxBoundArgs, DefaultMaxBoundArgs)
	return l
}
