package bank_test

import (
	"strings"
	"testing"
)

// Shapes of the third new-user test (testdata/newuser, written by the
// tester for this project): each was read wrongly, or silently, before.

func TestBracketLabelLines(t *testing.T) {
	b, probs := loadTestdata(t, "newuser/labels-zh.md")
	if b.Len() != 2 {
		t.Fatalf("got %d questions %q (%s); want the two 【问题】 lines", b.Len(), firstLines(b.Questions()), probs)
	}
	q := mustMatch(t, b, "Redis 为什么这么快？")
	if !strings.HasPrefix(q.Answer.Text, "Redis 基于内存操作") || q.Topic != "Redis 面试" {
		t.Errorf("answer %q, topic %q", q.Answer.Text, q.Topic)
	}
	q = mustMatch(t, b, "什么是缓存雪崩？如何解决？")
	if !strings.HasPrefix(q.Answer.Text, "缓存雪崩是指") {
		t.Errorf("answer %q", q.Answer.Text)
	}
	more := "【题目】什么是 CAS？\n【解答】比较并交换。\n\n【面试题】什么是 AQS？\n【参考答案】抽象队列同步器。\n\n【问题】什么是自旋锁？\n【答案解析】循环尝试获取锁。\n"
	b, probs = load(t, map[string]string{"locks.md": more, "locks.txt": more})
	for _, want := range []struct{ prompt, answer string }{
		{"什么是 CAS？", "比较并交换。"}, {"什么是 AQS？", "抽象队列同步器。"}, {"什么是自旋锁？", "循环尝试获取锁。"},
	} {
		if q := mustMatch(t, b, want.prompt); q.Answer.Text != want.answer || len(q.Sources) != 2 {
			t.Errorf("%q: answer %q from %v (%s)", want.prompt, q.Answer.Text, q.Sources, probs)
		}
	}
}

func TestLabelledAndNumberedHeadings(t *testing.T) {
	b, probs := loadTestdata(t, "newuser/labelled-headings-zh.md")
	q := mustMatch(t, b, "什么是乐观锁？")
	if !strings.HasPrefix(q.Answer.Text, "乐观锁假设不会冲突") {
		t.Errorf("answer %q (%s): the 【答案】 label is no part of it", q.Answer.Text, probs)
	}
	pool := mustMatch(t, b, "什么是线程池？")
	if !strings.HasPrefix(pool.Answer.Text, "线程池复用一组线程") {
		t.Errorf("answer %q: the **答案解析**： label is no part of it", pool.Answer.Text)
	}
	for _, p := range pool.Answer.KeyPoints {
		if strings.Contains(p.Text, "答案解析") {
			t.Errorf("key points %v: the label is no key point", pool.Answer.KeyPoints)
		}
	}

	b, _ = loadTestdata(t, "newuser/numbered-headings-zh.md")
	mustMatch(t, b, "什么是虚拟内存？")
	mustMatch(t, b, "什么是缺页中断？")
	b, _ = loadTestdata(t, "newuser/numbered-label-zh.md")
	mustMatch(t, b, "HashMap 的底层实现是什么？")
	mustMatch(t, b, "synchronized 和 ReentrantLock 的区别？")

	more := "# Mixed\n\n## 第1题：什么是死锁？\n\n互相等待。\n\n## 第二题 什么是活锁？\n\n互相谦让。\n\n" +
		"## Question 3: What is a mutex?\n\nA lock.\n\n## （四）什么是信号量？\n\n计数器。\n"
	b, probs = load(t, map[string]string{"mixed.md": more})
	for _, p := range []string{"什么是死锁？", "什么是活锁？", "What is a mutex?", "什么是信号量？"} {
		mustMatch(t, b, p)
	}
	if b.Len() != 4 {
		t.Errorf("got %q (%s)", firstLines(b.Questions()), probs)
	}
}

func TestChineseNumberedLines(t *testing.T) {
	b, probs := loadTestdata(t, "newuser/numbered-zh.md")
	if b.Len() != 3 {
		t.Fatalf("got %d questions %q (%s); want the three 一、…？ lines", b.Len(), firstLines(b.Questions()), probs)
	}
	q := mustMatch(t, b, "什么是虚拟内存？")
	if !strings.HasPrefix(q.Answer.Text, "虚拟内存让每个进程") || strings.Contains(q.Answer.Text, "进程调度") {
		t.Errorf("answer %q", q.Answer.Text)
	}
	if q := mustMatch(t, b, "什么是缺页中断？"); !strings.Contains(q.Answer.Text, "LRU") {
		t.Errorf("answer %q", q.Answer.Text)
	}
	// Numbered lines under 一、…？ are items of its answer.
	list := "# Redis\n\n一、Redis 为什么快？\n\n1. 基于内存\n2. 单线程，没有锁竞争\n\n二、什么是缓存穿透？\n\n查询不存在的数据。\n"
	b, probs = load(t, map[string]string{"redis.md": list, "redis.txt": list})
	if q := mustMatch(t, b, "Redis 为什么快？"); b.Len() != 2 || !strings.Contains(q.Answer.Text, "单线程") {
		t.Errorf("got %q, answer %q (%s)", firstLines(b.Questions()), q.Answer.Text, probs)
	}
	// A numbered section title that asks nothing stays a line of the answer.
	notes := "一、什么是 TCP？\n\n面向连接的协议。\n\n二、总结\n\n可靠传输。\n"
	b, probs = load(t, map[string]string{"tcp.md": notes})
	if q := mustMatch(t, b, "什么是 TCP？"); b.Len() != 1 || !strings.Contains(q.Answer.Text, "可靠传输") {
		t.Errorf("got %q, answer %q (%s)", firstLines(b.Questions()), q.Answer.Text, probs)
	}
}
