package engine_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// TestInterviewWhileRunning is report item B6: /interview with arguments
// while an interview runs says it runs, how to stop it, and what the new
// request would have done; bad arguments are refused with why.
func TestInterviewWhileRunning(t *testing.T) {
	h := newHarness(t)
	h.cmd("interview", "1")
	rs := h.cmd("interview", "2 数据库")
	got := text(rs)
	mustContain(t, got, "/end", "2", "数据库", "第 1/1 题")
	rs = h.cmd("interview", "100")
	mustContain(t, text(rs), "/end", "20")
	// Without arguments it carries on, as before.
	mustContain(t, text(h.cmd("interview", "")), "继续模拟面试")
	h.cmd("end", "")
	rs = h.cmd("interview", "abc")
	mustContain(t, text(rs), "abc", "/topics")
	if strings.Contains(text(rs), "模拟面试开始") {
		t.Errorf("/interview abc started an interview:\n%s", text(rs))
	}
}

// followUpBank has a question whose first two key points come from one
// sentence and the third from another.
const followUpBank = `questions:
  - id: backup
    topic: 容灾
    prompt: 怎么设计备份方案？
    answer: |
      先定 **Azure Backup** 和 **保留策略** 两件事。然后要做 **恢复演练** 来验证备份真的能恢复。
`

// TestFollowUpReadsWell is report item B7: a follow-up asks about another
// idea than the one just covered (not the other half of the same
// sentence), and a point in English sits in the Chinese sentence with
// quotes, not glued to the Chinese words around it.
func TestFollowUpReadsWell(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(followUpBank)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	h := newHarness(t, func(c *engine.Config) { c.Bank = b })
	h.cmd("interview", "1")
	rs := h.say("我会用 Azure Backup 来做，每天一次。")
	got := text(rs)
	mustContain(t, got, "追问", "恢复演练")
	if strings.Contains(got, "那保留策略呢") || strings.Contains(got, "那「保留策略」呢") {
		t.Errorf("the follow-up asks for the other half of the sentence just answered:\n%s", got)
	}
	h.cmd("end", "")

	h.cmd("interview", "1")
	got = text(h.say("不太清楚"))
	mustContain(t, got, "追问")
	if m := regexp.MustCompile(`\p{Han}[A-Za-z]|[A-Za-z]\p{Han}`).FindString(followUpLine(got)); m != "" {
		t.Errorf("an English point is glued to Chinese words (%q):\n%s", m, got)
	}
}

// followUpLine returns the line after the follow-up's heading.
func followUpLine(s string) string {
	_, after, _ := strings.Cut(s, "追问\n")
	line, _, _ := strings.Cut(after, "\n")
	return line
}

// TestEnglishReportHasNoChineseBrackets is report item C: the English
// interview report writes "(tomorrow 16:22)", not "（tomorrow 16:22）".
func TestEnglishReportHasNoChineseBrackets(t *testing.T) {
	h := newHarness(t)
	h.user.Lang = "en"
	h.cmd("interview", "1")
	h.say("no idea")
	if rs := h.cmd("skip", ""); !strings.Contains(text(rs), "Review next") {
		t.Fatalf("no review line in the report:\n%s", text(rs))
	} else if line := lineWith(text(rs), "Review next"); strings.ContainsAny(line, "（）") {
		t.Errorf("Chinese brackets in the English report: %q", line)
	}
}
