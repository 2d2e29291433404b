package bank_test

import (
	"strings"
	"testing"
)

// The shapes below come from real notes (see testdata/corpus); these are
// small versions of each, written for this project, that pin one behaviour
// apiece.

func TestLabelledHeadings(t *testing.T) {
	b, probs := loadTestdata(t, "labelled.md")
	if len(probs) != 0 {
		t.Errorf("problems: %s", probs)
	}
	if b.Len() != 2 {
		t.Fatalf("got %d questions, want 2", b.Len())
	}
	q := mustMatch(t, b, "MySQL 的数据如何恢复到任意时间点？")
	if !strings.HasPrefix(q.Answer.Text, "恢复到任意时间点以定时的全量备份") || strings.Contains(q.Answer.Text, "面试官") {
		t.Errorf("answer = %q", q.Answer.Text)
	}
	if got := pointTexts(q.Answer.KeyPoints); strings.Join(got, "|") != "全量备份|binlog|回放 binlog" && !strings.Contains(strings.Join(got, "|"), "全量备份") {
		t.Errorf("key points = %q", got)
	}
	r := mustMatch(t, b, "Redis 的持久化有哪几种方式？")
	if !strings.Contains(r.Answer.Text, "RDB 快照和 AOF 日志") {
		t.Errorf("answer = %q", r.Answer.Text)
	}
}

func TestDecoratedPrompts(t *testing.T) {
	files := map[string]string{
		"link.md":  "## [3、什么是 CAP？](https://example.com/cap)\n\nCAP 指**一致性**、**可用性**和**分区容错性**。\n",
		"bold.txt": "**1、**BASE 理论是什么？\n回答：**基本可用**、**软状态**、**最终一致**。\n",
		"q1.txt":   "Q1: What is idempotency?\nA: Doing it **twice** changes **nothing**.\n",
		"label.md": "问题：什么是两阶段提交？\n\n**答案：** 先**准备**再**提交**，协调者统一决定。\n",
	}
	b, _ := load(t, files)
	for _, p := range []string{"什么是 CAP？", "BASE 理论是什么？", "What is idempotency?", "什么是两阶段提交？"} {
		q := mustMatch(t, b, p)
		if q.Prompt != p || !q.HasReference() {
			t.Errorf("prompt %q (answer %q), want %q", q.Prompt, q.Answer.Text, p)
		}
	}
	if b.Len() != 4 {
		t.Errorf("got %d questions, want 4", b.Len())
	}
}

func TestAddressIsNoNumbering(t *testing.T) {
	notes := "1. 内网地址有哪些？\n\n    回答：\n    192.168.1.2 这样的**私有地址**，还有 10.0.0.1。\n"
	b, _ := load(t, map[string]string{"notes.txt": notes})
	if b.Len() != 1 {
		t.Fatalf("got %d questions, want 1: %q", b.Len(), firstLines(b.Questions()))
	}
	if q := mustMatch(t, b, "内网地址有哪些？"); !strings.Contains(q.Answer.Text, "192.168.1.2 这样的私有地址") {
		t.Errorf("answer = %q", q.Answer.Text)
	}
}

func TestCodeFencesAreNeverStructure(t *testing.T) {
	notes := "## 运维\n\n### 如何查看登录用户？\n\n```bash\n# who 读取 /var/run/utmp\nwho\n## 不是标题\n```\n\n也可以用 `w`。\n"
	b, probs := load(t, map[string]string{"ops.md": notes})
	if b.Len() != 1 {
		t.Fatalf("got %d questions: %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	q := b.Questions()[0]
	if q.Topic != "运维" {
		t.Errorf("topic = %q", q.Topic)
	}
	want := "```\n# who 读取 /var/run/utmp\nwho\n## 不是标题\n```\n\n也可以用 `w`。"
	if q.Answer.Text != want {
		t.Errorf("answer = %q, want %q (code kept, the fence's language tag left out)", q.Answer.Text, want)
	}
}

func TestIndentedAnswersInMarkdownAreText(t *testing.T) {
	// CommonMark reads text indented four spaces as code; in notes it is an
	// answer under its question.
	notes := "什么是幂等？\n\n    回答：\n    **重复执行结果相同**，比如**按主键写入**。\n"
	b, _ := load(t, map[string]string{"notes.md": notes})
	q := mustMatch(t, b, "什么是幂等？")
	if q.Answer.Text != "重复执行结果相同，比如按主键写入。" || len(q.Answer.KeyPoints) == 0 {
		t.Errorf("answer %q, points %v", q.Answer.Text, pointTexts(q.Answer.KeyPoints))
	}
}

func TestDetailsQuestions(t *testing.T) {
	notes := "## Linux\n\n<details>\n<summary><b>What does <code>ls -al</code> show?</b></summary><br>\n\nFile <b>permissions</b>, owner and size.<br>\nOne line per file.\n\nUseful resources:\n\n- [man ls](https://man7.org)\n\n</details>\n\n" +
		"<details>\n<summary><b>How do you find open ports? ***</b></summary><br>\n\nTo be completed.\n\n</details>\n"
	b, _ := load(t, map[string]string{"linux.md": notes})
	ls := mustMatch(t, b, "What does `ls -al` show?")
	if ls.Answer.Text != "File permissions, owner and size.\nOne line per file." || ls.Topic != "Linux" {
		t.Errorf("answer %q, topic %q", ls.Answer.Text, ls.Topic)
	}
	ports := mustMatch(t, b, "How do you find open ports?")
	if ports.HasReference() {
		t.Errorf("\"To be completed.\" is no answer: %q", ports.Answer.Text)
	}
}

func TestQuestionListWithFollowUpsAndHints(t *testing.T) {
	notes := "## 常见问题\n\n* 为什么利用多个域名提供资源更有效？\n\t* 浏览器同一时间可以从一个域名下载多少资源？\n* 你如何优化网站的资源？\n\t* 期待的方案包括：\n\t\t* 文件合并\n\t\t* 使用 CDN\n* Explain event delegation.\n"
	b, probs := load(t, map[string]string{"fe.md": notes})
	if b.Len() != 4 || len(probs) != 0 {
		t.Fatalf("got %d questions %q, problems %s", b.Len(), firstLines(b.Questions()), probs)
	}
	parent := mustMatch(t, b, "为什么利用多个域名提供资源更有效？")
	follow := mustMatch(t, b, "浏览器同一时间可以从一个域名下载多少资源？")
	if follow.Parent != parent.ID || len(parent.FollowUps) != 1 || parent.FollowUps[0] != follow.ID {
		t.Errorf("follow-up not attached: parent %v, child parent %q", parent.FollowUps, follow.Parent)
	}
	opt := mustMatch(t, b, "你如何优化网站的资源？")
	if opt.Answer.Outline != "期待的方案包括：\n  文件合并\n  使用 CDN" {
		t.Errorf("outline = %q", opt.Answer.Outline)
	}
	for _, q := range b.Questions() {
		if q.HasReference() || q.Topic != "常见问题" {
			t.Errorf("%q: reference %v, topic %q", q.Prompt, q.HasReference(), q.Topic)
		}
	}
}

func TestChecklistGivesTheKeyPoints(t *testing.T) {
	notes := "### What is a closure?\n\n#### Answer\n\nA function that keeps access to its **lexical scope**.\n\n#### Good to hear\n\n* Data privacy\n* Used by **React hooks**\n\n##### Additional links\n\n* [MDN](https://developer.mozilla.org)\n"
	b, _ := load(t, map[string]string{"closures.md": notes})
	q := mustMatch(t, b, "What is a closure?")
	if got := pointTexts(q.Answer.KeyPoints); strings.Join(got, "|") != "Data privacy|Used by React hooks" {
		t.Errorf("key points = %q (only the checklist, nothing on top)", got)
	}
	if q.Answer.Text != "A function that keeps access to its lexical scope." {
		t.Errorf("answer = %q", q.Answer.Text)
	}
}

func TestBoldLabelsAreSubSectionsUnlessTheyNameARole(t *testing.T) {
	notes := "### 进程和线程的区别？\n\n**优点：**\n线程切换开销小。\n\n**缺点：**\n一个线程崩溃会拖垮整个进程。\n\n" +
		"### 为什么想做 SRE？\n\n**SRE 方向：**\n想把稳定性做成工程。\n\n**架构师方向：**\n想在更早的阶段参与设计。\n"
	b, _ := load(t, map[string]string{"notes.md": notes})
	q := mustMatch(t, b, "进程和线程的区别？")
	if len(q.Variants) != 0 || !strings.Contains(q.Answer.Text, "线程切换开销小") || !strings.Contains(q.Answer.Text, "一个线程崩溃") {
		t.Errorf("优点/缺点 are parts of one answer: %q, %d variants", q.Answer.Text, len(q.Variants))
	}
	r := mustMatch(t, b, "为什么想做 SRE？")
	if r.Answer.Label != "SRE 方向" || len(r.Variants) != 1 || r.Variants[0].Label != "架构师方向" {
		t.Errorf("role labels make variants: %q, %+v", r.Answer.Label, r.Variants)
	}
}

func TestConversationalProseIsNoTranscript(t *testing.T) {
	notes := "### 为什么使用消息队列？\n\n其实就是问问你消息队列都有哪些使用场景，然后你项目里具体是什么场景，说说你在这个场景里用消息队列是什么？其实这个就是解耦、异步、削峰，那么这个就是说你可能就是要讲清楚。\n"
	b, _ := load(t, map[string]string{"mq.md": notes})
	q := mustMatch(t, b, "为什么使用消息队列？")
	if q.Answer.Spoken != "" || !strings.Contains(q.Answer.Text, "解耦") {
		t.Errorf("text %q, spoken %q", q.Answer.Text, q.Answer.Spoken)
	}
}

func TestOneQuestionPerFile(t *testing.T) {
	files := map[string]string{
		"01.阿里篇/1.1.7 MySQL 的数据如何恢复到任意时间点？.md": "以定时的全量备份和增量 binlog 为前提。\n",
		"high-concurrency/why-mq.md": "## 面试题\n- 为什么使用消息队列？\n- 消息队列有什么优点和缺点？\n\n## 面试官心理分析\n看你知不知道为什么要用。\n\n## 面试题剖析\n### 解耦\n系统之间不直接调用。\n",
	}
	b, probs := load(t, files)
	if b.Len() != 2 {
		t.Fatalf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	named := mustMatch(t, b, "MySQL 的数据如何恢复到任意时间点？")
	if named.Topic != "阿里篇" || named.Answer.Text != "以定时的全量备份和增量 binlog 为前提。" {
		t.Errorf("file named question: topic %q, answer %q", named.Topic, named.Answer.Text)
	}
	mq := mustMatch(t, b, "为什么使用消息队列？\n消息队列有什么优点和缺点？")
	if mq.Prompt != "为什么使用消息队列？\n消息队列有什么优点和缺点？" || mq.Topic != "high-concurrency" ||
		mq.Answer.Outline != "看你知不知道为什么要用。" || mq.Answer.Text != "解耦\n\n系统之间不直接调用。" {
		t.Errorf("面试题 file: %q / %q / %q / %q", mq.Prompt, mq.Topic, mq.Answer.Outline, mq.Answer.Text)
	}
}
