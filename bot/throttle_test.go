package bot_test

import (
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// TestFloodIsThrottledWithoutSlowingOthers: one person sends 50 messages
// at once; ten are handled, the eleventh gets a single notice, the rest are
// dropped; someone else is served as usual, and the flooder is served again
// once the flood stops.
func TestFloodIsThrottledWithoutSlowingOthers(t *testing.T) {
	h := newHarness(t, func(c *bot.Config) { c.PersonRate, c.PersonBurst = time.Second, 10 })
	handled, notices, silent := 0, 0, 0
	for range 50 {
		rs := h.cmd("help", "")
		switch {
		case len(rs) == 0:
			silent++
		case rs[0].Kind == bot.KindError:
			notices++
			mustContain(t, text(rs), "消息太快了")
		default:
			handled++
		}
	}
	if handled != 10 || notices != 1 || silent != 39 {
		t.Errorf("handled %d, notices %d, dropped silently %d; want 10, 1, 39", handled, notices, silent)
	}
	other := bot.User{Platform: bot.Telegram, ID: "999", Name: "Other"}
	rs := h.event(bot.Event{Kind: bot.EventCommand, Command: "help", User: other, Chat: bot.Chat{Platform: bot.Telegram, ID: "999", Kind: bot.Private}})
	mustContain(t, text(rs), "怎么用")
	h.clock.Add(3 * time.Second)
	mustContain(t, text(h.cmd("help", "")), "怎么用")
}
