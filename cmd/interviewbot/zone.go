package main

import (
	"os"
	"strings"

	"github.com/interviewbot/interviewbot/bot"
)

// systemZone returns the IANA name of the system's time zone, for the
// person at the terminal: $TZ when it names a zone (":Area/City" too; set
// but empty is UTC), else the zone /etc/localtime links to, else
// /etc/timezone's; "" when none says. Go's time.Local knows the rules but
// calls itself "Local", which a schedule cannot keep.
func systemZone() string {
	if tz, ok := os.LookupEnv("TZ"); ok {
		tz = strings.TrimPrefix(tz, ":")
		if tz == "" {
			return "UTC"
		}
		if z := zoneName(tz); z != "" {
			return z
		}
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
			if z := zoneName(name); z != "" {
				return z
			}
		}
	}
	if data, err := os.ReadFile("/etc/timezone"); err == nil {
		return zoneName(strings.TrimSpace(string(data)))
	}
	return ""
}

// zoneName returns name when it is an IANA zone the bot can load (a path
// such as /usr/share/zoneinfo/Europe/Berlin gives Europe/Berlin), else "".
func zoneName(name string) string {
	if _, rest, ok := strings.Cut(name, "zoneinfo/"); ok {
		name = rest
	}
	loc, err := bot.LoadZone(name)
	if err != nil {
		return ""
	}
	return loc.String()
}
