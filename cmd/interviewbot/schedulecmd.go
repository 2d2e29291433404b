package main

import (
	"fmt"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

func scheduleCmd(e env, args []string) error {
	if len(args) == 0 || args[0] != "next" {
		return fmt.Errorf("schedule: expected next: %w", errUsage)
	}
	fs := newFlagSet("schedule next")
	spec := fs.String("spec", "", "HH:MM DAYS, such as '09:00 mon-fri'")
	tz := fs.String("tz", "", "IANA time zone, such as Asia/Shanghai")
	from := fs.String("from", "", "start time, RFC 3339 (default now)")
	count := fs.Int("count", 5, "how many times to print")
	if _, err := parseInterspersed(fs, args[1:]); err != nil {
		return err
	}
	if *spec == "" || *tz == "" {
		return fmt.Errorf("schedule next: --spec and --tz are required: %w", errUsage)
	}
	if *count < 1 || *count > 1000 {
		return fmt.Errorf("schedule next: --count %d: want 1 to 1000: %w", *count, errUsage)
	}
	s, err := bot.ParseSchedule(*spec, *tz)
	if err != nil {
		return err
	}
	t := time.Now()
	if *from != "" {
		if t, err = time.Parse(time.RFC3339, *from); err != nil {
			return fmt.Errorf("--from %q: want RFC 3339, such as 2026-03-08T00:00:00-05:00", *from)
		}
	}
	loc, _ := bot.LoadZone(*tz)
	for range *count {
		if t, err = s.Next(t); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, t.In(loc).Format(time.RFC3339))
	}
	return nil
}
