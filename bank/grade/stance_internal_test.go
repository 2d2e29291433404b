package grade

import (
	"testing"

	"github.com/interviewbot/interviewbot/bank"
)

// TestAsksYesNo checks which prompts take a stance: questions of will,
// ability or fact, not requests to talk nor questions about experience.
func TestAsksYesNo(t *testing.T) {
	tests := []struct {
		prompt string
		want   bool
	}{
		{"能不能接受加班？", true},
		{"你是否愿意出差？", true},
		{"愿不愿意去外地？", true},
		{"HashMap 是不是线程安全的？", true},
		{"Are you willing to work weekends?", true},
		{"Can you start next month?", true},
		{"能不能讲讲 TCP 三次握手？", false},
		{"Can you explain the CAP theorem?", false},
		{"有没有遇到SA给了不靠谱的方案的情况", false},
		{"Have you ever handled a data loss?", false},
		{"为什么离职？", false},
		{"What is the difference between TCP and UDP?", false},
	}
	for _, tt := range tests {
		if got := asksYesNo(tt.prompt); got != tt.want {
			t.Errorf("asksYesNo(%q) = %v, want %v", tt.prompt, got, tt.want)
		}
	}
}

// TestClauseStance checks how a reply's opening clause is read.
func TestClauseStance(t *testing.T) {
	const prompt = "能不能接受加班？"
	tests := []struct {
		clause string
		want   stance
	}{
		{"可以接受", stanceYes},
		{"可以吧", stanceYes},
		{"没问题", stanceYes},
		{"能接受加班", stanceYes},
		{"不能接受", stanceNo},
		{"不太能接受", stanceNo},
		{"不怎么愿意", stanceNo},
		{"看情况吧", noStance},
		{"忙的时候加班没问题", noStance},
		{"Yes", stanceYes},
		{"Yes, I can", stanceYes},
		{"No", stanceNo},
		{"I can't", stanceNo},
		{"It depends", noStance},
	}
	for _, tt := range tests {
		if got := clauseStance(tt.clause, prompt); got != tt.want {
			t.Errorf("clauseStance(%q) = %v, want %v", tt.clause, got, tt.want)
		}
	}
}

// TestNotesStance checks the side the notes take and the point that
// states it.
func TestNotesStance(t *testing.T) {
	tests := []struct {
		prompt, answer string
		want           stance
	}{
		{"能不能接受加班？", "我理解在高强度工作环境中，适时加班是不可避免的，关键时刻我会全力以赴。", stanceYes},
		{"HashMap是不是线程安全的？", "HashMap 不是线程安全的，多线程下扩容可能出问题。", stanceNo},
		{"HashMap是不是线程安全的？", "不是。多线程下扩容可能出问题。", stanceNo},
		{"Are you willing to relocate?", "Yes. I have moved twice for work.", stanceYes},
		{"Are you willing to relocate?", "I would rather not move, my family is here.", stanceNo},
	}
	for _, tt := range tests {
		a := bank.Answer{Text: tt.answer, KeyPoints: []bank.KeyPoint{{Text: "x"}}}
		spans, wide := evidenceSpans(a)
		if got, _ := notesStance(a, tt.prompt, spans, wide); got != tt.want {
			t.Errorf("notesStance(%q, %q) = %v, want %v", tt.prompt, tt.answer, got, tt.want)
		}
	}
}
