package bank

import "testing"

// A phrase of everyday words, or one word the folder's other answers use
// too, is generic; a name, a number, a rare term is not.
func TestIsGenericPick(t *testing.T) {
	c := newCorpus([]string{
		"保障性能和可靠性，输出最佳实践。", "数据的可靠性要靠校验。", "可靠性和最佳实践都重要。",
		"用审计日志找到删除记录。", "预留实例降低成本。",
	})
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"观察和思考", true},
		{"创造价值", true},
		{"效率低下", true},
		{"工作时间", true},  // 工作 + 时间: a word common to any answer before a bare word
		{"可靠性", true},   // three answers of five use it
		{"最佳实践", true},  // so do two
		{"审计日志", false}, // one answer, rare words
		{"预留实例", false},
		{"场景不一样", false}, // 场景 is not everyday
		{"ADP 3.0", false},
		{"双位数增长", false},
	} {
		p := phrase{text: tc.text}
		if got := c.isGenericPick(p); got != tc.want {
			t.Errorf("isGenericPick(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// A negated word the general-language table lacks (不一样, 达不到) is as
// common as the word it negates.
func TestNegatedWordIsCommon(t *testing.T) {
	if r := rareness(phrase{text: "速度达不到预期"}); r > rareness(phrase{text: "分布式训练任务"}) {
		t.Errorf("速度达不到预期 reads rarer (%.2f) than 分布式训练任务", r)
	}
}
