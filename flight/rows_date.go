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
// machinery or time.Date's normalising: rows carry one per Date. ok is
// false for anything else, which parseISO hands to time.Parse (errors
// included). It reads the text as three little-endian words, "YYYY-MM-",
// "DDTHH:MM" and ":SS.mmmZ", and checks the separators and the digits of
// each at once.
func parseISOFast(s string) (time.Time, bool) {
	if len(s) != 24 {
		return time.Time{}, false
	}
	a, b, c := load64(s[0:8]), load64(s[8:16]), load64(s[16:24])
	const (
		sepsA, wantA = 0xff0000ff_00000000, 0x2d00002d_00000000 // '-' '-'
		sepsB, wantB = 0x0000ff00_00ff0000, 0x00003a00_00540000 // 'T' ':'
		sepsC, wantC = 0xff000000_ff0000ff, 0x5a000000_2e00003a // ':' '.' 'Z'
	)
	if a&sepsA != wantA || b&sepsB != wantB || c&sepsC != wantC ||
		!decimalDigits(a, ^uint64(sepsA)) || !decimalDigits(b, ^uint64(sepsB)) || !decimalDigits(c, ^uint64(sepsC)) {
		return time.Time{}, false
	}
	year := nibble(a, 0)*1000 + nibble(a, 1)*100 + nibble(a, 2)*10 + nibble(a, 3)
	month, day := nibble(a, 5)*10+nibble(a, 6), nibble(b, 0)*10+nibble(b, 1)
	hour, minute, sec := nibble(b, 3)*10+nibble(b, 4), nibble(b, 6)*10+nibble(b, 7), nibble(c, 1)*10+nibble(c, 2)
	milli := nibble(c, 4)*100 + nibble(c, 5)*10 + nibble(c, 6)
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	unix := daysFromCivil(year, month, day)*86400 + int64(hour*3600+minute*60+sec)
	return time.Unix(unix, int64(milli)*1e6).UTC(), true
}

// decimalDigits reports whether every byte of x that mask selects is an
// ASCII digit: its high nibble is 3, and stays 3 when 6 is added (no
// carry leaves a byte whose high nibble is 3).
func decimalDigits(x, mask uint64) bool {
	const threes, sixes, highNibbles = 0x30303030_30303030, 0x06060606_06060606, 0xf0f0f0f0_f0f0f0f0
	x &= mask
	return x&highNibbles == threes&mask && (x+sixes&mask)&highNibbles == threes&mask
}

// nibble is the value of the digit in byte i of x.
func nibble(x uint64, i int) int { return int(x >> (8 * i) & 0xf) }

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to a date of the
// proleptic Gregorian calendar in years 0–9999 (Howard Hinnant's
// days_from_civil, with years counted from March).
func daysFromCivil(year, month, day int) int64 {
	y, m := year, month-3
	if m < 0 {
		y, m = y-1, m+12
	}
	y += 400 // year 0 less one is -1: keep it positive for the divisions
	doy := (153*m+2)/5 + day - 1
	days := y*365 + y/4 - y/100 + y/400 + doy
	return int64(days) - 719468 - 146097
}
