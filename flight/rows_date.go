package flight

import (
	"strconv"
	"time"
)

// parseISO parses Date.prototype.toISOString's output, six-digit years
// included.
func parseISO(s string) (time.Time, error) {
	if t, ok := parseISOFast(s); ok {
		return t, nil
	}
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') && len(s) > 7 {
		year, err := strconv.Atoi(s[:7])
		if err != nil {
			return time.Time{}, err
		}
		t, err := time.Parse("2006-01-02T15:04:05.000Z07:00", "2000"+s[7:])
		if err != nil {
			return time.Time{}, err
		}
		return time.Date(year, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), nil
	}
	t, err := time.Parse("2006-01-02T15:04:05.000Z07:00", s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// parseISOFast reads the one spelling toISOString writes for years
// 0000–9999, "2006-01-02T15:04:05.000Z", without time.Parse's layout
// machinery. ok is false for anything else, which parseISO hands to
// time.Parse (errors included).
func parseISOFast(s string) (time.Time, bool) {
	if len(s) != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return time.Time{}, false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day := num(0, 4), num(5, 2), num(8, 2)
	hour, minute, sec, milli := num(11, 2), num(14, 2), num(17, 2), num(20, 3)
	if year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 || milli < 0 {
		return time.Time{}, false
	}
	// time.Date normalises 31 April to 1 May; time.Parse refuses it.
	t := time.Date(year, time.Month(month), day, hour, minute, sec, milli*1e6, time.UTC)
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}
