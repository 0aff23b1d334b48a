package actions

import (
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goactions/actions/flight"
)

// FormFuzzExtra is embedded by pointer in formFuzzTarget: promoted fields
// behind a nil pointer are allocated on the way. (Exported because Go only
// lets exported pointer types be allocated through an embedded field.)
type FormFuzzExtra struct {
	Note  string `form:"note"`
	Level uint16
}

// formFuzzTarget has a field of every kind a form fills.
type formFuzzTarget struct {
	audit
	times
	*FormFuzzExtra
	S      string         `form:"s"`
	B      bool           `form:"b"`
	I8     int8           `form:"i8"`
	I      int            `form:"i"`
	U8     uint8          `form:"u8"`
	U64    uint64         `form:"u64"`
	F32    float32        `form:"f32"`
	F64    float64        `form:"f64"`
	PI     *int           `form:"pi"`
	PS     *string        `form:"ps"`
	PB     **bool         `form:"pb"`
	T      time.Time      `form:"t"`
	PT     *time.Time     `form:"pt"`
	IP     netip.Addr     `form:"ip"`
	Slug   *slug          `form:"slug"`
	File   *flight.File   `form:"file"`
	FileV  flight.File    `form:"filev"`
	Files  []*flight.File `form:"files"`
	Tags   []string       `form:"tags"`
	Nums   []int          `form:"nums"`
	PNums  []*float64     `form:"pnums"`
	Any    any            `form:"any"`
	Anys   []any          `form:"anys"`
	Home   address        `form:"home"`
	Work   *address       `form:"work"`
	Next   *node          `form:"next"`
	Meta   map[string]string
	Multi  *map[string][]string
	Dotted string `form:"a.b"`
	Bools  []bool `form:"bools"`
}

// fuzzForm reads a form from lines "name=value"; a line "!name=x" is a file
// named x holding x, and "!name=" an empty file input.
func fuzzForm(data string) *flight.FormData {
	form := &flight.FormData{}
	for _, line := range strings.Split(data, "\n") {
		name, value, _ := strings.Cut(line, "=")
		if fileName, isFile := strings.CutPrefix(name, "!"); isFile {
			form.AppendFile(fileName, &flight.File{Name: value, Data: []byte(value)})
			continue
		}
		form.Append(name, value)
	}
	return form
}

var fuzzMessages = map[string]bool{msgText: true, msgFile: true, msgBool: true, msgWhole: true,
	msgNumber: true, msgDate: true, msgValid: true}

// FuzzDecodeFormInto posts arbitrary names and values: decoding never
// panics and never reports a programmer error, every error key is a name
// that was posted, every message is one of the user-facing ones, and the
// same form always decodes the same way.
func FuzzDecodeFormInto(f *testing.F) {
	for _, seed := range []string{
		"s=hello\nb=on\ni8=-128\ni=1e3\nu8=2.0\nu64=18446744073709551615\nf32=1.5\nf64=-2e-3",
		"pi=\nps=\npb=yes\nt=2025-03-01\npt=2025-03-01T09:30:15.5\nip=::1\nslug=a-b",
		"!file=a.png\n!filev=b\n!files=\n!files=c\nfiles=text\n!s=x",
		"tags[]=a\ntags[]=\nnums=1\nnums=x\npnums=\npnums=2.5\nbools=off\nbools=1",
		"any=x\n!any=f\nanys=1\n!anys=g",
		"home.city=Paris\nhome[zip]=75001\nwork[city]=\nwork.zip=1\nHOME.CITY=folded",
		"next.next.next.label=deep\nnext[next][label]=x\nnext..label=y\nnext[label=z",
		"Meta[a]=1\nmeta.b.c=2\nMulti[x]=1\nmulti[x]=2\n!Meta[f]=f",
		"createdBy=ada\nTitle=t\nnote=n\nLevel=70000\na.b=dotted\nday=2025-03-01\nAT=2025-03-01T09:30Z\nmaybe=",
		"$ACTION_ID_abc=\n$ACTION_KEY=k\n[s]=x\ns[]=y",
		"i8=300\nu8=-1\nf32=1e39\nt=15:04\nip=bad\nslug=A B\nb=maybe",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		form := fuzzForm(data)
		var first, second formFuzzTarget
		errs, err := decodeFormInto(form, reflect.ValueOf(&first))
		if err != nil {
			t.Fatalf("client input gave a programmer error: %v", err)
		}
		posted := map[string]bool{}
		for _, e := range form.Entries {
			posted[e.Name] = true
		}
		for name, msgs := range errs {
			if !posted[name] {
				t.Errorf("error key %q was not posted", name)
			}
			if len(msgs) == 0 {
				t.Errorf("error key %q has no message", name)
			}
			for _, m := range msgs {
				if !fuzzMessages[m] && !strings.HasPrefix(m, "must be between ") {
					t.Errorf("message %q for %q is not a user-facing one", m, name)
				}
			}
		}
		again, err := decodeFormInto(form, reflect.ValueOf(&second))
		if err != nil || !reflect.DeepEqual(first, second) || !reflect.DeepEqual(errs, again) {
			t.Errorf("the same form decoded differently:\n%+v %q\n%+v %q", first, errs, second, again)
		}
	})
}
