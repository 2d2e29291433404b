package bot_test

import (
	"errors"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestScheduleNext(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	berlin := mustZone(t, "Europe/Berlin")
	tests := []struct {
		name string
		spec string
		tz   string
		from time.Time
		want []time.Time
	}{
		{"daily", "09:00", "Asia/Shanghai", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC),
			[]time.Time{time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC), time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)}},
		{"weekdays skip the weekend", "08:00 mon-fri", "Europe/Berlin", time.Date(2026, 11, 27, 12, 0, 0, 0, berlin), // a Friday
			[]time.Time{time.Date(2026, 11, 30, 8, 0, 0, 0, berlin), time.Date(2026, 12, 1, 8, 0, 0, 0, berlin)}},
		{"a list", "20:00 mon,wed", "Europe/Berlin", time.Date(2026, 11, 25, 21, 0, 0, 0, berlin), // Wednesday evening
			[]time.Time{time.Date(2026, 11, 30, 20, 0, 0, 0, berlin), time.Date(2026, 12, 2, 20, 0, 0, 0, berlin)}},
		{"spring forward: the time in the gap fires when the gap ends", "02:30", "America/New_York", time.Date(2026, 3, 7, 12, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 6, 30, 0, 0, time.UTC)}},
		{"fall back: a time read twice fires once, the first time", "01:30", "America/New_York", time.Date(2026, 10, 31, 12, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), time.Date(2026, 11, 2, 6, 30, 0, 0, time.UTC)}},
		{"spring forward in Berlin keeps 09:00 local", "09:00", "Europe/Berlin", time.Date(2026, 3, 28, 12, 0, 0, 0, berlin),
			[]time.Time{time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC), time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := bot.ParseSchedule(tt.spec, tt.tz)
			if err != nil {
				t.Fatal(err)
			}
			at := tt.from
			for i, want := range tt.want {
				got, err := s.Next(at)
				if err != nil {
					t.Fatal(err)
				}
				if !got.Equal(want) {
					t.Errorf("fire %d = %v, want %v", i, got.UTC(), want.UTC())
				}
				at = got
			}
		})
	}
	for _, bad := range []struct{ spec, tz string }{{"25:00", "UTC"}, {"13pm", "UTC"}, {"0am", "UTC"}, {"9:5", "UTC"}, {"2400", "UTC"}, {"09:00 funday", "UTC"}, {"09:00", "Mars/Base"}, {"09:00", ""}, {"", "UTC"}} {
		if _, err := bot.ParseSchedule(bad.spec, bad.tz); !errors.Is(err, bot.ErrBadSpec) {
			t.Errorf("ParseSchedule(%q, %q) = %v, want ErrBadSpec", bad.spec, bad.tz, err)
		}
	}
}

// TestScheduleTimeForms checks the ways people write a time of day.
func TestScheduleTimeForms(t *testing.T) {
	for in, want := range map[string]string{"9am": "09:00", "9:30pm": "21:30", "12am": "00:00", "12pm": "12:00", "0830": "08:30",
		"830": "08:30", "9": "09:00", "9点": "09:00", "9点30": "09:30", "21h": "21:00", "7：05": "07:05", "09:00": "09:00"} {
		s, err := bot.ParseSchedule(in, "UTC")
		if err != nil || s.At != want {
			t.Errorf("%q: %+v %v, want %s", in, s, err, want)
		}
	}
}
