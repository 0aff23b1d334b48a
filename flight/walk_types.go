package flight

import (
	"reflect"
	"strings"
	"sync"
)

// This file decides once per Go type what the value walk has to do with its
// values, so that the walk does not ask reflect (Implements, Interface and a
// type switch) again for every value: most values are plain strings, numbers
// and structs, and for those every question has the answer "nothing special".

// special is a type the walk writes as a "$" code of its own.
type special uint8

const (
	notSpecial special = iota
	specialUndefined
	specialTime
	specialBigInt
	specialNumber
)

// typeInfo is what the walk needs to know about one Go type.
type typeInfo struct {
	special   special
	outlined  bool // one of outlinedTypes: the outliner handles it
	isError   bool
	marshaler bool

	// For structs: the fields and the info of each field's type, worked out
	// on first use (lazily, so that a recursive type does not recurse here).
	fieldsOnce sync.Once
	fields     []walkField
}

// walkField is a struct field with its JSON key already quoted, since every
// value of the struct writes the same key.
type walkField struct {
	field
	key      []byte // `"name":`
	hasColon bool   // React records no path below such a key
	info     *typeInfo
}

// outlinedTypes are the types both outliners (rows and reply) handle; any
// other type is never passed to them. It must list every case of their
// type switches and of binaryBytes.
var outlinedTypes = map[reflect.Type]bool{}

func init() {
	for _, v := range []any{
		[]byte(nil), ArrayBuffer(nil), Int8Array(nil), Uint8Array(nil), Uint8ClampedArray(nil),
		Int16Array(nil), Uint16Array(nil), Int32Array(nil), Uint32Array(nil),
		Float32Array(nil), Float64Array(nil), BigInt64Array(nil), BigUint64Array(nil), DataView(nil),
		(*Map)(nil), (*Set)(nil), (*FormData)(nil), (*File)(nil), (*Promise)(nil),
		(*Iterator)(nil), (*Stream)(nil), (*ServerRef)(nil), TemporaryRef{}, Symbol(""),
	} {
		outlinedTypes[reflect.TypeOf(v)] = true
	}
}

var typeInfos sync.Map // reflect.Type -> *typeInfo

// The types of decoded trees and most hand-built values skip the cache.
var (
	typeString, infoString   = reflect.TypeFor[string](), &typeInfo{}
	typeFloat64, infoFloat64 = reflect.TypeFor[float64](), &typeInfo{}
	typeBool, infoBool       = reflect.TypeFor[bool](), &typeInfo{}
	typeInt, infoInt         = reflect.TypeFor[int](), &typeInfo{}
	typeAnys, infoAnys       = reflect.TypeFor[[]any](), &typeInfo{}
	typeObject, infoObject   = reflect.TypeFor[map[string]any](), &typeInfo{}
)

// infoOf returns the walk's view of type t, computed once per type.
func infoOf(t reflect.Type) *typeInfo {
	switch t {
	case typeString:
		return infoString
	case typeFloat64:
		return infoFloat64
	case typeBool:
		return infoBool
	case typeInt:
		return infoInt
	case typeAnys:
		return infoAnys
	case typeObject:
		return infoObject
	case typeTime:
		return infoTime
	case typeMapPtr:
		return infoMapPtr
	}
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	return cacheInfo(t)
}

// Dates and Maps are common in values too, and their info is fixed.
var (
	typeMapPtr           = reflect.TypeFor[*Map]()
	infoTime, infoMapPtr *typeInfo
)

func init() {
	infoTime, infoMapPtr = cacheInfo(typeTime), cacheInfo(typeMapPtr)
}

// cacheInfo works out the walk's view of type t and caches it.
func cacheInfo(t reflect.Type) *typeInfo {
	ti := &typeInfo{
		outlined:  outlinedTypes[t],
		isError:   t.Implements(typeErrorIface),
		marshaler: t.Implements(typeMarshaler) || t.Implements(typeFlightMarshaler),
	}
	switch t {
	case typeUndefined:
		ti.special = specialUndefined
	case typeTime:
		ti.special = specialTime
	case typeBigInt:
		ti.special = specialBigInt
	case typeNumber:
		ti.special = specialNumber
	}
	actual, _ := typeInfos.LoadOrStore(t, ti)
	return actual.(*typeInfo)
}

// staticInfo is the info to pass down for values of static type t: nil for
// an interface type, whose values each have their own dynamic type.
func staticInfo(t reflect.Type) *typeInfo {
	if t.Kind() == reflect.Interface {
		return nil
	}
	return infoOf(t)
}

// structFieldsOf returns the fields of struct type t, with its info.
func (ti *typeInfo) structFieldsOf(t reflect.Type) []walkField {
	ti.fieldsOnce.Do(func() {
		fs := structFields(t)
		ti.fields = make([]walkField, len(fs))
		for i, f := range fs {
			key := appendJSString(nil, f.name)
			ti.fields[i] = walkField{
				field: f, key: append(key, ':'),
				hasColon: strings.IndexByte(f.name, ':') >= 0,
				info:     staticInfo(t.FieldByIndex(f.index).Type),
			}
		}
	})
	return ti.fields
}
