package engine_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// TestOnePersonsEventsAtOnce: Discord hands over events concurrently, so
// the core can get several events of one person at the same moment (a
// double tap, an answer typed while a button is pressed). The person's
// record stays whole: as many answers counted as attempts stored.
func TestOnePersonsEventsAtOnce(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	const n = 8
	var wg sync.WaitGroup
	for i := range n {
		ev := bot.Event{Kind: bot.EventMessage, Chat: h.chat, User: h.user, MessageID: "c" + strconv.Itoa(i),
			Text: "RPO 决定能丢多少数据，RTO 是恢复时间 " + strconv.Itoa(i)}
		wg.Go(func() { h.bot.Handle(h.ctx, ev) })
	}
	wg.Wait()
	atts, err := h.db.Attempts(h.ctx, h.user.Key())
	if err != nil {
		t.Fatal(err)
	}
	u, err := h.db.User(h.ctx, h.user.Key())
	if err != nil {
		t.Fatal(err)
	}
	if u.Answered != len(atts) {
		t.Errorf("%d attempts stored but %d answers counted: concurrent events lost an update", len(atts), u.Answered)
	}
	if len(atts) != 1 {
		t.Errorf("%d attempts for one open question answered %d times at once, want 1", len(atts), n)
	}
}

// staleList is a Store whose list of subscribed chats is already out of
// date when the scheduler gets it: meanwhile runs right after the list is
// read, as a command that lands in the same instant would.
type staleList struct {
	bot.Store
	meanwhile func()
}

func (s *staleList) Subscriptions(ctx context.Context) ([]bot.ChatRecord, error) {
	cs, err := s.Store.Subscriptions(ctx)
	if f := s.meanwhile; f != nil {
		s.meanwhile = nil
		f()
	}
	return cs, err
}

// TestCommandAtPushTime: a command that changes the chat while the
// scheduler is about to push wins over the scheduler's copy. Unsubscribing
// at that instant sends nothing and stays unsubscribed; choosing a topic
// at that instant is kept and the push asks from it.
func TestCommandAtPushTime(t *testing.T) {
	setup := func(t *testing.T, meanwhile func(h *harness)) (*harness, *recorder) {
		h := newHarness(t)
		h.clock.Set(time.Date(2026, 11, 24, 23, 0, 0, 0, time.UTC)) // 07:00 Shanghai
		h.cmd("subscribe", "09:00")
		cfg := h.cfg
		cfg.Store = &staleList{Store: h.db, meanwhile: func() { meanwhile(h) }}
		var err error
		if h.bot, err = engine.New(cfg); err != nil {
			t.Fatal(err)
		}
		h.clock.Set(time.Date(2026, 11, 25, 1, 0, 10, 0, time.UTC)) // 09:00:10
		r := &recorder{}
		h.tick(r)
		return h, r
	}
	t.Run("unsubscribe", func(t *testing.T) {
		h, r := setup(t, func(h *harness) { h.cmd("unsubscribe", "") })
		if r.count() != 0 {
			t.Errorf("pushed %d questions to a chat that had just unsubscribed", r.count())
		}
		c, err := h.db.Chat(h.ctx, h.chat.Key())
		if err != nil {
			t.Fatal(err)
		}
		if c.Schedule != nil {
			t.Errorf("the push saved its stale copy: subscribed again to %+v", c.Schedule)
		}
	})
	t.Run("topic", func(t *testing.T) {
		h, r := setup(t, func(h *harness) { h.cmd("topic", "数据库") })
		c, err := h.db.Chat(h.ctx, h.chat.Key())
		if err != nil {
			t.Fatal(err)
		}
		if c.Topic != "数据库" {
			t.Errorf("topic = %q after the push, want the one just chosen", c.Topic)
		}
		if r.count() != 1 {
			t.Fatalf("%d pushes, want 1", r.count())
		}
		mustContain(t, r.sent[0].Text.Plain(), "数据库")
	})
}
