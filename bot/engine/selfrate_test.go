package engine_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// A question from a list of questions without answers is asked like any
// other; the reply is not graded (no coverage, no "off topic" warning): the
// feedback says there is no reference answer, shows the hint the notes
// give, and asks the person to rate themselves.
func TestQuestionWithoutReferenceIsRatedByThePerson(t *testing.T) {
	notes := "## 前端\n\n- 解释一下事件代理。\n  - 如果提到了 event.target，可以加分。\n"
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"fe.md": {Data: []byte(notes)}}})
	if probs.HasErrors() || b.Len() != 1 || b.Questions()[0].HasReference() {
		t.Fatalf("bank: %d questions, problems %s", b.Len(), probs)
	}
	h := newHarness(t, func(c *engine.Config) { c.Bank = b })
	rs := h.cmd("next", "")
	mustContain(t, text(rs), "解释一下事件代理。")

	// Hints end with the outline: there are no key points to hint at.
	mustContain(t, text(h.cmd("hint", "")), "event.target")
	mustContain(t, text(h.cmd("hint", "")), "没有更多提示")

	// /reveal has nothing to show and records nothing.
	mustContain(t, text(h.cmd("reveal", "")), "没有这道题的参考答案")

	rs = h.say("把监听器挂在父元素上，靠冒泡和 event.target 判断是哪个子元素。")
	if len(rs) != 2 {
		t.Fatalf("want the question edited and feedback, got %q", text(rs))
	}
	mustContain(t, rs[0].Text.Plain(), "自评")
	fb := rs[1]
	mustContain(t, fb.Text.Plain(), "没有这道题的参考答案", "如果提到了 event.target，可以加分。", "评个分")
	for _, bad := range []string{"覆盖", "%", "漏掉", "另一道题"} {
		if strings.Contains(fb.Text.Plain(), bad) {
			t.Errorf("feedback grades a question without reference (%q):\n%s", bad, fb.Text.Plain())
		}
	}
	if len(fb.Buttons) == 0 || len(fb.Buttons[0]) != 4 {
		t.Fatalf("want four rating buttons, got %v", actions([]bot.Reply{fb}))
	}
	var easy string
	for _, btn := range fb.Buttons[0] {
		if btn.Suggested {
			t.Errorf("no rating is suggested without a grade, but %q is", btn.Action)
		}
		if strings.HasSuffix(btn.Action, ":4") {
			easy = btn.Action
		}
	}

	atts, err := h.db.Attempts(h.ctx, h.user.Key())
	if err != nil || len(atts) != 1 {
		t.Fatalf("attempts %v %v", atts, err)
	}
	if a := atts[0]; a.Kind != bot.AttemptSelfRated || a.Coverage != 0 || a.CardBefore == nil || a.Reply == "" {
		t.Errorf("attempt = %+v", a)
	}
	u, err := h.db.User(h.ctx, h.user.Key())
	if err != nil || u.Answered != 0 || u.CoverageSum != 0 {
		t.Errorf("a self-rated reply must not count in the average coverage: %+v (%v)", u, err)
	}

	// The same message delivered again shows the feedback again and is not
	// recorded twice.
	mustContain(t, text(h.again()), "没有这道题的参考答案")
	if atts, _ = h.db.Attempts(h.ctx, h.user.Key()); len(atts) != 1 {
		t.Errorf("%d attempts after a redelivery, want 1", len(atts))
	}

	// The person's tap sets the rating, as for a graded answer.
	mustContain(t, text(h.press(easy)), "简单", "下次复习")
	atts, _ = h.db.Attempts(h.ctx, h.user.Key())
	if atts[0].Rating != 4 {
		t.Errorf("rating after the tap = %d, want 4", atts[0].Rating)
	}
	// So does /rate, on platforms without buttons.
	mustContain(t, text(h.cmd("rate", "2")), "困难")

	// /stats counts the practice but ranks no coverage it never measured.
	stats := text(h.cmd("stats", ""))
	mustContain(t, stats, "练过 1/1")
	if strings.Contains(stats, "0% 解释一下事件代理") || strings.Contains(stats, "最薄弱的题") {
		t.Errorf("a question rated by the person is ranked by coverage:\n%s", stats)
	}

}
