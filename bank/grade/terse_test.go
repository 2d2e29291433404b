package grade_test

import (
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/seeds"
)

// tcpUDPNotes is the new-user test's TCP与UDP的区别 (waking-up): seven
// numbered differences and a remark with a link.
const tcpUDPNotes = "# 网络\n\n### TCP与UDP的区别\n\n" +
	"1. TCP是面向连接的，UDP是无连接的；\n" +
	"2. TCP是可靠的，UDP不可靠；\n" +
	"3. TCP只支持点对点通信，UDP支持一对一、一对多、多对一、多对多；\n" +
	"4. TCP是面向字节流的，UDP是面向报文的；\n" +
	"5. TCP有拥塞控制机制，UDP没有。网络出现的拥塞不会使源主机的发送速率降低，这对某些实时应用是很重要的，比如媒体通信，游戏；\n" +
	"6. TCP首部开销（20字节）比UDP首部开销（8字节）要大\n" +
	"7. UDP 的主机不需要维持复杂的连接状态表\n\n" +
	"注：**http 3.0 使用udp实现**\nhttps://zh.wikipedia.org/wiki/HTTP/3\n\n" +
	"### 什么是拥塞控制？\n\n防止过多的数据注入到网络中，使网络中的路由器或链路不致过载。\n\n" +
	"### 进程和线程的区别？\n\n进程是资源分配的基本单位，线程是CPU调度的基本单位；进程有独立的地址空间，线程共享进程的内存。\n"

// TestTerseComparisonIsNoWordList checks that a terse right answer to a
// comparison (TCP 面向连接，UDP 无连接；…), each clause a subject of the
// question and what it is, is graded as statements: it beats a wrong
// answer in full sentences, while the same words with no subjects stay a
// list.
func TestTerseComparisonIsNoWordList(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"net.md": {Data: []byte(tcpUDPNotes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q := questionByPrompt(t, b, "TCP与UDP的区别")
	right := g.Grade(q, "TCP 面向连接，UDP 无连接；TCP 首部 20 字节，UDP 8 字节；TCP 可靠，UDP 尽最大努力交付。")
	wrong := g.Grade(q, "TCP 和 UDP 都是应用层协议，UDP 是面向连接的，TCP 是无连接的，UDP首部20字节")
	if right.Coverage < 0.3 || right.Coverage <= wrong.Coverage {
		t.Errorf("right answer %.2f, wrong one %.2f: want the right one ahead and at least 0.3", right.Coverage, wrong.Coverage)
	}
	salad := g.Grade(q, "面向连接 无连接 首部 字节 可靠 尽最大努力交付")
	if salad.Coverage > 0.3 {
		t.Errorf("words strung together: %.2f, want at most 0.3", salad.Coverage)
	}
	restated := g.Grade(q, "TCP和UDP有什么区别")
	if restated.Coverage > 0.3 {
		t.Errorf("question restated: %.2f, want at most 0.3", restated.Coverage)
	}
}

// gitPullNotes is the devops notes' git pull vs fetch, whose gist is a
// formula.
const gitPullNotes = "<details>\n<summary>What is the difference between <code>git pull</code> and <code>git fetch</code>?</summary><br><b>\n\n" +
	"Shortly, git pull = git fetch + git merge\n\n" +
	"When you run git pull, it gets all the changes from the remote or central\n" +
	"repository and attaches it to your corresponding branch in your local repository.\n\n" +
	"git fetch gets all the changes from the remote repository, stores the changes in\n" +
	"a separate branch in your local repository\n" +
	"</b></details>\n\n" +
	"<details>\n<summary>How to check if a file is tracked?</summary><br><b>\n\n`git ls-files --error-unmatch FILE`\n</b></details>\n"

// TestFormulaAnswerCounts checks the new-user test's `fetch downloads,
// pull = fetch + merge` (0% before) covers the notes' formula, and the
// question restated does not.
func TestFormulaAnswerCounts(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"git.md": {Data: []byte(gitPullNotes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q := b.Questions()[0]
	if res := g.Grade(q, "fetch downloads, pull = fetch + merge"); res.Coverage < 0.3 || len(res.Covered) == 0 {
		t.Errorf("formula answer: coverage %.2f, covered %d, want at least 0.3 and one point", res.Coverage, len(res.Covered))
	}
	if res := g.Grade(q, "What is the difference between git pull and git fetch?"); res.Coverage > 0.3 {
		t.Errorf("question restated: %.2f, want at most 0.3", res.Coverage)
	}
}

// TestKeyPointSaladWithAPointWord checks the new-user test's salad on a
// seed question (算力效率最大化 工具链 成本优化: two points named and a word
// of the third) stays a list of words: it scored 67%, Good.
func TestKeyPointSaladWithAPointWord(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: seeds.FS})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q, ok := b.Lookup("c74d848b22")
	if !ok {
		t.Fatal("no seed question c74d848b22")
	}
	if res := g.Grade(q, "算力效率最大化 工具链 成本优化"); res.Coverage > 0.3 {
		t.Errorf("salad: coverage %.2f, want at most 0.3", res.Coverage)
	}
}
