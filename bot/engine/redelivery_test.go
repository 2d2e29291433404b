package engine_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// attemptCount returns how many attempts the harness's user has.
func attemptCount(t *testing.T, h *harness) int {
	t.Helper()
	atts, err := h.db.Attempts(h.ctx, h.user.Key())
	if err != nil {
		t.Fatal(err)
	}
	return len(atts)
}

// An answer the platform delivers again after a crash (the bot recorded it
// but never confirmed the update) gets its feedback again and is recorded
// once: attempts, the card and the person's totals are as after one.
func TestRedeliveredAnswerRecordedOnce(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	first := text(h.say("RPO 是可以丢多少数据，RTO 是多久恢复"))
	mustContain(t, first, "覆盖 2/3")
	user, _ := h.db.User(h.ctx, h.user.Key())

	h.restart()
	rs := h.again()
	if len(rs) != 1 || rs[0].Kind != bot.KindFeedback {
		t.Fatalf("redelivered answer: %q", text(rs))
	}
	mustContain(t, text(rs), "覆盖 2/3")
	if n := attemptCount(t, h); n != 1 {
		t.Errorf("%d attempts after the same message twice, want 1", n)
	}
	if c, err := h.db.Card(h.ctx, h.user.Key(), "rpo"); err != nil || c.Attempts != 1 {
		t.Errorf("card %+v %v: want one attempt", c, err)
	}
	if u, _ := h.db.User(h.ctx, h.user.Key()); u.Answered != user.Answered || u.CoverageSum != user.CoverageSum {
		t.Errorf("totals changed by a redelivery: %d/%v, were %d/%v", u.Answered, u.CoverageSum, user.Answered, user.CoverageSum)
	}

	// The same words in a new message are a new answer.
	h.cmd("next", "")
	h.say("RPO 是可以丢多少数据，RTO 是多久恢复")
	if n := attemptCount(t, h); n != 2 {
		t.Errorf("%d attempts after a second message, want 2", n)
	}
}

// A reply to a question message is matched to that question even when no
// question is open; delivered again, it is still recorded once.
func TestRedeliveredReplyToQuestionRecordedOnce(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	msg := "m" + strconv.Itoa(h.msgID)
	h.event(bot.Event{Kind: bot.EventMessage, Text: "RPO 是可以丢多少数据", ReplyTo: msg})
	for range 3 {
		mustContain(t, text(h.again()), "覆盖 1/3")
	}
	if n := attemptCount(t, h); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
}

// In a mock interview, an answer delivered again after the session moved
// on is not taken as the answer to the next question or follow-up: the
// feedback shows again, then where the session is.
func TestRedeliveredAnswerInSession(t *testing.T) {
	h := newHarness(t)
	h.cmd("interview", "3")
	mustContain(t, text(h.say("RPO 是能丢多少数据，RTO 是多久恢复")), "覆盖 2/3", "追问")

	rs := h.again()
	mustContain(t, text(rs), "覆盖 2/3", "追问", "那「备份频率」呢？")
	if n := attemptCount(t, h); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}

	mustContain(t, text(h.say("备份频率要按 RPO 来定，比如每小时一次")), "追问 · 覆盖 100%", "第 2/3 题")
	rs = h.again() // the follow-up's answer again: the second question is shown, not graded
	mustContain(t, text(rs), "第 2/3 题", "备份和快照有什么区别？")
	if strings.Contains(text(rs), "覆盖") {
		t.Errorf("the follow-up's answer was graded again: %q", text(rs))
	}
	s, err := h.db.ActiveSession(h.ctx, h.user.Key())
	if err != nil {
		t.Fatal(err)
	}
	if s.Index != 1 || len(s.Items) != 1 || s.Items[0].FollowUp == nil || s.Items[0].FollowUp.Coverage != 1 {
		t.Errorf("session after redeliveries: index %d, items %+v", s.Index, s.Items)
	}
}

// A crash after an answer's attempt was recorded and before the session
// was saved: the answer delivered again moves the session on with the
// attempt already recorded, not a second one.
func TestRedeliveredAnswerAfterCrashBeforeSessionSaved(t *testing.T) {
	h := newHarness(t)
	h.cmd("interview", "2")
	before, err := h.db.ActiveSession(h.ctx, h.user.Key())
	if err != nil {
		t.Fatal(err)
	}
	h.say("RPO 是能丢多少数据，RTO 是多久恢复，备份频率按 RPO 定")
	atts, _ := h.db.Attempts(h.ctx, h.user.Key())
	// The session as the crash left it: the attempt is in, the session is not.
	if err := h.db.PutSession(h.ctx, before); err != nil {
		t.Fatal(err)
	}
	h.restart()
	mustContain(t, text(h.again()), "覆盖 3/3", "第 2/2 题")
	if n := attemptCount(t, h); n != len(atts) {
		t.Errorf("%d attempts, want %d", n, len(atts))
	}
	s, err := h.db.ActiveSession(h.ctx, h.user.Key())
	if err != nil {
		t.Fatal(err)
	}
	if s.Index != 1 || len(s.Items) != 1 || s.Items[0].AttemptID != atts[0].ID {
		t.Errorf("session: index %d, items %+v; attempt %d", s.Index, s.Items, atts[0].ID)
	}
}

// A crash with 100 answers recorded but unconfirmed (a hung send, group
// pacing or a flood kept the platform's offset back): every one delivered
// again is recognised, however many came after it. Looking through the
// latest 32 attempts only, 68 of these were stored twice.
func TestHundredUnconfirmedAnswersRedelivered(t *testing.T) {
	h := newHarness(t, func(c *engine.Config) { c.PersonBurst = 1000 })
	h.cmd("next", "")
	question := "m" + strconv.Itoa(h.msgID)
	var answers []bot.Event
	for i := range 100 {
		h.event(bot.Event{Kind: bot.EventMessage, Text: "RPO 是可以丢多少数据 " + strconv.Itoa(i), ReplyTo: question})
		answers = append(answers, h.last)
	}
	if n := attemptCount(t, h); n != 100 {
		t.Fatalf("%d attempts after 100 answers", n)
	}
	h.restart()
	for i, ev := range answers {
		if rs := h.handle(ev); len(rs) == 0 || !strings.Contains(text(rs), "覆盖 1/3") {
			t.Fatalf("answer %d delivered again: %q", i, text(rs))
		}
	}
	if n := attemptCount(t, h); n != 100 {
		t.Errorf("%d attempts after 100 answers were delivered again, want 100", n)
	}
}
