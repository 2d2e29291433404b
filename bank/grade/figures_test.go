package grade_test

import (
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// countNotes has a question that asks for a number, and a name with a number in it.
const countNotes = "# 工作\n\n### 一天接多少案例？\n\n" +
	"看复杂度，一般每天是 **3 到 4 个新进的客户工单**，另外还有 **1 到 2 个深度技术支持**，" +
	"都在 **K8s 集群**上处理。\n"

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
	res = g.Grade(q, "八个吧。")
	if hasPoint(res.Covered, "K8s 集群") {
		t.Errorf("八个 covers K8s 集群: a number in a name is no figure")
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

// backupNotes has an answer whose points each explain themselves in a
// sentence, one of them with a rare word (每小时, 增量) in a short one.
const backupNotes = "# 备份\n\n### 虚拟机怎么备份？\n\n" +
	"第一，**备份策略**：按业务要求设置每小时的增量备份。\n" +
	"第二，**一致性保障**：区分崩溃一致和应用一致，数据库要用应用一致快照。\n" +
	"第三，**定期演练**：每月把数据恢复到隔离环境里看看能不能用。\n"

// TestRareWordOfAShortSubstance checks that a reply saying one rare word
// of a point's short substance, and nothing else of it, partly covers that
// point and no other, while a vague reply of common words covers nothing.
func TestRareWordOfAShortSubstance(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"backup.md": {Data: []byte(backupNotes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q := questionByPrompt(t, b, "虚拟机怎么备份？")
	res := g.Grade(q, "我们一般做增量的，别的就不太清楚了。")
	if !hasPoint(res.Partial, "备份策略") || len(res.Partial)+len(res.Covered) != 1 {
		t.Errorf("增量 alone: covered %v, partial %v; want 备份策略 partly covered and nothing else", texts(res.Covered), texts(res.Partial))
	}
	// 恢复 is a concept of the lexicon, but an everyday word.
	res = g.Grade(q, "不太清楚，好像和恢复有关。")
	if len(res.Partial)+len(res.Covered) != 0 {
		t.Errorf("好像和恢复有关: covered %v, partial %v; want nothing", texts(res.Covered), texts(res.Partial))
	}
	res = g.Grade(q, "这个挺重要的，我们会根据情况处理好。")
	if len(res.Partial)+len(res.Covered) != 0 {
		t.Errorf("vague reply: covered %v, partial %v; want nothing", texts(res.Covered), texts(res.Partial))
	}
}
