package grade_test

import (
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// hashMapNotes are a new user's notes (round 3): an answer that marks
// nothing, so its points are picked from its words.
const hashMapNotes = `# Java 面试题

### 面试题1：HashMap 的底层实现是什么？

**答案解析**

JDK 1.8 之前 HashMap 由数组加链表实现，JDK 1.8 之后，当链表长度大于 8 且数组长度大于 64 时，链表会转换为红黑树，以减少查找时间。哈希冲突用拉链法解决。扩容时容量翻倍，负载因子默认 0.75。
`

// TestStatementsDenseWithTermsAreNoList: a strong answer made of
// statements full of terms was read as a list of words (25%), and the
// same answer after "我觉得" as sentences (100%): how its first words were
// phrased decided its grade.
func TestStatementsDenseWithTermsAreNoList(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"java.md": {Data: []byte(hashMapNotes)}}})
	if probs.HasErrors() || b.Len() != 1 {
		t.Fatalf("%d questions, problems %v", b.Len(), probs)
	}
	g := grade.New(b)
	q := b.Questions()[0]
	answer := "HashMap 底层是数组加链表，1.8 以后链表长度超过 8 并且数组长度到 64 会转成红黑树，冲突用拉链法解决，默认负载因子 0.75，扩容的时候容量翻倍。"
	plain, lead := g.Grade(q, answer), g.Grade(q, "我觉得 "+answer)
	if plain.Coverage != lead.Coverage || plain.Coverage < 0.6 {
		t.Errorf("coverage %.2f, and %.2f after 我觉得: want the same, at least 0.6", plain.Coverage, lead.Coverage)
	}
	// The words alone are still a list.
	if salad := g.Grade(q, "JDK 1.8 减少查找 负载因子默认 链表 红黑树"); salad.Coverage > 0.3 {
		t.Errorf("a list of the words: coverage %.2f, want at most 0.3", salad.Coverage)
	}
}
