package bank_test

import (
	"strings"
	"testing"
)

func TestQuestionAnswerTables(t *testing.T) {
	for _, tc := range []struct {
		file    string
		n       int
		prompt  string
		answer  string
		keyword string
	}{
		{"newuser/table.md", 3, "How do you persist data in Docker?", "Use volumes or bind mounts;", "volumes"},
		{"newuser/table-zh.md", 2, "什么是回表？", "通过二级索引找到主键后", "二级索引"},
	} {
		b, probs := loadTestdata(t, tc.file)
		if b.Len() != tc.n {
			t.Errorf("%s: got %d questions %q (%s)", tc.file, b.Len(), firstLines(b.Questions()), probs)
			continue
		}
		q := mustMatch(t, b, tc.prompt)
		if !strings.HasPrefix(q.Answer.Text, tc.answer) || strings.Contains(q.Answer.Text, "|") {
			t.Errorf("%s: answer %q", tc.file, q.Answer.Text)
		}
		if len(q.Sources) != 1 || q.Sources[0].Line < 4 {
			t.Errorf("%s: source %v; want the row's line", tc.file, q.Sources)
		}
	}
	// No header names the columns, but the first column asks.
	notes := "# Git\n\n| | |\n|---|---|\n| What does `git stash` do? | Shelves changes. |\n| What is a branch? | A movable pointer. |\n\nSee the Git book.\n"
	b, probs := load(t, map[string]string{"git.md": notes})
	if q := mustMatch(t, b, "What is a branch?"); b.Len() != 2 || q.Answer.Text != "A movable pointer." {
		t.Errorf("got %q, answer %q (%s)", firstLines(b.Questions()), q.Answer.Text, probs)
	}
	if !strings.Contains(probs.String(), "git.md:8: warning: text attached to no question") {
		t.Errorf("problems:\n%s\nwant the text after the table reported, not added to its last answer", probs)
	}
	// Named columns anywhere; a cell of neither is left out.
	named := "| # | 题目 | 解答 | 难度 |\n|---|---|---|---|\n| 1 | 什么是回表 | 回到主键索引查整行<br>多一次查找 | 中 |\n"
	b, probs = load(t, map[string]string{"named.md": named})
	if q := mustMatch(t, b, "什么是回表"); q.Answer.Text != "回到主键索引查整行\n多一次查找" {
		t.Errorf("answer %q (%s)", q.Answer.Text, probs)
	}
	// A table inside an answer stays part of it.
	cmp := "## TCP 和 UDP 的区别？\n\n| 问题 | 答案 |\n|---|---|\n| 连接？ | TCP 有 |\n"
	b, _ = load(t, map[string]string{"cmp.md": cmp})
	if q := mustMatch(t, b, "TCP 和 UDP 的区别？"); b.Len() != 1 || !strings.Contains(q.Answer.Text, "TCP 有") {
		t.Errorf("got %q, answer %q", firstLines(b.Questions()), q.Answer.Text)
	}
}

func TestTableThatAsksNothingIsNamed(t *testing.T) {
	notes := "# Ports\n\n| Service | Port |\n|---|---|\n| HTTP | 80 |\n| SSH | 22 |\n"
	_, probs := load(t, map[string]string{"ports.md": notes})
	if !strings.Contains(probs.String(), "a table of 2 rows") {
		t.Errorf("problems:\n%s\nwant the table named in the no-questions warning", probs)
	}
}
