package engine_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// recorder is a Sender that records pushes, failing while fail returns an
// error.
type recorder struct {
	mu   sync.Mutex
	sent []bot.Reply
	fail func(n int) error
	n    int
}

func (r *recorder) Send(ctx context.Context, chat bot.Chat, reply bot.Reply) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	if r.fail != nil {
		if err := r.fail(r.n); err != nil {
			return "", err
		}
	}
	r.sent = append(r.sent, reply)
	return fmt.Sprintf("push%d", len(r.sent)), nil
}

func (r *recorder) count() int { r.mu.Lock(); defer r.mu.Unlock(); return len(r.sent) }

// tick runs the scheduler and the outbox once, as their loops do.
func (h *harness) tick(s bot.Sender) {
	h.t.Helper()
	if _, err := h.bot.SchedulePushes(h.ctx); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.bot.DeliverDue(h.ctx, map[bot.Platform]bot.Sender{bot.Telegram: s}); err != nil {
		h.t.Fatal(err)
	}
}

func TestPushesOncePerSlotAcrossRestarts(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 11, 25, 0, 30, 0, 0, time.UTC)) // 08:30 Shanghai
	h.cmd("subscribe", "09:00 daily Asia/Shanghai")
	r := &recorder{}
	h.tick(r)
	if r.count() != 0 {
		t.Fatal("pushed before the time")
	}
	h.clock.Set(time.Date(2026, 11, 25, 1, 0, 10, 0, time.UTC)) // 09:00:10
	h.tick(r)
	if r.count() != 1 {
		t.Fatalf("pushes at 09:00: %d", r.count())
	}
	mustContain(t, r.sent[0].Text.Plain(), "今日一题")
	// The pushed question is open: a plain reply answers it.
	rs := h.say("RPO 是能丢多少数据")
	mustContain(t, text(rs), "覆盖")

	// A restart within the push minute sends nothing again.
	h.restart()
	h.clock.Add(40 * time.Second)
	h.tick(r)
	h.tick(r)
	if r.count() != 1 {
		t.Errorf("pushed %d times for one slot", r.count())
	}
	// The next day fires once more.
	h.clock.Set(time.Date(2026, 11, 26, 1, 0, 5, 0, time.UTC))
	h.tick(r)
	h.tick(r)
	if r.count() != 2 {
		t.Errorf("pushes after the second day: %d", r.count())
	}
}

func TestPushEnqueuedBeforeACrashIsDeliveredOnce(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	h.cmd("subscribe", "09:00")
	h.clock.Set(time.Date(2026, 11, 25, 1, 0, 1, 0, time.UTC))
	if n, err := h.bot.SchedulePushes(h.ctx); err != nil || n != 1 {
		t.Fatalf("enqueued %d %v", n, err)
	}
	// The process dies before the outbox sends; after the restart the push
	// goes out once.
	h.restart()
	r := &recorder{}
	h.tick(r)
	h.tick(r)
	if r.count() != 1 {
		t.Errorf("delivered %d times", r.count())
	}
}

func TestDowntimeLongerThanGraceSkipsTheSlot(t *testing.T) {
	h := newHarness(t) // grace 2h
	h.clock.Set(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC))
	h.cmd("subscribe", "09:00")
	r := &recorder{}
	// Down from before 09:00 until 10:30 Shanghai: within the grace window,
	// the missed push goes out once.
	h.clock.Set(time.Date(2026, 11, 25, 2, 30, 0, 0, time.UTC))
	h.tick(r)
	h.tick(r)
	if r.count() != 1 {
		t.Fatalf("a push missed by 1h30 with a 2h grace: %d pushes, want 1", r.count())
	}
	// Down from then until 12:00 the next day: the 09:00 slot is 3h late.
	h.clock.Set(time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC))
	h.tick(r)
	if r.count() != 1 {
		t.Errorf("a slot older than the grace window was sent: %d pushes", r.count())
	}
	h.clock.Set(time.Date(2026, 11, 27, 1, 0, 30, 0, time.UTC))
	h.tick(r)
	if r.count() != 2 {
		t.Errorf("the next slot after downtime: %d pushes", r.count())
	}
}

func TestChangedScheduleNeverFiresTheOldTime(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 11, 24, 23, 0, 0, 0, time.UTC)) // 07:00 Shanghai
	h.cmd("subscribe", "09:00")
	h.clock.Set(time.Date(2026, 11, 25, 0, 30, 0, 0, time.UTC)) // 08:30
	h.cmd("subscribe", "10:00")
	r := &recorder{}
	h.clock.Set(time.Date(2026, 11, 25, 1, 0, 30, 0, time.UTC)) // 09:00:30
	h.tick(r)
	if r.count() != 0 {
		t.Fatal("the old 09:00 fired")
	}
	h.clock.Set(time.Date(2026, 11, 25, 2, 0, 30, 0, time.UTC)) // 10:00:30
	h.tick(r)
	if r.count() != 1 {
		t.Errorf("the new 10:00: %d pushes", r.count())
	}
	h.cmd("unsubscribe", "")
	h.clock.Set(time.Date(2026, 11, 26, 2, 0, 30, 0, time.UTC))
	h.tick(r)
	if r.count() != 1 {
		t.Errorf("pushed after unsubscribing: %d", r.count())
	}
}

func TestDSTPushesOncePerDay(t *testing.T) {
	h := newHarness(t)
	ny := mustZone(t, "America/New_York")
	h.clock.Set(time.Date(2026, 3, 7, 12, 0, 0, 0, ny))
	h.cmd("subscribe", "02:30 daily America/New_York")
	r := &recorder{}
	// Spring forward: 02:30 does not exist on March 8; the push goes at 03:00.
	h.clock.Set(time.Date(2026, 3, 8, 6, 59, 0, 0, time.UTC)) // 01:59 EST
	h.tick(r)
	if r.count() != 0 {
		t.Fatal("pushed before the clock reached 02:30")
	}
	h.clock.Set(time.Date(2026, 3, 8, 7, 0, 20, 0, time.UTC)) // 03:00:20 EDT
	h.tick(r)
	if r.count() != 1 {
		t.Fatalf("spring forward: %d pushes", r.count())
	}
	// Fall back: 01:30 happens twice on November 1; one push.
	h.cmd("subscribe", "01:30 daily America/New_York")
	h.clock.Set(time.Date(2026, 11, 1, 5, 30, 20, 0, time.UTC)) // 01:30 EDT
	h.tick(r)
	h.clock.Set(time.Date(2026, 11, 1, 6, 30, 20, 0, time.UTC)) // 01:30 EST
	h.tick(r)
	if r.count() != 2 {
		t.Errorf("fall back: %d pushes in total, want 2", r.count())
	}
}

func TestOutboxRetriesAndGivesUp(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	h.cmd("subscribe", "09:00")
	h.clock.Set(time.Date(2026, 11, 25, 1, 0, 10, 0, time.UTC))
	r := &recorder{fail: func(n int) error {
		if n <= 2 {
			return errors.New("connection reset")
		}
		return nil
	}}
	h.tick(r) // fails, retried in 10 s
	h.tick(r) // not due yet
	if r.n != 1 {
		t.Fatalf("retried before its backoff: %d tries", r.n)
	}
	h.clock.Add(11 * time.Second)
	h.tick(r) // fails again, retried in 20 s
	h.clock.Add(21 * time.Second)
	h.tick(r)
	if r.count() != 1 || r.n != 3 {
		t.Errorf("delivered %d after %d tries", r.count(), r.n)
	}
	if depth, _ := h.db.OutboxDepth(h.ctx); depth != 0 {
		t.Errorf("outbox depth %d", depth)
	}

	// A chat the platform can never reach is given up and unsubscribed.
	blocked := &recorder{fail: func(int) error { return fmt.Errorf("403 blocked: %w", bot.ErrUndeliverable) }}
	h.clock.Set(time.Date(2026, 11, 26, 1, 0, 10, 0, time.UTC))
	h.tick(blocked)
	c, _ := h.db.Chat(h.ctx, h.chat.Key())
	if c.Schedule != nil {
		t.Error("an undeliverable chat stays subscribed")
	}
	if depth, _ := h.db.OutboxDepth(h.ctx); depth != 0 {
		t.Errorf("undeliverable push kept: depth %d", depth)
	}
}

// TestNoRoundsInAChannel: a channel subscribed by an older version (which
// let /subscribe through there) gets no round at its slot: nobody could
// answer it.
func TestNoRoundsInAChannel(t *testing.T) {
	h := newHarness(t)
	s, err := bot.ParseSchedule("09:00 daily", "UTC")
	if err != nil {
		t.Fatal(err)
	}
	ch := bot.ChatRecord{Key: "telegram:-1007", Platform: bot.Telegram, ID: "-1007", Kind: bot.Channel, Schedule: &s,
		LastSlot: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	if err := h.db.PutChat(h.ctx, ch); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(time.Date(2026, 11, 25, 9, 0, 30, 0, time.UTC))
	if n, err := h.bot.SchedulePushes(h.ctx); err != nil || n != 0 {
		t.Errorf("SchedulePushes = %d, %v; want no push", n, err)
	}
	if depth, _ := h.db.OutboxDepth(h.ctx); depth != 0 {
		t.Errorf("%d deliveries queued for a channel", depth)
	}
	if _, err := h.db.OpenRound(h.ctx, ch.Key); err == nil {
		t.Error("a round opened in the channel")
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
