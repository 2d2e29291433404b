package engine_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// waitingGrader builds its grader on first use, once the bank's key points
// are complete, as the run command's does in the background.
type waitingGrader struct{ b *bank.Bank }

func (g waitingGrader) Grade(q *bank.Question, reply string) grade.Result {
	g.b.WaitKeyPoints()
	return grade.New(g.b).Grade(q, reply)
}

// TestFirstQuestionBeforeKeyPoints checks that a bank whose key points are
// still being read asks its first question at once, and that what reads
// key points (a hint here) waits for them: run with -race, the /next
// handled beside Loading.Complete shows it touches nothing Complete writes.
func TestFirstQuestionBeforeKeyPoints(t *testing.T) {
	l := bank.LoadQuestions(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(testBank)}}})
	h := newHarness(t, func(c *engine.Config) {
		c.Bank = l.Bank()
		c.Grader = waitingGrader{l.Bank()}
	})
	asked := make(chan []bot.Reply, 1)
	go func() { asked <- h.cmd("next", "") }()
	var rs []bot.Reply
	select {
	case rs = <-asked:
	case <-time.After(30 * time.Second):
		t.Fatal("/next waited for the key points")
	}
	if id := askedQuestion(t, rs); id != "rpo" {
		t.Fatalf("asked %q, want rpo", id)
	}

	hinted := make(chan []bot.Reply, 1)
	go func() { hinted <- h.cmd("hint", "") }()
	completed := make(chan bank.Problems, 1)
	go func() { completed <- l.Complete() }()
	// The outline first, then the key points, which a hint reads only
	// once they are complete.
	mustContain(t, text(<-hinted), "提纲", "定义 → 区别 → 例子")
	if probs := <-completed; probs.HasErrors() {
		t.Fatal(probs)
	}
	mustContain(t, text(h.cmd("hint", "")), "3 个要点", "恢复…")
}
