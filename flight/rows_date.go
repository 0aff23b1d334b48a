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
		// The year was read as 2000; the real one goes back in before the
		// offset the text gives is taken away.
		return time.Date(year, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location()).UTC(), nil
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
// included).
func parseISOFast(s string) (time.Time, bool) {
	if len(s) != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return time.Time{}, false
	}
	year := digits2(s, 0)*100 + digits2(s, 2)
	month, day := digits2(s, 5), digits2(s, 8)
	hour, minute, sec := digits2(s, 11), digits2(s, 14), digits2(s, 17)
	milli := digits2(s, 20)*10 + digit(s[22])
	if year < 0 || milli < 0 || hour < 0 || minute < 0 || sec < 0 {
		return time.Time{}, false
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	unix := daysFromCivil(year, month, day)*86400 + int64(hour*3600+minute*60+sec)
	return time.Unix(unix, int64(milli)*1e6).UTC(), true
}

// digits2 is the two decimal digits at s[i:], or a negative number so
// large no sum of them is a valid field.
func digits2(s string, i int) int { return digit(s[i])*10 + digit(s[i+1]) }

func digit(c byte) int {
	if c < '0' || c > '9' {
		return -1_000_000
	}
	return int(c - '0')
}

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
