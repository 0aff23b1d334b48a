package flight

import (
	"reflect"
	"sync"
	"sync/atomic"
)

// This file decides once per Go type how UnmarshalRows fills values of that
// type from row JSON: straight from the text for the common kinds, or
// through the dynamic value and Unmarshal's rules for everything else, so
// that the two can never disagree on what a type takes.

type planKind uint8

const (
	planDynamic planKind = iota // decode the value, then store it by Unmarshal's rules
	planBool
	planString
	planInt
	planUint
	planFloat
	planTime
	planPointer
	planSlice
	planArray
	planStruct
	planMap // string keys
)

// typedPlan is how one Go type is filled.
type typedPlan struct {
	kind planKind
	t    reflect.Type
	bits int // numbers: the size of the Go type

	// lastLen is the length of the last slice of the type read, which
	// sizes the next: a client mostly reads the same lists again.
	lastLen atomic.Int64

	// The plans below it, worked out on first use (lazily, so that a
	// recursive type does not recurse here).
	once   sync.Once
	elem   *typedPlan  // pointer, slice, array and map element
	fields []fieldPlan // struct
	info   *structInfo // struct
	// leaves: a struct whose fields all are leaves with plain keys, which
	// structRead.leafMembers reads.
	leaves bool
}

type fieldPlan struct {
	*field
	plan *typedPlan
	// offset is where the field is in the struct, when no embedded
	// pointer lies on the way (flat): such a field is written in place.
	offset uintptr
	flat   bool
	leaf   bool // flat, and of a kind rowsUnmarshaler.scalar writes
	// key is the name as JSON spells a member's key, when it needs no
	// escapes: a key spelled so is the name (see structRead.members).
	key *memberKey
}

var typedPlans sync.Map // reflect.Type -> *typedPlan

func planOf(t reflect.Type) *typedPlan {
	if p, ok := typedPlans.Load(t); ok {
		return p.(*typedPlan)
	}
	plan := &typedPlan{t: t, kind: planKindOf(t)}
	switch plan.kind {
	case planInt, planUint, planFloat:
		plan.bits = t.Bits()
	}
	p, _ := typedPlans.LoadOrStore(t, plan)
	return p.(*typedPlan)
}

// scalar reports whether the plan's values are written by
// rowsUnmarshaler.scalar.
func (p *typedPlan) scalar() bool {
	switch p.kind {
	case planBool, planString, planInt, planUint, planFloat, planTime:
		return true
	}
	return false
}

var (
	anysType   = reflect.TypeFor[[]any]()
	objectType = reflect.TypeFor[map[string]any]()
)

// planKindOf follows the order of unmarshaler.store: every type it treats
// specially, before or instead of its kind, is left to it.
func planKindOf(t reflect.Type) planKind {
	switch {
	case t.Kind() == reflect.Interface:
		return planDynamic
	case t.Kind() == reflect.Pointer:
		return planPointer
	case t == timeType:
		return planTime
	case t == bigIntType || modelType[t]:
		return planDynamic
	case reflect.PointerTo(t).Implements(jsonUnmarshalerType), reflect.PointerTo(t).Implements(textUnmarshalerType):
		return planDynamic
	case anysType.AssignableTo(t), objectType.AssignableTo(t):
		return planDynamic // a decoded []any or map[string]any is stored as it is
	}
	switch t.Kind() {
	case reflect.Bool:
		return planBool
	case reflect.String:
		return planString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return planInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return planUint
	case reflect.Float32, reflect.Float64:
		return planFloat
	case reflect.Slice:
		return planSlice
	case reflect.Array:
		return planArray
	case reflect.Struct:
		return planStruct
	case reflect.Map:
		if t.Key().Kind() == reflect.String && !reflect.PointerTo(t.Key()).Implements(textUnmarshalerType) {
			return planMap
		}
	}
	return planDynamic
}

// below works out the plans below p.
func (p *typedPlan) below() {
	p.once.Do(func() {
		switch p.kind {
		case planPointer, planSlice, planArray, planMap:
			p.elem = planOf(p.t.Elem())
		case planStruct:
			p.info = cachedStructInfo(p.t)
			p.fields = make([]fieldPlan, len(p.info.fields))
			for i := range p.info.fields {
				f := &p.info.fields[i]
				offset, flat := fieldOffset(p.t, f.index)
				plan := planOf(p.t.FieldByIndex(f.index).Type)
				p.fields[i] = fieldPlan{field: f, plan: plan, key: newMemberKey(f.name),
					offset: offset, flat: flat, leaf: flat && plan.scalar()}
			}
			p.leaves = len(p.fields) > 0
			for _, f := range p.fields {
				p.leaves = p.leaves && f.leaf && f.key != nil
			}
		}
	})
}

// lengthHint is the capacity to start a slice of the plan's type with: the
// last length read, within 64 KiB of elements (a hint from one large
// response must not make every later one allocate that much), and at
// least 8.
func (p *typedPlan) lengthHint() int {
	limit := max(8, (64<<10)/max(int(p.t.Elem().Size()), 1))
	return int(min(max(p.lastLen.Load(), 8), int64(limit)))
}

// fieldOffset is where the field at index is in a value of struct type t,
// and whether it is there without going through an embedded pointer.
func fieldOffset(t reflect.Type, index []int) (uintptr, bool) {
	var offset uintptr
	for i, x := range index {
		if i > 0 && t.Kind() == reflect.Pointer {
			return 0, false
		}
		f := t.Field(x)
		offset += f.Offset
		t = f.Type
	}
	return offset, true
}

// fieldNamed is the index of the field whose name is exactly key, or -1.
func (p *typedPlan) fieldNamed(key string) int {
	if len(p.fields) <= 8 {
		for i := range p.fields {
			if p.fields[i].name == key {
				return i
			}
		}
		return -1
	}
	if i, ok := p.info.exact[key]; ok {
		return i
	}
	return -1
}
