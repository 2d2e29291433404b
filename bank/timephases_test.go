package bank_test

import (
	"slices"
	"testing"
)

// A career plan laid out by time phases gives a point per phase: the goal
// the phase states (沉淀为专家), never the phase words (两到三年内). Before,
// the one-point-per-idea picker chose other phrases of the phases'
// sentences (AI 基础平台) and the plan's later goals went missing.
func TestTimePhasedPlanGivesAPointPerPhase(t *testing.T) {
	tests := []struct {
		name, notes string
		want        []string
	}{
		{"chinese", "## 未来三年怎么规划？\n\n" +
			"我希望未来一年内，可以尽快熟悉订单中心的核心链路和发布流程，按时完成团队的迭代目标，" +
			"两到三年内，我预期自己能够在分布式存储的某个方向沉淀为一名领域专家，例如更深入地理解 Raft 和 LSM 树，" +
			"并在团队里输出可复用的排障手册。\n",
			[]string{"尽快熟悉订单中心的核心链路", "沉淀为一名领域专家"}},
		{"english", "## Where do you see yourself in five years?\n\n" +
			"In the first year, I want to master the payments platform. " +
			"Within two to three years, I hope to become the on-call lead for the ledger service. " +
			"Long term: grow a reliability team of my own.\n",
			[]string{"master the payments platform", "become on-call lead", "grow a reliability team"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := loadNotes(t, tt.notes)
			got := pointTexts(b.Questions()[0].Answer.KeyPoints)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("points %q lack the phase goal %q", got, w)
				}
			}
			for _, phaseWords := range []string{"一年内", "两到三年内", "In the first year", "Long term"} {
				if slices.Contains(got, phaseWords) {
					t.Errorf("points %q hold the phase words %q", got, phaseWords)
				}
			}
		})
	}
}

// The seed's career plan and its variants: each phase's goal is a point.
func TestSeedCareerPlanPhases(t *testing.T) {
	b := loadSeeds(t)
	for _, q := range b.Questions() {
		if q.Prompt != "未来的职业规划？" {
			continue
		}
		var got []string
		for _, a := range q.Answers() {
			got = append(got, pointTexts(a.KeyPoints)...)
		}
		for _, w := range []string{"快速积累岗位需要的产品知识", "沉淀为一个expert专家", "完成从支持工程师到架构师的转型", "沉淀为专家", "主导大规模的 SRE 治理"} {
			if !slices.Contains(got, w) {
				t.Errorf("points %q lack %q", got, w)
			}
		}
		return
	}
	t.Fatal("no career-plan question in the seeds")
}
