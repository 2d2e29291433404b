package bot

import (
	_ "embed"
	"strings"
)

// zoneNames lists the IANA zone names Go knows (those of its embedded
// time/tzdata), one a line, so a zone typed in any case is found:
// "europe/berlin" is Europe/Berlin. TestZoneListIsGos keeps it current.
//
//go:embed zones.txt
var zoneNames string

// canonicalZone returns the IANA name that name spells in another case,
// or "" when there is none.
func canonicalZone(name string) string {
	want := strings.ToLower(strings.TrimSpace(name))
	for _, z := range strings.Split(zoneNames, "\n") {
		if strings.ToLower(z) == want && z != "" {
			return z
		}
	}
	return ""
}
