package bank

import (
	"slices"
	"testing"
)

// A count that opens a run stays with what it counts (三方会议, 双位数增长),
// a change keeps its amount (停机窗口缩短了一半), and 当时的… states an idea
// rather than framing it.
func TestCandidatesKeepCountsAndAmounts(t *testing.T) {
	for _, tc := range []struct{ sentence, want string }{
		{"并且通过三方会议的形式，", "三方会议"},
		{"腾讯云在国际市场过去三年是双位数增长，", "双位数增长"},
		{"最终客户的停机窗口缩短了一半，", "停机窗口缩短了一半"},
		{"当时的难点是 DMS 并不支持这种场景，", "DMS 并不支持"},
	} {
		var got []string
		for _, p := range ideaCandidates(tc.sentence, map[string]bool{}) {
			got = append(got, p.text)
		}
		if !slices.Contains(got, tc.want) {
			t.Errorf("candidates of %q are %q, want %q among them", tc.sentence, got, tc.want)
		}
	}
	if !isFramingClause("当时我在微软") {
		t.Error("当时我在微软 is a framing clause")
	}
}
