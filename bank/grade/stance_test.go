package grade_test

import (
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// stanceNotes holds a yes/no question whose answer states its stance
// through its first point, a question about experience, and an open one.
const stanceNotes = "# 关于我个人\n\n" +
	"### 能不能接受加班？\n\n" +
	"我理解在高强度工作环境中，适时加班是不可避免的，关键时刻我会全力以赴。但我也相信高效的工作方法和合理的安排能够平衡工作与生活。\n\n" +
	"### 为什么离职？\n\n" +
	"说实话，我理解在高强度工作环境中，适时加班是不可避免的，关键时刻我会全力以赴。但我也相信高效的工作方法和合理的安排能够平衡工作与生活。\n"

// TestStanceOfAYesNoQuestion checks that a reply taking the notes' side on
// a yes/no question, and going on past its stance, partly covers the
// point that states the stance; a bare stance, the other side, a request
// to talk and an open question earn nothing from it.
func TestStanceOfAYesNoQuestion(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"me.md": {Data: []byte(stanceNotes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	overtime := questionByPrompt(t, b, "能不能接受加班？")
	if len(overtime.Answers()[0].KeyPoints) == 0 {
		t.Fatal("no key points for 能不能接受加班")
	}
	first := overtime.Answers()[0].KeyPoints[0].Text
	tests := []struct {
		prompt, reply string
		partly        bool
	}{
		{"能不能接受加班？", "可以接受，忙的时候加班没问题。", true},
		{"能不能接受加班？", "能，项目紧的时候肯定顶得住。", true},
		{"能不能接受加班？", "可以吧。", false},
		{"能不能接受加班？", "看情况吧，应该问题不大。", false},
		{"能不能接受加班？", "不能接受，我下班后要照顾家里。", false},
		{"为什么离职？", "可以接受，忙的时候加班没问题。", false},
	}
	for _, tt := range tests {
		res := g.Grade(questionByPrompt(t, b, tt.prompt), tt.reply)
		got := false
		for _, p := range res.Partial {
			got = got || p.Text == first
		}
		if got != tt.partly {
			t.Errorf("%s %q: %q partly covered = %v, want %v (coverage %.2f)", tt.prompt, tt.reply, first, got, tt.partly, res.Coverage)
		}
		if !tt.partly && res.Coverage > 0.25 {
			t.Errorf("%s %q: coverage %.2f, want at most 0.25", tt.prompt, tt.reply, res.Coverage)
		}
	}
}
