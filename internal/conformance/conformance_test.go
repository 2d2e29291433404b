package conformance_test

import (
	"testing"

	"github.com/interviewbot/interviewbot/internal/conformance"
)

// TestConformance runs the suite against every platform: a new platform
// adds its driver to the table.
func TestConformance(t *testing.T) {
	for _, p := range []struct {
		name      string
		newDriver func(t *testing.T) conformance.Driver
	}{
		{"terminal", conformance.NewConsole},
		{"telegram", conformance.NewTelegram},
		{"discord", conformance.NewDiscord},
	} {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			conformance.Run(t, p.newDriver)
		})
	}
}
