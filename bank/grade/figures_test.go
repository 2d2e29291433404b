package grade_test

import (
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// countNotes has a question that asks for a number.
const countNotes = "# 工作\n\n### 一天接多少案例？\n\n" +
	"看复杂度，一般每天是 **3 到 4 个新进的客户工单**，另外还有 **1 到 2 个深度技术支持**。\n"

// TestFigureOfACountQuestion checks that a reply giving the figure a
// question asks for (三四个 for 3 到 4 个新进的客户工单) covers the point, while
// other numbers do not.
func TestFigureOfACountQuestion(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"work.md": {Data: []byte(countNotes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q := questionByPrompt(t, b, "一天接多少案例？")
	res := g.Grade(q, "一天大概三四个吧，忙的时候会多一点。")
	if !hasPoint(res.Covered, "3 到 4 个新进的客户工单") {
		t.Errorf("三四个 for a count question: covered %v, partial %v; want 3 到 4 个新进的客户工单 covered", texts(res.Covered), texts(res.Partial))
	}
	res = g.Grade(q, "一天大概五六个吧。")
	if hasPoint(res.Covered, "3 到 4 个新进的客户工单") {
		t.Errorf("五六个 covers 3 到 4 个新进的客户工单")
	}
}

func hasPoint(ps []grade.Point, text string) bool {
	for _, p := range ps {
		if p.Text == text {
			return true
		}
	}
	return false
}
