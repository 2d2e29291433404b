package main

import (
	"fmt"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

func scheduleCmd(e env, args []string) error {
	if len(args) > 0 && isHelp(args[0]) {
		return helpRequest{"Usage:\n  interviewbot schedule next --spec 'HH:MM DAYS' [--tz Area/City] [--from RFC3339] [--count N]\n\nRun 'interviewbot schedule next --help' for its flags.\n"}
	}
	if len(args) == 0 || args[0] != "next" {
		return usageError{cmd: "schedule", msg: "expected the subcommand next"}
	}
	fs := newCommand("schedule next", "--spec 'HH:MM DAYS' [--tz Area/City] [--from RFC3339] [--count N]", "Print the next push times of a schedule, in its time zone.")
	spec := fs.String("spec", "", "the schedule, `'HH:MM DAYS'`, such as '09:00 mon-fri'")
	tz := fs.String("tz", "", "IANA time zone `Area/City`, such as Asia/Shanghai (default: the system's)")
	from := fs.String("from", "", "start `TIME`, RFC 3339 (default now)")
	count := fs.Int("count", 5, "how many times (`N`) to print")
	pos, err := fs.parse(args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fs.usageError("unexpected argument %q", pos[0])
	}
	if *spec == "" {
		return fs.usageError("--spec is required")
	}
	if *tz == "" {
		// As at the terminal: the system's zone, else UTC.
		if *tz = systemZone(); *tz == "" {
			*tz = "UTC"
		}
	}
	if *count < 1 || *count > 1000 {
		return fs.usageError("--count %d: want 1 to 1000", *count)
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
