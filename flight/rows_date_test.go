package flight

import (
	"math/rand"
	"testing"
	"time"
)

// parseISOFast must read exactly what time.Parse reads with parseISO's
// layout and with parseJSDate's, and give up (never disagree) on the rest.
func TestParseISOFastAgreesWithTimeParse(t *testing.T) {
	t.Parallel()
	const layout = "2006-01-02T15:04:05.000Z07:00"
	r := rand.New(rand.NewSource(1))
	samples := []string{"2024-02-29T00:00:00.000Z", "2023-02-29T00:00:00.000Z", "2025-04-31T00:00:00.000Z",
		"2025-01-01T24:00:00.000Z", "2025-01-01T00:60:00.000Z", "2025-01-01T00:00:60.000Z", "0000-01-01T00:00:00.000Z",
		"2025-13-01T00:00:00.000Z", "2025-00-01T00:00:00.000Z", "2025-01-00T00:00:00.000Z", "2025-01-01T00:00:00.000+",
		"+2025-01-01T00:00:00.00Z", "2025-01-01 00:00:00.000Z", "2025-01-01T00:00:00.0a0Z"}
	canonical := map[string]bool{}
	for range 20000 {
		d := time.Unix(r.Int63n(253402300800), r.Int63n(1e9)).UTC()
		s := []byte(d.Format("2006-01-02T15:04:05.000Z"))
		if r.Intn(3) == 0 {
			const bytes = "0123456789-T:.Z+x/: \xfa\xff\x00"
			s[r.Intn(len(s))] = bytes[r.Intn(len(bytes))]
		} else {
			canonical[string(s)] = true
		}
		samples = append(samples, string(s))
	}
	for _, s := range samples {
		got, ok := parseISOFast(s)
		want, err := time.Parse(layout, s)
		if ok && (err != nil || !got.Equal(want) || got.Location() != time.UTC) {
			t.Fatalf("parseISOFast(%q) = %v, time.Parse gives %v, %v", s, got, want, err)
		}
		// parseJSDate, a reply's, reads with RFC3339Nano after trying it.
		if want, err := time.Parse(time.RFC3339Nano, s); ok && (err != nil || !got.Equal(want)) {
			t.Fatalf("parseISOFast(%q) = %v, time.Parse with RFC3339Nano gives %v, %v", s, got, want, err)
		}
		if _, valid := canonical[s]; valid && !ok {
			t.Errorf("parseISOFast(%q) gave up on a date toISOString writes", s)
		}
	}
}
