package bank_test

import (
	"slices"
	"testing"
)

// In a story of a problem solved, the solution the speaker put forward is
// a point whole (分批上线的折中方案, not 折中方案; in the seeds 分阶段的过渡方案,
// whose idea gave no point when its everyday word 分阶段 won the idea).
func TestProposedSolutionIsAPoint(t *testing.T) {
	const notes = "## 和产品经理意见不一致怎么办？\n\n" +
		"有一次产品经理要求两周内上线全部功能，但后端还要重写鉴权模块，工期明显不够。" +
		"我先评估了工作量，把涉及的系统和潜在风险列清楚。然后和他沟通，理解他的顾虑，" +
		"接着提出了一个分批上线的折中方案，先上线核心流程，再逐步补齐。最后大家都认可了。\n"
	b, _ := loadNotes(t, notes)
	got := pointTexts(b.Questions()[0].Answer.KeyPoints)
	if !slices.Contains(got, "分批上线的折中方案") {
		t.Errorf("points %q lack the solution put forward", got)
	}
}

// The seeds' two stories of an unsound plan by an SA name the phased plan
// the speaker offered, which the hand review listed missing.
func TestSeedStoriesNameTheSolution(t *testing.T) {
	b := loadSeeds(t)
	want := map[string]string{
		"有没有遇到SA准备了一个不靠谱的方案，你怎么解决？": "分阶段的过渡方案",
		"有没有遇到SA给了不靠谱的方案的情况":        "分阶段迁移的替代方案",
	}
	for _, q := range b.Questions() {
		if w, ok := want[q.Prompt]; ok {
			if got := pointTexts(q.Answer.KeyPoints); !slices.Contains(got, w) {
				t.Errorf("%s: points %q lack %q", q.Prompt, got, w)
			}
			delete(want, q.Prompt)
		}
	}
	if len(want) > 0 {
		t.Errorf("questions not in the seeds: %v", want)
	}
}
