package bot

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones embedded: a schedule works on a machine without zoneinfo
)

// Schedule is when a chat gets a question: a local time of day on some days
// of the week, in an IANA time zone.
type Schedule struct {
	// At is the local time of day, "HH:MM".
	At string `json:"at"`
	// Days is the set of weekdays, as a spec: "daily", "mon-fri", "mon,wed,fri".
	Days string `json:"days"`
	// TZ is the IANA zone, such as "Asia/Shanghai".
	TZ string `json:"tz"`
}

// ErrBadSpec is returned for a schedule spec that cannot be read. The
// error is a *SpecError, which says which part is wrong.
var ErrBadSpec = errors.New("bad schedule")

// SpecError is a part of a schedule that cannot be read: Part is "time",
// "day", "zone" or "format", Value what was written. A chat shows it in
// the person's language (the catalog's spec.PART); logs and the command
// line show Error.
type SpecError struct {
	Part, Value string
	msg         string
}

func (e *SpecError) Error() string { return ErrBadSpec.Error() + ": " + e.msg }

// Unwrap makes errors.Is(err, ErrBadSpec) hold.
func (e *SpecError) Unwrap() error { return ErrBadSpec }

func specError(part, value, format string, args ...any) error {
	return &SpecError{Part: part, Value: value, msg: fmt.Sprintf(format, args...)}
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// weekdays is a set of days, bit i for time.Weekday(i).
type weekdays uint8

const everyDay weekdays = 0x7f

// ParseSchedule reads "HH:MM [DAYS]" in zone tz. DAYS is "daily" (the
// default), "weekdays", "weekends", a range ("mon-fri", "fri-mon"), a list
// ("mon,wed,fri") or a mix ("mon-wed,sat"); 每天, 工作日 and 周末 work too.
func ParseSchedule(spec, tz string) (Schedule, error) {
	fields := strings.Fields(spec)
	if len(fields) == 0 || len(fields) > 2 {
		return Schedule{}, specError("format", spec, "%q: want \"HH:MM DAYS\", such as \"09:00 mon-fri\"", spec)
	}
	at, err := parseClock(fields[0])
	if err != nil {
		return Schedule{}, err
	}
	days := "daily"
	if len(fields) == 2 {
		days = fields[1]
	}
	set, err := parseDays(days)
	if err != nil {
		return Schedule{}, err
	}
	if _, err := LoadZone(tz); err != nil {
		return Schedule{}, err
	}
	return Schedule{At: at, Days: formatDays(set), TZ: tz}, nil
}

// LoadZone loads an IANA zone, with a message that says what a zone looks
// like when the name is wrong.
func LoadZone(name string) (*time.Location, error) {
	if name == "" || strings.EqualFold(name, "local") {
		return nil, specError("zone", name, "time zone %q: name an IANA zone such as Asia/Shanghai or Europe/Berlin", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		if z := canonicalZone(name); z != "" {
			return time.LoadLocation(z)
		}
		return nil, specError("zone", name, "unknown time zone %q: name an IANA zone such as Asia/Shanghai or Europe/Berlin", name)
	}
	return loc, nil
}

// reClock matches the ways people write a time of day: 09:00, 9:30,
// 0830, 9am, 9:30pm, 9点, 9点30, 21h.
var reClock = regexp.MustCompile(`^(\d{1,2})(?:[:：.点h](\d{2})?|(\d{2}))?(am|pm|a\.m\.|p\.m\.|点|h)?$`)

// IsClock reports whether a word is a time of day rather than days.
func IsClock(s string) bool {
	return reClock.MatchString(strings.ToLower(strings.TrimSpace(s)))
}

func parseClock(s string) (string, error) {
	bad := specError("time", s, "time %q: want HH:MM from 00:00 to 23:59", s)
	m := reClock.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return "", bad
	}
	min := m[2] + m[3]
	if len(m[1]) == 2 && m[3] == "" && m[2] == "" && strings.Contains(s, ":") {
		return "", bad // "09:" has no minutes
	}
	hh, _ := strconv.Atoi(m[1])
	mm := 0
	if min != "" {
		mm, _ = strconv.Atoi(min)
	}
	switch m[4] {
	case "am", "a.m.":
		if hh < 1 || hh > 12 {
			return "", bad
		}
		hh %= 12
	case "pm", "p.m.":
		if hh < 1 || hh > 12 {
			return "", bad
		}
		hh = hh%12 + 12
	}
	if hh > 23 || mm > 59 {
		return "", bad
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), nil
}

func parseDays(s string) (weekdays, error) {
	switch strings.ToLower(s) {
	case "daily", "everyday", "every-day", "*", "每天", "每日":
		return everyDay, nil
	case "weekdays", "workdays", "工作日":
		return parseDays("mon-fri")
	case "weekends", "周末":
		return parseDays("sat,sun")
	}
	var set weekdays
	for _, part := range strings.Split(strings.ToLower(s), ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, okA := dayIndex(from)
		if !okA {
			return 0, specError("day", from, "day %q: want mon, tue, wed, thu, fri, sat or sun (or daily, weekdays, weekends)", from)
		}
		if !isRange {
			set |= 1 << a
			continue
		}
		b, okB := dayIndex(to)
		if !okB {
			return 0, specError("day", to, "day %q: want mon, tue, wed, thu, fri, sat or sun", to)
		}
		for d := a; ; d = (d + 1) % 7 {
			set |= 1 << d
			if d == b {
				break
			}
		}
	}
	return set, nil
}

func dayIndex(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 3 {
		s = s[:3]
	}
	for i, d := range dayNames {
		if d == s {
			return i, true
		}
	}
	return 0, false
}

func formatDays(set weekdays) string {
	switch set {
	case everyDay:
		return "daily"
	case 0x3e:
		return "mon-fri"
	case 0x41:
		return "sat,sun"
	}
	var names []string
	for i := 1; i <= 7; i++ {
		if d := i % 7; set&(1<<d) != 0 {
			names = append(names, dayNames[d])
		}
	}
	return strings.Join(names, ",")
}

// String returns the spec as "HH:MM DAYS TZ".
func (s Schedule) String() string { return s.At + " " + s.Days + " " + s.TZ }

// parsed reads the schedule's parts, loading its zone with loadZone.
func (s Schedule) parsed(loadZone func(string) (*time.Location, error)) (hh, mm int, days weekdays, loc *time.Location, err error) {
	if _, err = parseClock(s.At); err != nil {
		return
	}
	fmt.Sscanf(s.At, "%d:%d", &hh, &mm)
	if days, err = parseDays(s.Days); err != nil {
		return
	}
	loc, err = loadZone(s.TZ)
	return
}

// Next returns the first push time strictly after t.
//
// The time is the first instant the local clock reads At on an allowed
// day. On a day the clock jumps over At (a spring-forward gap) that is the
// end of the gap; on a day the clock reads At twice (fall back) it is the
// first. A day gives one slot, whatever its length.
func (s Schedule) Next(t time.Time) (time.Time, error) {
	hh, mm, days, loc, err := s.parsed(LoadZone)
	if err != nil {
		return time.Time{}, err
	}
	local := t.In(loc)
	for i := 0; i <= 8; i++ {
		day := time.Date(local.Year(), local.Month(), local.Day()+i, 12, 0, 0, 0, loc)
		if days&(1<<day.Weekday()) == 0 {
			continue
		}
		if slot := slotOn(day, hh, mm, loc); slot.After(t) {
			return slot, nil
		}
	}
	return time.Time{}, specError("day", s.Days, "no day in %q", s.Days)
}

// Last returns the latest push time at or before t, or the zero time if
// there is none in the week before t.
func (s Schedule) Last(t time.Time) (time.Time, error) {
	return s.LastWith(t, LoadZone)
}

// LastWith is Last, loading the schedule's zone with loadZone (a cache of
// loaded zones).
func (s Schedule) LastWith(t time.Time, loadZone func(string) (*time.Location, error)) (time.Time, error) {
	hh, mm, days, loc, err := s.parsed(loadZone)
	if err != nil {
		return time.Time{}, err
	}
	local := t.In(loc)
	for i := 0; i <= 8; i++ {
		day := time.Date(local.Year(), local.Month(), local.Day()-i, 12, 0, 0, 0, loc)
		if days&(1<<day.Weekday()) == 0 {
			continue
		}
		if slot := slotOn(day, hh, mm, loc); !slot.After(t) {
			return slot, nil
		}
	}
	return time.Time{}, nil
}

// slotOn returns the first instant of the given local day at which the
// clock reads hh:mm or later.
func slotOn(day time.Time, hh, mm int, loc *time.Location) time.Time {
	y, m, d := day.Date()
	// The wall time can exist once, twice (the clock falls back past it) or
	// not at all (the clock jumps over it). Try it under the offsets in
	// force at the start and at the end of the day, and keep the earliest
	// that really reads hh:mm.
	wall := time.Date(y, m, d, hh, mm, 0, 0, time.UTC)
	var best time.Time
	for _, edge := range []time.Time{time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d, 23, 59, 0, 0, loc)} {
		_, off := edge.Zone()
		u := wall.Add(-time.Duration(off) * time.Second).In(loc)
		if u.Hour() == hh && u.Minute() == mm && u.Day() == d && (best.IsZero() || u.Before(best)) {
			best = u
		}
	}
	if !best.IsZero() {
		return best
	}
	// A gap: the clock jumps from before hh:mm to after it. The local time
	// increases through the day, so search for the first minute past it.
	target := hh*60 + mm
	lo, hi := time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d, 23, 59, 0, 0, loc)
	for hi.Sub(lo) > time.Minute {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Minute)
		if l := mid.In(loc); l.Hour()*60+l.Minute() >= target {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
