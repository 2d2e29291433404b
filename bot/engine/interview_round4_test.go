package engine_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// goBank is the round-4 tester's first Go question, in short: its first
// key point names the notes' subject (the topic says Golang).
const goBank = `questions:
  - id: go
    topic: 100 Essential Golang Interview Questions
    prompt: What is Go and why was it created?
    answer: |
      **Golang** is an open-source language created at **Google** by
      **Rob Pike** and **Ken Thompson** for **simplicity** and **fast builds**.
`

func goHarness(t *testing.T) *harness {
	t.Helper()
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(goBank)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	h := newHarness(t, func(c *engine.Config) { c.Bank = b })
	h.user.Lang = "en"
	return h
}

// TestFollowUpIsAboutAPointNotTheSubject is round 4's finding: after "I
// don't know" the follow-up was "Let's talk about “Golang”: how would you
// explain it?", the subject the notes are about, not a point of the
// answer. It asks about the first missed point that is not named in the
// question, its topic or its file.
func TestFollowUpIsAboutAPointNotTheSubject(t *testing.T) {
	h := goHarness(t)
	h.cmd("interview", "1")
	got := text(h.say("I don't know"))
	follow := got[strings.Index(got, "Follow-up"):]
	if strings.Contains(follow, "Golang") {
		t.Errorf("the follow-up asks about the subject:\n%s", got)
	}
	if !strings.Contains(follow, "“Google”") {
		t.Errorf("the follow-up is not about the first missed point (Google):\n%s", got)
	}
}

// TestFollowUpNamesOtherPointsCovered is round 4's finding: asked about
// 云原生运维自动化, the tester answered with 两项认证, another point the
// first answer missed, and read "追问 · 覆盖 0%" with no word about it. The
// follow-up is still graded on the point it asked about, and its feedback
// says which other missed points the reply covered.
func TestFollowUpNamesOtherPointsCovered(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(followUpBank)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	h := newHarness(t, func(c *engine.Config) { c.Bank = b })
	h.cmd("interview", "1")
	mustContain(t, text(h.say("我会用 Azure Backup 来做，每天一次。")), "追问", "恢复演练")
	got := text(h.say("还要定好保留策略，旧的备份按保留策略删掉。"))
	mustContain(t, got, "追问 · 覆盖 0%", "「保留策略」", "「恢复演练」")
	// The interview of one question ends here: its report grades the
	// follow-up on the point it asked about.
	mustContain(t, got, "追问「恢复演练」0%")
}

// TestReportDuringInterviewSaysItRuns is round 4's finding: /report while
// a mock interview ran said "还没有完成的模拟面试：发 /interview 开始一场",
// as if there were none. It says one is in progress, how many questions
// are left, and that /end finishes it.
func TestReportDuringInterviewSaysItRuns(t *testing.T) {
	h := newHarness(t)
	h.cmd("interview", "2")
	got := text(h.cmd("report", ""))
	mustContain(t, got, "模拟面试还在进行", "还剩 2 题", "第 1/2 题", "/end")
	mustContain(t, text(h.say("不知道")), "追问")
	h.cmd("skip", "") // the follow-up
	mustContain(t, text(h.cmd("report", "")), "还剩 1 题", "第 2/2 题")
	h.user.Lang = "en"
	mustContain(t, text(h.cmd("report", "")), "in progress", "1 question left", "/end")
	h.cmd("end", "")
	if got := text(h.cmd("report", "")); strings.Contains(got, "in progress") || !strings.Contains(got, "Interview report") {
		t.Errorf("/report after /end:\n%s", got)
	}
}
