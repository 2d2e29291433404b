package conformance_test

import (
	"log/slog"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/internal/conformance"
	"github.com/interviewbot/interviewbot/internal/testkit"
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
			conformance.Run(t, p.newDriver, newEngine)
		})
	}
}

// newEngine builds the conversation engine over real bbolt, as cmd does.
func newEngine(t testing.TB, c testkit.EngineConfig) bot.Replier {
	t.Helper()
	e, err := engine.New(engine.Config{Bank: c.Bank, Store: c.Store, Now: c.Now, Lang: c.Lang, TZ: c.TZ, Capabilities: c.Capabilities, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("new engine: %v", err)
	}
	return e
}
