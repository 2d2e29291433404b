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

// Generic ideas make up the least an answer needs when its other ideas
// give no point of their own: here every sentence after the first names
// RTT, whose point the first of them already has.
func TestGenericIdeasMakeUpTheLeast(t *testing.T) {
	const notes = "## 讲讲 TCP 可靠传输\n\n" +
		"TCP 使用超时重传来实现可靠传输：如果一个已经发送的报文段在超时时间内没有收到确认，那么就重传这个报文段。\n\n" +
		"一个报文段从发送再到接收到确认所经过的时间称为往返时间 RTT，加权平均往返时间 RTTs 计算如下：\n\n" +
		"其中，0 ≤ a ＜ 1，RTTs 随着 a 的增加更容易受到 RTT 的影响。\n\n" +
		"超时时间 RTO 应该略大于 RTTs，TCP 使用的超时时间计算如下：\n\n" +
		"其中 RTTd 为偏差的加权平均值。\n"
	b, _ := loadNotes(t, notes)
	if got := pointTexts(b.Questions()[0].Answer.KeyPoints); len(got) < 3 {
		t.Errorf("points %v: want at least 3", got)
	}
}
