package bank_test

import (
	"slices"
	"strings"
	"testing"
)

// When every idea of a short answer is said in everyday words, it still
// gets the least number of points rather than none.
func TestGenericIdeasFillTheLeast(t *testing.T) {
	const notes = "## 你的优点和缺点？\n\n" +
		"我的优点是学习能力强、适应能力好；而缺点可能是在追求完美时有时会过于注重细节。" +
		"为此，我已经在学习如何更好地平衡细节与效率。\n"
	b, _ := loadNotes(t, notes)
	if got := pointTexts(b.Questions()[0].Answer.KeyPoints); len(got) < 3 {
		t.Errorf("points %v: want at least 3", got)
	}
}

// The seed answers that mark nothing name their facts: a product that did
// not fit (DMS 并不支持), a result with its amount (停机窗口缩短了一半), a
// growth rate (双位数增长), and the career-plan answer keeps no everyday
// word (观察和思考, 创造价值) nor one every answer uses (可靠性, 最佳实践).
func TestSeedPointsNameFacts(t *testing.T) {
	b := loadSeeds(t)
	want := map[string][]string{
		"最自豪的事情？":    {"DMS 并不支持", "停机窗口缩短了一半", "HANA System Replication"},
		"为什么想来我们公司？": {"双位数增长", "ADP 3.0"},
	}
	for _, q := range b.Questions() {
		for _, w := range want[q.Prompt] {
			if got := pointTexts(q.Answer.KeyPoints); !slices.Contains(got, w) {
				t.Errorf("%s: points %v lack %q", q.Prompt, got, w)
			}
		}
		if q.Prompt != "未来的职业规划？" {
			continue
		}
		for _, a := range q.Answers() {
			got := pointTexts(a.KeyPoints)
			for _, generic := range []string{"观察和思考", "创造价值", "可靠性", "最佳实践", "完整流程"} {
				if slices.Contains(got, generic) {
					t.Errorf("%s (%s): points %v hold the generic %q", q.Prompt, strings.TrimSpace(a.Text[:30]), got, generic)
				}
			}
		}
	}
}
