package engine_test

import (
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// TestFloodIsThrottledWithoutSlowingOthers: one person sends 50 messages
// at once; ten are handled, the eleventh gets a single notice, the rest are
// dropped; someone else is served as usual, and the flooder is served again
// once the flood stops.
func TestFloodIsThrottledWithoutSlowingOthers(t *testing.T) {
	h := newHarness(t, func(c *engine.Config) { c.PersonRate, c.PersonBurst = time.Second, 10 })
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

// TestAdmitOnArrival: an adapter that queues events asks Admit as each
// arrives. Past the burst, events are dropped there, with one notice per
// flood (not one per minute of it); events admitted earlier but still
// queued when the flood was noticed are part of it and Handle drops them
// too; once the person slows down, admitted events are handled.
func TestAdmitOnArrival(t *testing.T) {
	h := newHarness(t, func(c *engine.Config) { c.PersonRate, c.PersonBurst = time.Second, 3 })
	ev := bot.Event{Kind: bot.EventCommand, Command: "help", User: h.user, Chat: h.chat}
	var queued []bot.Event
	notices := 0
	for range 20 {
		a := h.bot.Admit(h.ctx, ev)
		switch {
		case a.OK:
			e := ev
			e.Admitted = true
			queued = append(queued, e)
		case a.Notice != nil:
			notices++
			mustContain(t, a.Notice.Text.Plain(), "消息太快了")
		}
	}
	if len(queued) != 3 || notices != 1 {
		t.Fatalf("admitted %d, notices %d; want 3 and 1", len(queued), notices)
	}
	for i, e := range queued {
		if rs := h.handle(e); len(rs) != 0 {
			t.Errorf("queued event %d handled after the flood was noticed: %q", i, text(rs))
		}
	}
	h.clock.Add(2 * time.Second)
	a := h.bot.Admit(h.ctx, ev)
	if !a.OK {
		t.Fatal("not admitted after the person slowed down")
	}
	e := ev
	e.Admitted = true
	mustContain(t, text(h.handle(e)), "怎么用")
	// A second flood within the minute: dropped, without a second notice.
	for range 10 {
		if a := h.bot.Admit(h.ctx, ev); a.Notice != nil {
			t.Error("a second notice within a minute")
		}
	}
	h.clock.Add(2 * time.Minute)
	for range 10 {
		if a := h.bot.Admit(h.ctx, ev); a.Notice != nil {
			notices++
		}
	}
	if notices != 2 {
		t.Errorf("a flood two minutes later: %d notices in all, want 2", notices)
	}
}
