package bank_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// Shapes a new user's notes had that the reader misread (docs/NOTES.md;
// testdata/corpus/ours-* hold the longer versions). Each test is small and
// written for this project.

func TestLabelledQuestionsUnderATitle(t *testing.T) {
	notes := "# 笔记\n\n#### **题目**：索引是什么\n\n#### 定义\n\n排好序的数据结构。\n\n#### **题目**：主键是什么\n\n#### 总结\n\n唯一且非空的索引。\n"
	b, probs := load(t, map[string]string{"notes.md": notes})
	if b.Len() != 2 {
		t.Fatalf("got %d questions %q (%s): the title is a topic, each 题目 a question", b.Len(), firstLines(b.Questions()), probs)
	}
	if q := mustMatch(t, b, "主键是什么"); q.Topic != "笔记" || q.Answer.Text != "总结\n\n唯一且非空的索引。" {
		t.Errorf("topic %q, answer %q", q.Topic, q.Answer.Text)
	}
}

func TestEmptyLabelTakesTheFileName(t *testing.T) {
	files := map[string]string{
		"10.Redis篇/10.1.0 使用Redis有哪些好处？.md": "#### **题目**：\n\n#### **参考答案**：\n\n(1) 速度快，数据在内存中\n",
		"10.Redis篇/10.1.9 缓存雪崩.md":          "#### **题目**：\n\n#### **参考答案**：\n\n大量缓存同时过期，请求全部打到数据库。\n",
	}
	b, probs := load(t, files)
	if b.Len() != 2 {
		t.Fatalf("got %d questions %q (%s); want one per file", b.Len(), firstLines(b.Questions()), probs)
	}
	for _, p := range []string{"使用Redis有哪些好处？", "缓存雪崩"} {
		if q := mustMatch(t, b, p); q.Prompt != p || q.Topic != "Redis篇" || !q.HasReference() {
			t.Errorf("prompt %q, topic %q, answer %q", q.Prompt, q.Topic, q.Answer.Text)
		}
	}
}

func TestEmptyPromptIsAnErrorNeverAQuestion(t *testing.T) {
	notes := "#### **题目**：\n\n#### **参考答案**：\n\n快。\n\n#### **题目**：\n\n#### **参考答案**：\n\n慢。\n"
	b, probs := load(t, map[string]string{"README.md": notes})
	for _, q := range b.Questions() {
		if strings.TrimSpace(q.Prompt) == "" {
			t.Errorf("a question with an empty prompt, id %s", q.ID)
		}
	}
	if !strings.Contains(probs.String(), "README.md:1: error: a question without a prompt") ||
		!strings.Contains(probs.String(), "README.md:7: error: a question without a prompt") {
		t.Errorf("problems:\n%s\nwant an error at each empty label", probs)
	}
}

func TestSubHeadingsOfALabelledQuestionAreItsAnswer(t *testing.T) {
	notes := "#### **题目**：超键和候选键是什么\n\n#### 定义\n\n**超键**：能唯一标识一行的属性集。\n\n#### 举例\n\n学号是超键，(学号, 姓名) 也是。\n\n#### 总结\n\n候选键是没有多余属性的超键。\n"
	b, probs := load(t, map[string]string{"keys.md": notes})
	if b.Len() != 1 {
		t.Fatalf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	q := b.Questions()[0]
	if strings.Contains(q.Prompt, "\n") || !q.HasReference() {
		t.Fatalf("prompt %q, answer %q: the sub-headings are the answer", q.Prompt, q.Answer.Text)
	}
	want := "定义\n\n超键：能唯一标识一行的属性集。\n\n举例\n\n学号是超键，(学号, 姓名) 也是。\n\n总结\n\n候选键是没有多余属性的超键。"
	if q.Answer.Text != want {
		t.Errorf("answer = %q, want %q", q.Answer.Text, want)
	}
}

func TestDetailsBetweenTheItemsOfAnAnswer(t *testing.T) {
	notes := "### TCP与UDP的区别\n\n1. TCP 面向连接；\n<details>\n<summary>什么叫无连接？</summary>\n\n发数据前不用建立连接\n</details>\n\n2. TCP 可靠；\n3. TCP 有拥塞控制。\n"
	b, probs := load(t, map[string]string{"net.md": notes})
	if b.Len() != 1 {
		t.Fatalf("got %d questions %q (%s); the <details> is part of the answer", b.Len(), firstLines(b.Questions()), probs)
	}
	want := "1. TCP 面向连接；\n\n什么叫无连接？\n\n发数据前不用建立连接\n\n2. TCP 可靠；\n3. TCP 有拥塞控制。"
	if q := b.Questions()[0]; q.Answer.Text != want {
		t.Errorf("answer = %q, want %q", q.Answer.Text, want)
	}
	if strings.Contains(probs.String(), "warning") {
		t.Errorf("warnings on a format read as meant:\n%s", probs)
	}
}

func TestDetailsInAHeadingSectionAreItsAnswer(t *testing.T) {
	notes := "# 操作系统\n\n### 进程和线程有什么区别？\n\n进程分配资源，线程被调度。\n\n### 进程同步问题\n\n<details>\n<summary>信号量</summary>\n\nP 减一，V 加一。\n</details>\n\n<details>\n<summary>什么是管程？</summary>\n\n把共享变量和操作封装在一起。\n</details>\n\n" +
		"### 进程有哪几种状态？\n\n就绪、运行、阻塞。\n"
	b, probs := load(t, map[string]string{"os.md": notes})
	if b.Len() != 3 {
		t.Fatalf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	sync := mustMatch(t, b, "进程同步问题")
	if want := "信号量\n\nP 减一，V 加一。\n\n什么是管程？\n\n把共享变量和操作封装在一起。"; sync.Answer.Text != want {
		t.Errorf("answer = %q, want %q", sync.Answer.Text, want)
	}
	for _, q := range b.Questions() {
		if q.Topic != "操作系统" {
			t.Errorf("%q: topic %q, want 操作系统", q.Prompt, q.Topic)
		}
	}
	if !strings.Contains(probs.String(), "os.md:16: info: the <details> \"什么是管程？\" asks a question but is read as part of the answer to \"进程同步问题\" (a <details>") {
		t.Errorf("problems:\n%s\nwant a notice for the <details> that asks", probs)
	}
}

func TestDetailsAfterReferencesAskTheirOwnQuestion(t *testing.T) {
	notes := "### 如何保证数据一致性？\n\n#### 答案\n\n**分层校验**。\n\n##### References\n\n- [doc](https://example.com)\n\n" +
		"<details>\n<summary><b>What does <code>fsck</code> do?</b></summary><br>\n\nIt <b>checks</b> a file system.\n\n</details>\n\n- 为什么需要限流？\n  - 限流算法有哪些？\n"
	b, probs := load(t, map[string]string{"mixed.md": notes})
	if b.Len() != 4 {
		t.Fatalf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	if q := mustMatch(t, b, "What does `fsck` do?"); q.Answer.Text != "It checks a file system." {
		t.Errorf("answer = %q", q.Answer.Text)
	}
	if q := mustMatch(t, b, "如何保证数据一致性？"); q.Answer.Text != "分层校验。" {
		t.Errorf("answer = %q", q.Answer.Text)
	}
}

func TestAQuestionHeadingEndsTheSectionsAtItsLevel(t *testing.T) {
	notes := "# JS\n\n### Table of Contents\n\n- [What is hoisting](#what-is-hoisting)\n\n### What is hoisting?\n\nDeclarations move up.\n\n### Closures\n\n#### What is a closure?\n\nA function and its scope.\n\n### What is currying?\n\nOne argument at a time.\n"
	notes += "\n## Redis\n\n## What is Redis?\n\nA key-value store.\n\n## Why is Redis fast?\n\nMemory.\n"
	b, probs := load(t, map[string]string{"js.md": notes})
	for p, topic := range map[string]string{"What is hoisting?": "JS", "What is a closure?": "Closures", "What is currying?": "JS", "What is Redis?": "Redis", "Why is Redis fast?": "Redis"} {
		if q := mustMatch(t, b, p); q.Topic != topic {
			t.Errorf("%q: topic %q, want %q (%s)", p, q.Topic, topic, probs)
		}
	}
}

func TestHeadingsInsideListItemsAreContent(t *testing.T) {
	notes := "# JS\n\n1. ### What is currying\n\n   One argument at a time.\n\n   ## Before currying\n\n   `f(a, b)`\n\n   ## After currying\n\n   `f(a)(b)`\n\n2. ### What is a pure function\n\n   Same input, same output.\n"
	b, probs := load(t, map[string]string{"js.md": notes})
	if b.Len() != 2 {
		t.Fatalf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	q := mustMatch(t, b, "What is currying")
	if want := "One argument at a time.\n\nBefore currying\n\n`f(a, b)`\n\nAfter currying\n\n`f(a)(b)`"; q.Answer.Text != want {
		t.Errorf("answer = %q, want %q", q.Answer.Text, want)
	}
	for _, q := range b.Questions() {
		if q.Topic != "JS" {
			t.Errorf("%q: topic %q, want JS: a heading inside a list item is no section", q.Prompt, q.Topic)
		}
	}
}

func TestLeetcodeNumberedHeadings(t *testing.T) {
	notes := "# Leetcode 题解 - 双指针\n\n双指针把两重循环降成一次遍历。\n\n" +
		"## 1. 移动零\n\n283\\. Move Zeroes (Easy)\n\n[Leetcode](https://leetcode.com/problems/move-zeroes/) / [力扣](https://leetcode-cn.com/problems/move-zeroes/)\n\n```html\nInput: [0,1,0,3,12]\n```\n\n题目描述：把 0 移到末尾。\n\n快慢指针，遇到非零就交换。\n\n" +
		"## 2. 盛水最多的容器\n\n11\\. Container With Most Water (Medium)\n\n左右指针，每次移动较矮的一边。\n\n" +
		"## 3. 链表是否有环\n\n141\\. Linked List Cycle (Easy)\n\n快指针走两步，慢指针走一步。\n"
	b, probs := load(t, map[string]string{"leetcode.md": notes})
	if b.Len() != 3 {
		t.Fatalf("got %d questions %q (%s)", b.Len(), firstLines(b.Questions()), probs)
	}
	q := mustMatchFirstLine(t, b, "移动零")
	if want := "移动零\n283. Move Zeroes (Easy)\n```\nInput: [0,1,0,3,12]\n```\n把 0 移到末尾。"; q.Prompt != want {
		t.Errorf("prompt = %q, want %q", q.Prompt, want)
	}
	if q.Answer.Text != "快慢指针，遇到非零就交换。" || q.Topic != "Leetcode 题解 - 双指针" {
		t.Errorf("answer %q, topic %q", q.Answer.Text, q.Topic)
	}
	if r := mustMatchFirstLine(t, b, "盛水最多的容器"); r.Answer.Text != "左右指针，每次移动较矮的一边。" {
		t.Errorf("answer = %q", r.Answer.Text)
	}
}

func TestEscapedNumberStartsNoQuestion(t *testing.T) {
	notes := "## 数组\n\n167\\. Two Sum II - Input array is sorted (Easy)\n\n说明文字。\n"
	b, _ := load(t, map[string]string{"notes.md": notes})
	if b.Len() != 0 {
		t.Errorf("got %q: an escaped number is the author saying it is no numbered item", firstLines(b.Questions()))
	}
}

func TestTodoListIsNoQuestion(t *testing.T) {
	for name, notes := range map[string]string{
		"named.md": "### 进程和线程的区别？\n\n资源与调度。\n\n### 待完成\n- [ ] IPC\n- [ ] 银行家算法\n",
		"tasks.md": "### 进程和线程的区别？\n\n资源与调度。\n\n### Next\n- [ ] IPC\n- [x] 银行家算法\n",
	} {
		b, probs := load(t, map[string]string{name: notes})
		if b.Len() != 1 || mustMatch(t, b, "进程和线程的区别？").Answer.Text != "资源与调度。" {
			t.Errorf("%s: got %q", name, firstLines(b.Questions()))
		}
		if !strings.Contains(probs.String(), name+":5: warning: the to-do list") || !strings.Contains(probs.String(), "(lines 5–7)") {
			t.Errorf("%s: problems:\n%s\nwant the to-do list reported with its lines", name, probs)
		}
	}
}

func TestNoQuestionHasTheEmptyID(t *testing.T) {
	empty := bank.NormalizePrompt("")
	b, _ := load(t, map[string]string{
		"a.md": "#### **题目**：\n\n#### **参考答案**：\n\n一。\n\n#### **题目**：\n\n#### **参考答案**：\n\n二。\n",
		"b.md": "- **1、**\n\n<details><summary></summary>\n\n三。\n</details>\n",
	})
	for _, q := range b.Questions() {
		if bank.NormalizePrompt(q.Prompt) == empty {
			t.Errorf("question %s has an empty prompt", q.ID)
		}
	}
}

// mustMatchFirstLine returns the question whose prompt's first line is
// prompt.
func mustMatchFirstLine(t *testing.T, b *bank.Bank, prompt string) *bank.Question {
	t.Helper()
	for _, q := range b.Questions() {
		if firstPromptLine(q.Prompt) == prompt {
			return q
		}
	}
	t.Fatalf("no question %q; have %q", prompt, firstLines(b.Questions()))
	return nil
}

// TestListStructureNeverReachesKeyPoints checks what the reader hands to
// key points: list markers and the breaks between items are structure,
// never part of a point ("1. TCP", "Git flow GitHub flow", "flow
// Explanation" were points once).
func TestListStructureNeverReachesKeyPoints(t *testing.T) {
	notes := "### What branch strategies do you know?\n\n- Git flow\n- GitHub flow\n- Trunk based development\n- GitLab flow\n\n[Explanation](https://example.com/branching).\n\n" +
		"### TCP与UDP的区别\n\n1. TCP是面向连接的，UDP是无连接的；\n2. TCP是可靠的，UDP不可靠；\n3. TCP只支持点对点通信；\n\n" +
		"### How do you debug a pod that does not start?\n\n1. Describe the pod and read its events\n2. Check the logs of the previous container\n3. Exec into it if the image has a shell\n4. If the node is the issue, cordon it\n"
	b, _ := load(t, map[string]string{"notes.md": notes})
	items := regexp.MustCompile(`(?m)^\s*(?:[-*]|\d+\.)\s+(.*)$`)
	for _, q := range b.Questions() {
		var lines []string
		for _, m := range items.FindAllStringSubmatch(q.Answer.Text, -1) {
			lines = append(lines, m[1])
		}
		lines = append(lines, "Explanation.")
		for _, kp := range q.Answer.KeyPoints {
			if regexp.MustCompile(`^\s*(?:[-*•]|\d+[.、)])\s*`).MatchString(kp.Text) {
				t.Errorf("%q: key point %q starts with a list marker", q.Prompt, kp.Text)
			}
			within := false
			for _, l := range lines {
				if strings.Contains(textnorm.Compact(l), textnorm.Compact(kp.Text)) {
					within = true
				}
			}
			if !within && strings.Contains(kp.Text, " ") {
				t.Errorf("%q: key point %q is not within one item of the answer %q", q.Prompt, kp.Text, lines)
			}
		}
	}
}

// TestSubHeadingAfterReferencesIsAnswerAgain checks that References drop
// only their own lines: a sub-heading after them starts more of the
// answer, never text dropped without a word.
func TestSubHeadingAfterReferencesIsAnswerAgain(t *testing.T) {
	notes := "### 什么是 MVCC？\n\n#### 答案\n\n多版本并发控制。\n\n#### References\n\n- [doc](https://example.com)\n\n#### 举例\n\n读不阻塞写。\n"
	b, probs := load(t, map[string]string{"notes.md": notes})
	if q := mustMatch(t, b, "什么是 MVCC？"); q.Answer.Text != "多版本并发控制。\n\n举例\n\n读不阻塞写。" {
		t.Errorf("answer = %q (%s)", q.Answer.Text, probs)
	}
}
