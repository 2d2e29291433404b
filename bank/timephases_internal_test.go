package bank

import (
	"slices"
	"testing"
)

// A plan by time phases gives a point per phase: the goal each phase
// states, never the phase words.
func TestPhasePoints(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"years", "我希望未来一年内，可以快速积累岗位需要的产品知识和工作内容，高效地完成团队的指标，两到三年内，我预期自己能够在数据平台的某个方向沉淀为一个expert专家，例如更系统地理解平台的架构。",
			[]string{"快速积累岗位需要的产品知识", "沉淀为一个expert专家"}},
		{"terms", "短期 1-2 年，完成从开发到测试负责人的转型。\n中期第 3 年，在某个方向上沉淀为专家，比如性能测试。\n到第五年，成长为质量架构师。",
			[]string{"完成从开发到测试负责人的转型", "沉淀为专家", "成长为质量架构师"}},
		{"long goal", "短期一两年内，我会熟悉订单系统的核心链路。第二年左右，我希望能主导大规模的存储治理。三到五年后，我希望推动团队的代码评审落地，成为一名既懂技术又懂业务的高级工程师。",
			[]string{"熟悉订单系统的核心链路", "主导大规模的存储治理", "成为高级工程师"}},
		{"english", "In the first year, I want to master the billing platform. Within two to three years, I hope to become a reliability expert for GPU clusters. Long term: lead the observability roadmap.",
			[]string{"master the billing platform", "become reliability expert", "lead the observability roadmap"}},
		{"goals said inline", "短期目标是熟悉公司的交易系统，中期目标是独立负责一个模块，长期目标是成为支付领域的技术专家。",
			[]string{"熟悉公司的交易系统", "独立负责一个模块", "成为支付领域的技术专家"}},
		{"subject after the phase", "三年内我会把自动化测试平台搭起来，五年后希望能带一个小团队。",
			[]string{"自动化测试平台搭起来", "带一个小团队"}},
		{"english goals", "My short-term goal is to master the payment platform. My long-term goal is to become a staff engineer.",
			[]string{"master the payment platform", "become staff engineer"}},
		{"one english phase is no plan", "In five years, I hope to lead a team of my own. I like this company.", nil},
		{"one phase is no plan", "一年内我会熟悉业务。我也喜欢写代码，做了很多项目。", nil},
		{"an adjective is no phase", "帮助客户实现长期可持续的成本优化，短期看不到效果。", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, kp := range phasePoints(tt.text) {
				got = append(got, kp.Text)
				if kp.Origin != OriginEnumeration || kp.Sentence == "" {
					t.Errorf("%q: origin %q, sentence %q", kp.Text, kp.Origin, kp.Sentence)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("phasePoints = %q, want %q", got, tt.want)
			}
		})
	}
}
