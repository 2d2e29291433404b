package engine_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// commits counts the store's commits while f runs.
func (h *harness) commits(f func()) uint64 {
	before := h.db.WriteStats().Commits
	f()
	return h.db.WriteStats().Commits - before
}

// Each step of a conversation commits once: a newcomer's first /next (the
// person and the chat created, the question opened), the question's
// message recorded once sent, the answer; a known person's /next.
func TestOneCommitPerStep(t *testing.T) {
	h := newHarness(t)
	ev := bot.Event{Kind: bot.EventCommand, Command: "next", Chat: h.chat, User: h.user, MessageID: "u1"}
	var replies []bot.Reply
	if n := h.commits(func() { replies = h.bot.Handle(h.ctx, ev) }); n != 2 {
		t.Errorf("a newcomer's /next: %d commits, want 2 (person and chat, the question)", n)
	}
	qid := askedQuestion(t, replies)
	var track string
	for _, r := range replies {
		if r.Track != "" {
			track = r.Track
		}
	}
	if n := h.commits(func() { h.bot.Sent(h.ctx, h.chat, track, "m1") }); n != 1 {
		t.Errorf("the question sent: %d commits, want 1", n)
	}
	if p, err := h.db.Pending(h.ctx, h.chat.Key(), h.user.Key()); err != nil || p.QuestionID != qid || p.MessageID != "m1" {
		t.Errorf("open question %+v, %v; want %s asked by m1", p, err, qid)
	}
	answer := bot.Event{Kind: bot.EventMessage, Text: "恢复点目标是可以丢多少数据，恢复时间目标是多久恢复", Chat: h.chat, User: h.user, MessageID: "u2", ReplyTo: "m1"}
	if n := h.commits(func() { replies = h.bot.Handle(h.ctx, answer) }); n != 1 {
		t.Errorf("an answer: %d commits, want 1", n)
	}
	if replies[len(replies)-1].Kind != bot.KindFeedback {
		t.Fatalf("no feedback: %q", text(replies))
	}
	ev.MessageID = "u3"
	if n := h.commits(func() { h.bot.Handle(h.ctx, ev) }); n != 1 {
		t.Errorf("a known person's /next: %d commits, want 1", n)
	}
	h.cmd("subscribe", "09:00")
	if n := h.commits(func() { h.cmd("tz", "Europe/Berlin") }); n != 1 {
		t.Errorf("/tz in a private chat (the chat's and the person's zone): %d commits, want 1", n)
	}
}

// SchedulePushes claims the slots of due chats in batches, each in one
// transaction that also enqueues the pushes and opens their questions.
func TestSchedulePushesClaimsInBatches(t *testing.T) {
	h := newHarness(t)
	const chats = 250
	sched := &bot.Schedule{At: "09:00", Days: "daily", TZ: "Asia/Shanghai"}
	for i := range chats {
		id := fmt.Sprint(1000 + i)
		u := bot.UserRecord{Key: "telegram:" + id, Platform: bot.Telegram, ID: id, Name: "p" + id, Started: true}
		c := bot.ChatRecord{Key: u.Key, Platform: bot.Telegram, ID: id, Kind: bot.Private, Owner: u.Key, Schedule: sched}
		if err := h.db.PutUserAndChat(h.ctx, &u, &c); err != nil {
			t.Fatal(err)
		}
	}
	h.clock.Set(time.Date(2026, 11, 25, 1, 0, 10, 0, time.UTC)) // 09:00:10 Shanghai
	var n int
	commits := h.commits(func() {
		var err error
		if n, err = h.bot.SchedulePushes(h.ctx); err != nil {
			t.Fatal(err)
		}
	})
	if n != chats {
		t.Fatalf("%d pushes enqueued, want %d", n, chats)
	}
	// Batches prepared at once may share a commit: at most one each.
	if want := uint64((chats + 99) / 100); commits == 0 || commits > want {
		t.Errorf("%d commits for %d chats, want 1 to %d", commits, chats, want)
	}
	for _, i := range []int{0, 123, chats - 1} {
		key := fmt.Sprintf("telegram:%d", 1000+i)
		p, err := h.db.Pending(h.ctx, key, key)
		c, _ := h.db.Chat(h.ctx, key)
		if err != nil || p.QuestionID == "" || c.LastAsked != p.QuestionID || c.LastSlot.IsZero() {
			t.Errorf("%s: open question %+v (%v), chat %+v", key, p, err, c)
		}
	}
	if depth, _ := h.db.OutboxDepth(h.ctx); depth != chats {
		t.Errorf("outbox depth %d, want %d", depth, chats)
	}
	// Nothing is due twice.
	if n, err := h.bot.SchedulePushes(h.ctx); err != nil || n != 0 {
		t.Errorf("again: %d pushes, %v", n, err)
	}
}
