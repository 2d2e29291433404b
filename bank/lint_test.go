package bank_test

import (
	"strings"
	"testing"
)

// Each case is a way notes lose something when read; bank lint must say
// where, as file:line, and what.
func TestLintWarnsWhereNotesLoseSomething(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		notes string
		want  string // file:line: warning: message start
	}{
		{
			name:  "text attached to no question",
			file:  "notes.md",
			notes: "## 数据库\n\n### 什么是 MVCC？\n\nMVCC 是**多版本并发控制**。\n\n## 杂记\n\n这段话不属于任何问题。\n",
			want:  "notes.md:9: warning: text attached to no question: \"这段话不属于任何问题。\"",
		},
		{
			name:  "text attached to no question, several lines",
			file:  "notes.md",
			notes: "### 什么是 MVCC？\n\nMVCC 是**多版本并发控制**。\n\n## 杂记\n\n第一段。\n\n- 一个列表\n- 两项\n",
			want:  "notes.md:7: warning: text attached to no question: \"第一段。\" and what follows it to line 10",
		},
		{
			name:  "a sub-section heading outside any question",
			file:  "notes.md",
			notes: "### 什么是 MVCC？\n\nMVCC 是**多版本并发控制**。\n\n#### References\n\n- [doc](https://example.com)\n\n### 总结\n\n读写互不阻塞。\n",
			want:  "notes.md:9: warning: text attached to no question: \"总结\" and what follows it to line 11",
		},
		{
			name:  "a to-do list",
			file:  "notes.md",
			notes: "### 什么是 MVCC？\n\nMVCC 是**多版本并发控制**。\n\n### TODO\n\n- [ ] 间隙锁\n",
			want:  "notes.md:5: warning: the to-do list \"TODO\" (lines 5–7) is not a question, so it is left out",
		},
		{
			name:  "heading that looks like a question but made none",
			file:  "notes.md",
			notes: "### 什么是 Redis？\n\nRedis 是**内存数据库**。\n\n#### Redis 有哪些数据类型？\n\n字符串、列表、哈希。\n",
			want:  "notes.md:5: warning: the heading \"Redis 有哪些数据类型？\" reads as a question but is part of the answer to \"什么是 Redis？\"",
		},
		{
			name:  "prompt with HTML left",
			file:  "notes.txt",
			notes: "1. 什么是 <b>MVCC</b>？\n\n    回答：\n    **多版本并发控制**，读不阻塞写。\n",
			want:  "notes.txt:1: warning: the prompt \"什么是 <b>MVCC</b>？\" still holds an HTML tag",
		},
		{
			name:  "prompt with link syntax left",
			file:  "notes.txt",
			notes: "1. 什么是 [MVCC][wiki]？\n\n    回答：\n    **多版本并发控制**，读不阻塞写。\n",
			want:  "notes.txt:1: warning: the prompt \"什么是 [MVCC][wiki]？\" still holds link syntax",
		},
		{
			name:  "answer holding several questions",
			file:  "notes.md",
			notes: "### 什么是 MVCC？\n\nMVCC 是**多版本并发控制**。\n\n为什么需要 MVCC？\n\nInnoDB 怎么实现 MVCC？\n",
			want:  "notes.md:1: warning: the answer to \"什么是 MVCC？\" holds 2 lines that read as questions",
		},
		{
			name:  "topic heading deeper than its questions",
			file:  "notes.md",
			notes: "### 什么是 MVCC？\n\nMVCC 是**多版本并发控制**。\n\n#### 索引\n\n### 什么是覆盖索引？\n\n查询只用**索引**就能返回。\n",
			want:  "notes.md:5: warning: the heading \"索引\" is deeper than the questions after it",
		},
		{
			name:  "duplicate prompts",
			file:  "notes.md",
			notes: "### 什么是 MVCC？\n\nMVCC 是**多版本并发控制**。\n\n### 什么是MVCC?\n\n读写**互不阻塞**。\n",
			want:  "notes.md:5: warning: the prompt \"什么是MVCC?\" is asked again (first at line 1)",
		},
		{
			name:  "key points fell back to the answer's words",
			file:  "notes.md",
			notes: "### 什么是 MVCC？\n\nMVCC 通过保存数据的多个版本，让读操作不阻塞写操作，InnoDB 用 undo log 串起版本链。\n",
			want:  "notes.md:1: info: the key points of \"什么是 MVCC？\" fell back to words of its answer",
		},
		{
			name:  "question without an answer among answered ones",
			file:  "notes.md",
			notes: "<details><summary>什么是 MVCC？</summary>\n\n多版本并发控制。\n\n</details>\n\n<details><summary>什么是间隙锁？</summary>\n\n</details>\n",
			want:  "notes.md:7: warning: question has no answer",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := load(t, map[string]string{tt.file: tt.notes})
			if !strings.Contains(probs.String(), tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", probs, tt.want)
			}
		})
	}
}

// Notes a person tidied get no warnings about structure.
func TestLintQuietOnTidyNotes(t *testing.T) {
	notes := "## 数据库\n\n### 什么是 MVCC？\n\nMVCC 是**多版本并发控制**，读不阻塞写，靠 **undo 日志**和**事务快照**。\n\n#### Good to hear\n\n- 读不阻塞写\n- undo 日志串起版本链\n"
	_, probs := load(t, map[string]string{"notes.md": notes})
	if len(probs) != 0 {
		t.Errorf("problems on tidy notes:\n%s", probs)
	}
}

// A sub-heading that labels a part of an answer (a comparison, a "How to"
// section, a label ending with a colon) is no question of its own, so lint
// keeps quiet about it; one that asks (a question mark, or question words
// in a comparison) is still reported. The headings are from the notes of
// the round-4 new-user test (Docker and Go interview notes).
func TestLintSubHeadingLabelsAreNoQuestions(t *testing.T) {
	const answer = "\n\nDocker runs **containers** that share the host **kernel**.\n\n"
	quiet := []string{
		"Virtual Machines vs. Docker Containers",
		"Image vs. Container",
		"Type Conversions versus Type Assertions",
		"How the `go mod` Workflow Simplifies:",
		"How to Build an Image",
		"**Why it matters:**",
	}
	for _, h := range quiet {
		notes := "### What is Docker?" + answer + "#### " + h + "\n\nMore of the answer.\n"
		_, probs := load(t, map[string]string{"notes.md": notes})
		if strings.Contains(probs.String(), "reads as a question") {
			t.Errorf("sub-heading %q is reported:\n%s", h, probs)
		}
	}
	asks := []string{
		"Who Uses Go?",
		"What is the difference between an image and a container",
		"Why Docker vs. a VM",
		"面向连接和无连接的区别",
		"Redis 有哪些数据类型",
	}
	for _, h := range asks {
		notes := "### What is Docker?" + answer + "#### " + h + "\n\nMore of the answer.\n"
		_, probs := load(t, map[string]string{"notes.md": notes})
		if !strings.Contains(probs.String(), "notes.md:5: warning: the heading") || !strings.Contains(probs.String(), "reads as a question") {
			t.Errorf("sub-heading %q is not reported as a question:\n%s", h, probs)
		}
	}
}
