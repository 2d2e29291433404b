package engine_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// TestMissedSentenceShownOnce: points that come from one sentence of the
// reference are listed together, the sentence once.
func TestMissedSentenceShownOnce(t *testing.T) {
	ref := "具体包括 Azure 原生的虚拟机、数据库、存储等资源的备份与恢复。"
	res := grade.Result{Missed: []grade.Point{
		{Text: "虚拟机", Reference: ref}, {Text: "数据库", Reference: ref}, {Text: "存储", Reference: ref},
		{Text: "混合云和本地环境", Reference: "同时也涉及混合云和本地环境的数据保护解决方案。"},
	}}
	q := &bank.Question{ID: "q", Prompt: "负责什么团队？", Answer: bank.Answer{Text: strings.Repeat("长", 900)}}
	out := engine.Feedback("zh", q, res, 800).Plain()
	if n := strings.Count(out, "原生的虚拟机"); n != 1 {
		t.Errorf("the shared sentence is shown %d times:\n%s", n, out)
	}
	if !strings.Contains(out, "虚拟机、数据库、存储") {
		t.Errorf("the points of one sentence are not listed together:\n%s", out)
	}
}

// TestLanguageMismatchIsExplained: a reply in English to Chinese notes
// that matched little says so, in the person's language.
func TestLanguageMismatchIsExplained(t *testing.T) {
	res := grade.Result{Coverage: 0.1, ReplyLang: "en", NotesLang: "zh", Relevance: 0.05, OffTopic: true,
		Missed: []grade.Point{{Text: "备份策略", Reference: "第二，备份策略。"}}}
	q := &bank.Question{ID: "q", Prompt: "怎么做备份？", Answer: bank.Answer{Text: "第二，备份策略。"}}
	en := engine.Feedback("en", q, res, 800).Plain()
	if !strings.Contains(en, "You answered in English and the notes are in Chinese") {
		t.Errorf("no language note:\n%s", en)
	}
	if strings.Contains(en, "another question") {
		t.Errorf("a reply in another language is not an answer to another question:\n%s", en)
	}
	if zh := engine.Feedback("zh", q, res, 800).Plain(); !strings.Contains(zh, "你用英文回答，笔记是中文") {
		t.Errorf("no language note in Chinese:\n%s", zh)
	}
	res.Coverage = 0.7
	if out := engine.Feedback("en", q, res, 800).Plain(); strings.Contains(out, "You answered in") {
		t.Errorf("a reply that matched well needs no language note:\n%s", out)
	}
}

// The bot takes any grader through its own small interface.
var _ engine.Grader = (*grade.Grader)(nil)
