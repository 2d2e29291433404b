package grade_test

import (
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// listNotes holds questions that ask for a list ("有哪些", "特性", "What
// are the types of") and one that does not, over answers that are lists
// of named items.
const listNotes = "# OS\n\n" +
	"### 进程间通信有哪些方式？\n\n" +
	"1. 管道(Pipe)\n" +
	"- 管道是半双工的，数据只能向一个方向流动；\n" +
	"- 只能用于父子进程或者兄弟进程之间\n" +
	"2. 命名管道\n3. 消息队列\n4. 信号(Signal)\n5. 共享内存\n" +
	"6. 信号量(Semaphore)：初始化操作、P操作、V操作\n7. 套接字(Socket)\n\n" +
	"### 事务的概念和特性？\n\n" +
	"特性（ACID）：\n\n" +
	"- **原子性**（Atomicity）：事务的所有操作要么全部提交成功，要么全部失败回滚；\n" +
	"- **一致性**（Consistency）：事务的执行必须使数据库保持一致性状态；\n" +
	"- **隔离性**（Isolation）：一个事务所做的修改在最终提交以前，对其它事务是不可见的；\n" +
	"- **持久性**（Durability）：一旦事务提交成功，对数据的修改是永久性的\n\n" +
	"### What are the types of joins?\n\n" +
	"- Inner join: rows that match in both tables\n" +
	"- Left join: every row of the left table, matched or not\n" +
	"- Cross join: every pair of rows\n\n" +
	"### 为什么要用事务？\n\n" +
	"- **原子性**（Atomicity）：事务的所有操作要么全部提交成功，要么全部失败回滚；\n" +
	"- **持久性**（Durability）：一旦事务提交成功，对数据的修改是永久性的\n"

func listGrader(t *testing.T) (*grade.Grader, *bank.Bank) {
	t.Helper()
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"os.md": {Data: []byte(listNotes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return grade.New(b), b
}

func questionByPrompt(t *testing.T, b *bank.Bank, prompt string) *bank.Question {
	t.Helper()
	for _, q := range b.Questions() {
		if q.Prompt == prompt {
			return q
		}
	}
	t.Fatalf("no question %q", prompt)
	return nil
}

// TestNamingTheItemsAnswersAListQuestion checks that a short list naming
// the items of the answer's list answers a question that asks for them:
// each named item is covered, not a mention worth a quarter.
func TestNamingTheItemsAnswersAListQuestion(t *testing.T) {
	g, b := listGrader(t)
	tests := []struct {
		prompt, reply string
		min           float64
	}{
		{"进程间通信有哪些方式？", "管道和命名管道，消息队列，共享内存，信号量，信号，还有socket套接字。", 0.85},
		{"事务的概念和特性？", "原子性一致性隔离性持久性", 0.85},
		{"What are the types of joins?", "inner join, left join, cross join", 0.85},
		// Half the items named: half the answer.
		{"进程间通信有哪些方式？", "管道，消息队列，共享内存", 0.4},
	}
	for _, tt := range tests {
		q := questionByPrompt(t, b, tt.prompt)
		res := g.Grade(q, tt.reply)
		if res.Coverage < tt.min {
			t.Errorf("%s %q: coverage %.2f (covered %d, partly %d of %d), want at least %.2f",
				tt.prompt, tt.reply, res.Coverage, len(res.Covered), len(res.Partial),
				len(res.Covered)+len(res.Partial)+len(res.Missed), tt.min)
		}
	}
}

// TestNamingIsNoAnswerToAnotherQuestion checks that the same list of
// names stays a mention when the question asks something else (为什么).
func TestNamingIsNoAnswerToAnotherQuestion(t *testing.T) {
	g, b := listGrader(t)
	q := questionByPrompt(t, b, "为什么要用事务？")
	res := g.Grade(q, "原子性，持久性")
	if res.Coverage > 0.3 {
		t.Errorf("coverage %.2f, want at most 0.3: naming is not explaining why", res.Coverage)
	}
	for _, p := range res.Covered {
		t.Errorf("%s covered by its name alone", p.Text)
	}
	if len(res.Partial) == 0 {
		t.Errorf("no point partly covered: %+v", res)
	}
}
