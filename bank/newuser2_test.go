package bank_test

import (
	"strings"
	"testing"
)

// Shapes of the second new-user test (testdata/newuser, written by the
// tester for this project): each was read wrongly, or silently, before.

func TestHeadingThatAsksThenStatesIsAQuestion(t *testing.T) {
	b, probs := loadTestdata(t, "newuser/tf5.md")
	q := mustMatch(t, b, "True or False? A branch is a pointer.")
	if !strings.HasPrefix(q.Answer.Text, "True.") || q.Topic != "Git" {
		t.Errorf("answer %q, topic %q", q.Answer.Text, q.Topic)
	}
	mustMatch(t, b, "What does git stash do?")
	if b.Len() != 2 {
		t.Errorf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}

	b, probs = loadTestdata(t, "newuser/tf2.md")
	if b.Len() != 1 || strings.Contains(probs.String(), "no questions found") {
		t.Errorf("tf2.md: %d questions (%s); want its one True or False question", b.Len(), probs)
	}
}

func TestQuestionFormsWithoutAFinalQuestionMark(t *testing.T) {
	notes := "# Quiz\n\n### True or false: a tag can move.\n\nFalse.\n\n### T/F: git is distributed.\n\nTrue.\n\n" +
		"### Which one is a VCS? (a) git (b) vim.\n\n(a)\n\n### 判断题：TCP 是无连接的。\n\n错。\n\n### 选择题：下列哪个是传输层协议。\n\nTCP。\n"
	b, probs := load(t, map[string]string{"quiz.md": notes})
	if b.Len() != 5 {
		t.Errorf("got %d questions %q (%s); want all five", b.Len(), firstLines(b.Questions()), probs)
	}
}

func TestSectionTextBeforeTheFirstQuestionIsReported(t *testing.T) {
	notes := "# Git\n\n### A branch is a pointer\n\nTrue, it moves with each commit.\n\n### What does git stash do?\n\nIt shelves changes.\n"
	_, probs := load(t, map[string]string{"git.md": notes})
	if !strings.Contains(probs.String(), "git.md:3: warning:") {
		t.Errorf("problems:\n%s\nwant a warning that the text under line 3's heading belongs to no question", probs)
	}
}

func TestNumberedQuestionsAnsweredByNestedBullets(t *testing.T) {
	b, probs := loadTestdata(t, "newuser/list.md")
	q := mustMatch(t, b, "What is the difference between TCP and UDP?")
	if !q.HasReference() || !strings.Contains(q.Answer.Text, "TCP is connection-oriented") ||
		!strings.Contains(q.Answer.Text, "UDP is connectionless") || q.Answer.Outline != "" {
		t.Errorf("answer %q, outline %q (%s): the nested bullets answer the question", q.Answer.Text, q.Answer.Outline, probs)
	}
	url := mustMatch(t, b, "What happens when you type a URL in the browser?")
	if !strings.Contains(url.Answer.Text, "renders the response") {
		t.Errorf("answer %q", url.Answer.Text)
	}
}

func TestWenDaLabels(t *testing.T) {
	b, probs := loadTestdata(t, "newuser/wenda.md")
	if b.Len() != 2 {
		t.Fatalf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	q := mustMatch(t, b, "什么是死锁？")
	if q.Prompt != "什么是死锁？" || q.Answer.Text != "两个或多个进程互相等待对方持有的资源，都无法继续执行。" {
		t.Errorf("prompt %q, answer %q", q.Prompt, q.Answer.Text)
	}
	notes := "问:什么是进程?\n答:运行中的程序。\n\n**问：** 什么是线程？\n**答：** CPU 调度的单位。\n"
	b, probs = load(t, map[string]string{"os.txt": notes, "os.md": notes})
	for _, q := range b.Questions() {
		if strings.Contains(q.Prompt, "问") || strings.HasPrefix(q.Answer.Text, "答") || !q.HasReference() {
			t.Errorf("prompt %q, answer %q (%s)", q.Prompt, q.Answer.Text, probs)
		}
	}
	if b.Len() != 2 {
		t.Errorf("got %d questions %q; the .txt and .md give the same two", b.Len(), firstLines(b.Questions()))
	}
}

func TestTopicSectionsBecomeQuestions(t *testing.T) {
	b, probs := loadTestdata(t, "newuser/topics.md")
	want := []string{"讲讲 UDP 和 TCP 的特点", "讲讲 TCP 的三次握手", "讲讲 TCP 拥塞控制"}
	if b.Len() != len(want) {
		t.Fatalf("got %d questions %q (%s), want %q", b.Len(), firstLines(b.Questions()), probs, want)
	}
	for _, p := range want {
		q := mustMatch(t, b, p)
		if q.Topic != "计算机网络 - 传输层" || !q.HasReference() {
			t.Errorf("%q: topic %q, answer %q", p, q.Topic, q.Answer.Text)
		}
	}
	cc := mustMatch(t, b, "讲讲 TCP 拥塞控制")
	if !strings.Contains(cc.Answer.Text, "拥塞窗口") || !strings.Contains(cc.Answer.Text, "快重传与快恢复") ||
		!strings.Contains(cc.Answer.Text, "ssthresh 设为 cwnd 的一半") {
		t.Errorf("the section's sub-sections are its answer: %q", cc.Answer.Text)
	}
	ps := probs.String()
	if !strings.Contains(ps, "topics.md:5: info:") || !strings.Contains(ps, "no heading asks a question") {
		t.Errorf("problems:\n%s\nwant a notice that sections were read as questions", ps)
	}

	en := "# Networking\n\n## TCP three-way handshake\n\nSYN, SYN-ACK, ACK.\n\n## Congestion control\n\nThe sender keeps a congestion window.\n"
	b, _ = load(t, map[string]string{"net.md": en})
	mustMatch(t, b, "Explain: TCP three-way handshake")
	mustMatch(t, b, "Explain: Congestion control")
}

func TestNoQuestionsSaysWhatItSaw(t *testing.T) {
	_, probs := load(t, map[string]string{"prose.md": "Just some prose about TCP.\n\nAnd more prose.\n"})
	ps := probs.String()
	if !strings.Contains(ps, "prose.md:1: warning: no questions found") || !strings.Contains(ps, "?") || !strings.Contains(ps, "Q:") {
		t.Errorf("problems:\n%s\nwant what was seen and how to mark questions", ps)
	}
}

func TestNotesToTheInterviewerStayHints(t *testing.T) {
	notes := "## JS\n\n1. Explain event delegation.\n   - Bonus if they mention bubbling.\n2. What is a closure?\n   - Expect them to mention lexical scope.\n\n" +
		"## 前端\n\n- 解释一下事件代理。\n  - 如果提到了 event.target，可以加分。\n"
	b, probs := load(t, map[string]string{"fe.md": notes})
	if b.Len() != 3 {
		t.Fatalf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	for _, q := range b.Questions() {
		if q.HasReference() || q.Answer.Outline == "" {
			t.Errorf("%q: answer %q, outline %q; a note to the interviewer is a hint", q.Prompt, q.Answer.Text, q.Answer.Outline)
		}
	}
}

func TestChineseSectionNumbersLeaveTopicsAndPrompts(t *testing.T) {
	notes := "# Redis\n\n## 二、持久化\n\nRDB 快照和 AOF 日志。\n\n### 1. RDB\n\n定时快照。\n\n" +
		"## 三、数据结构\n\n以下基于 Redis 6。\n\n### 字典\n\n哈希表实现。\n\n#### 1. 渐进式 rehash\n\n分多次迁移。\n\n### 跳跃表\n\n有序集合的底层实现。\n"
	b, probs := load(t, map[string]string{"redis.md": notes})
	if b.Len() != 3 {
		t.Errorf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	if q := mustMatch(t, b, "讲讲字典"); q.Topic != "数据结构" || !strings.Contains(q.Answer.Text, "分多次迁移") {
		t.Errorf("topic %q, answer %q (%s)", q.Topic, q.Answer.Text, probs)
	}
	mustMatch(t, b, "讲讲跳跃表")
	if q := mustMatch(t, b, "讲讲持久化"); !strings.Contains(q.Answer.Text, "定时快照") {
		t.Errorf("a section over one level of parts is one question: %q", q.Answer.Text)
	}
	if !strings.Contains(probs.String(), "redis.md:13: warning: text attached to no question") {
		t.Errorf("problems:\n%s\nwant the intro of a section of topics reported", probs)
	}
}
