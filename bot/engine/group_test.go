package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// member is a person in the test group.
type member struct {
	user bot.User
	dm   bot.Chat
}

func newMember(id, name string) member {
	u := bot.User{Platform: bot.Telegram, ID: id, Name: name, Lang: "zh"}
	return member{user: u, dm: bot.Chat{Platform: bot.Telegram, ID: id, Kind: bot.Private}}
}

var group = bot.Chat{Platform: bot.Telegram, ID: "-100", Kind: bot.Group, Title: "study"}

func (h *harness) inGroup(m member, ev bot.Event) []bot.Reply {
	ev.Chat, ev.User = group, m.user
	return h.event(ev)
}

// roundMessage returns the platform ID the round question was sent as.
func roundMessage(t *testing.T, h *harness) string {
	t.Helper()
	r, err := h.db.OpenRound(h.ctx, group.Key())
	if err != nil || r.MessageID == "" {
		t.Fatalf("open round %+v %v", r, err)
	}
	return r.MessageID
}

func TestGroupRoundThreeMembers(t *testing.T) {
	h := newHarness(t)
	ada, bob, cy := newMember("1", "Ada"), newMember("2", "Bob"), newMember("3", "Cy")
	// Ada and Bob have talked to the bot privately; Cy has not.
	h.event(bot.Event{Kind: bot.EventCommand, Command: "start", Chat: ada.dm, User: ada.user})
	h.event(bot.Event{Kind: bot.EventCommand, Command: "start", Chat: bob.dm, User: bob.user})

	rs := h.inGroup(bob, bot.Event{Kind: bot.EventCommand, Command: "next"})
	if len(rs) != 1 || rs[0].Kind != bot.KindRound || rs[0].Private {
		t.Fatalf("round question: %+v", rs)
	}
	mustContain(t, text(rs), "本轮题目", "什么是 RPO 和 RTO？")
	msg := roundMessage(t, h)
	// A second /next while the round is open points to it, privately.
	rs = h.inGroup(bob, bot.Event{Kind: bot.EventCommand, Command: "next"})
	if len(rs) != 1 || !rs[0].Private || rs[0].ReplyTo != msg {
		t.Errorf("second /next: %+v", rs)
	}
	// The same answer to the same command at once is given once; a minute
	// later, again.
	if rs := h.inGroup(bob, bot.Event{Kind: bot.EventCommand, Command: "next"}); len(rs) != 0 {
		t.Errorf("repeated /next answered: %+v", rs)
	}
	h.clock.Add(time.Minute)
	if rs := h.inGroup(bob, bot.Event{Kind: bot.EventCommand, Command: "next"}); len(rs) != 1 {
		t.Errorf("/next a minute later: %+v", rs)
	}
	// Cy cannot be reached privately: one line in the group says how.
	rs = h.inGroup(cy, bot.Event{Kind: bot.EventCommand, Command: "next"})
	if len(rs) != 1 || rs[0].Private || rs[0].ReplyTo == "" || !strings.Contains(text(rs), "/start") {
		t.Errorf("Cy's /next: %+v", rs)
	}

	answer := func(m member, text string) []bot.Reply {
		return h.inGroup(m, bot.Event{Kind: bot.EventMessage, Text: text, ReplyTo: msg})
	}
	rs = answer(ada, "RPO 是能丢多少数据")
	if len(rs) != 1 || !rs[0].Private || rs[0].Kind != bot.KindFeedback {
		t.Fatalf("Ada's feedback should be private: %+v", rs)
	}
	mustContain(t, text(rs), "覆盖 1/3")
	// Ada answers again: the second answer replaces the first for the round.
	answer(ada, "RPO 是能丢多少数据，RTO 是多久恢复，一起决定备份频率")
	rs = answer(bob, "RPO 是恢复点目标，RTO 是恢复时间目标")
	// Bob's feedback is private, carries the line the group gets should
	// his private chat refuse it, and its buttons are his.
	if !rs[0].Private || len(rs[0].Unreachable) != 1 || !strings.HasPrefix(rs[0].Buttons[0][0].Action, "@2:rate:") {
		t.Errorf("Bob's feedback: %+v", rs[0])
	}
	// Cy never started the bot: one short line in the group, replying to
	// his answer; no feedback, no buttons, and never the reference.
	rs = answer(cy, "不太清楚，好像和恢复有关")
	if len(rs) != 1 || rs[0].Private || len(rs[0].Buttons) != 0 || rs[0].ReplyTo == "" {
		t.Fatalf("Cy's answer: %+v", rs)
	}
	mustContain(t, text(rs), "Cy", "回答已记录", "/start")
	if got := text(rs); strings.Contains(got, "恢复点目标") || strings.Contains(got, "覆盖") || strings.Count(got, "\n") > 0 {
		t.Errorf("Cy's line shows more than one line: %q", got)
	}

	// Chatter in the group gets nothing.
	if rs := h.inGroup(bob, bot.Event{Kind: bot.EventMessage, Text: "哈哈"}); len(rs) != 0 {
		t.Errorf("chatter answered: %q", text(rs))
	}

	// Each member's answers are in their own progress.
	for _, c := range []struct {
		m    member
		want int
	}{{ada, 2}, {bob, 1}, {cy, 1}} {
		atts, _ := h.db.Attempts(h.ctx, c.m.user.Key())
		if len(atts) != c.want {
			t.Errorf("%s has %d attempts, want %d", c.m.user.Name, len(atts), c.want)
		}
	}

	// Only an admin may reveal; the summary is one message with the figures.
	rs = h.inGroup(bob, bot.Event{Kind: bot.EventCommand, Command: "reveal"})
	mustContain(t, text(rs), "只有群管理员")
	rs = h.inGroup(ada, bot.Event{Kind: bot.EventCommand, Command: "reveal", Admin: true})
	if len(rs) != 1 {
		t.Fatalf("summary is %d messages", len(rs))
	}
	// Ada 100% (her last answer), Bob 67%, Cy 0% → average 56%; 备份频率 missed by Bob and Cy.
	mustContain(t, text(rs), "3 人作答", "平均覆盖 56%", "最常漏掉：备份频率（2/3 人）", "Ada 100% · Bob 67% · Cy 0%", "参考答案")
	if _, err := h.db.OpenRound(h.ctx, group.Key()); err == nil {
		t.Error("the round is still open after /reveal")
	}
}

func TestGroupScheduleSummaryAndLeaderboard(t *testing.T) {
	h := newHarness(t, func(c *engine.Config) { c.RoundLength = 10 * time.Hour })
	ada, bob := newMember("1", "Ada"), newMember("2", "Bob")
	h.clock.Set(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)) // Monday 08:00 Shanghai
	h.event(bot.Event{Kind: bot.EventCommand, Command: "start", Chat: bob.dm, User: bob.user})
	rs := h.inGroup(bob, bot.Event{Kind: bot.EventCommand, Command: "subscribe", Args: "09:00"})
	mustContain(t, text(rs), "只有群管理员")
	h.inGroup(ada, bot.Event{Kind: bot.EventCommand, Command: "subscribe", Args: "09:00", Admin: true})

	r := &recorder{}
	deliver := func(ctx context.Context) {
		if _, err := h.bot.SchedulePushes(ctx); err != nil {
			t.Fatal(err)
		}
		sent := r.count()
		if _, err := h.bot.DeliverDue(ctx, map[bot.Platform]bot.Sender{bot.Telegram: r}); err != nil {
			t.Fatal(err)
		}
		for _, reply := range r.sent[sent:] {
			if reply.Track != "" {
				h.bot.Sent(ctx, group, reply.Track, "g"+reply.Track[len(reply.Track)-3:])
			}
		}
	}
	round := func(day int, adaText, bobText string) {
		h.clock.Set(time.Date(2026, 11, 23+day, 1, 0, 10, 0, time.UTC)) // 09:00:10
		deliver(h.ctx)
		msg := roundMessage(t, h)
		h.inGroup(ada, bot.Event{Kind: bot.EventMessage, Text: adaText, ReplyTo: msg})
		if bobText != "" {
			h.inGroup(bob, bot.Event{Kind: bot.EventMessage, Text: bobText, ReplyTo: msg})
		}
		h.clock.Set(time.Date(2026, 11, 23+day, 11, 0, 30, 0, time.UTC)) // after 10 h
		deliver(h.ctx)
		deliver(h.ctx)
	}
	round(0, "RPO 是能丢多少数据，RTO 是多久恢复，决定备份频率", "RPO 能丢多少数据")
	if r.count() != 2 {
		t.Fatalf("after one round: %d messages, want question + summary", r.count())
	}
	mustContain(t, r.sent[1].Text.Plain(), "本轮总结", "2 人作答", "平均覆盖 67%")
	round(1, "快照不能替代备份，备份是独立的副本", "")
	if r.count() != 4 {
		t.Fatalf("after two rounds: %d messages", r.count())
	}
	mustContain(t, r.sent[3].Text.Plain(), "1 人作答", "平均覆盖 67%")

	rs = h.inGroup(bob, bot.Event{Kind: bot.EventCommand, Command: "top"})
	// Ada: 100 + 67 = 167; Bob: 33. Ada answered both rounds, Bob missed the last.
	mustContain(t, text(rs), "本周：1. Ada 167 · 2. Bob 33", "总榜：1. Ada 167 · 2. Bob 33", "连续作答（轮）：1. Ada 2")
	if strings.Contains(text(rs), "Bob 1") {
		t.Errorf("Bob's streak ended with the round he skipped: %s", text(rs))
	}
}

// TestGroupNextButton: the Next question button under feedback pressed in
// a group (on Discord the feedback is an ephemeral message in the channel)
// is /next in the group, never a question of the member's own posted to
// everyone.
func TestGroupNextButton(t *testing.T) {
	h := newHarness(t)
	ada := newMember("1", "Ada")
	h.event(bot.Event{Kind: bot.EventCommand, Command: "start", Chat: ada.dm, User: ada.user})
	h.inGroup(ada, bot.Event{Kind: bot.EventCommand, Command: "next"})
	msg := roundMessage(t, h)
	rs := h.inGroup(ada, bot.Event{Kind: bot.EventAction, Action: "@1:next"})
	if len(rs) != 1 || !rs[0].Private || rs[0].ReplyTo != msg || rs[0].Kind == bot.KindQuestion {
		t.Fatalf("Next during a round: %+v", rs)
	}
	// Ada's button acts for Ada alone; one without an owner acts for nobody.
	bob := newMember("2", "Bob")
	h.event(bot.Event{Kind: bot.EventCommand, Command: "start", Chat: bob.dm, User: bob.user})
	for _, action := range []string{"@1:next", "next", "@1:rate:1:4", "rate:1:4"} {
		rs = h.inGroup(bob, bot.Event{Kind: bot.EventAction, Action: action})
		if len(rs) != 1 || !rs[0].Private || rs[0].Kind == bot.KindRound || !strings.Contains(text(rs), "按钮") {
			t.Errorf("Bob pressing %s: %+v", action, rs)
		}
	}
	if _, err := h.db.Pending(h.ctx, group.Key(), ada.user.Key()); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Ada has a question of her own in the group: %v", err)
	}
	if c, err := h.db.Chat(h.ctx, group.Key()); err != nil || c.LastAsked != "rpo" {
		t.Errorf("the group's last question = %q, %v; want the round's", c.LastAsked, err)
	}
}
