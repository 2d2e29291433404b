package bank_test

import (
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/seeds"
)

// TestLoadInTwoSteps checks that reading the questions first and their key
// points after gives exactly the bank and the problems Load gives, on the
// seeds and on every folder of real notes in the test corpus, and that the
// questions are all there before the key points are.
func TestLoadInTwoSteps(t *testing.T) {
	inputs := map[string]bank.Input{
		"seeds":  {FS: seeds.FS, Prefix: "seeds"},
		"corpus": {FS: os.DirFS("testdata/corpus"), Prefix: "corpus"},
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			want, wantProbs := bank.Load(in)
			l := bank.LoadQuestions(in)
			early := l.Bank()
			if early.Len() != want.Len() {
				t.Fatalf("LoadQuestions read %d questions, Load %d", early.Len(), want.Len())
			}
			for i, q := range early.Questions() {
				w := want.Questions()[i]
				if q.ID != w.ID || q.Prompt != w.Prompt || q.Topic != w.Topic || q.Answer.Text != w.Answer.Text {
					t.Fatalf("question %d before its key points: %q %q, Load gives %q %q", i, q.ID, q.Prompt, w.ID, w.Prompt)
				}
			}
			probs := l.Complete()
			if !reflect.DeepEqual(probs, wantProbs) {
				t.Errorf("problems differ:\n%v\nLoad:\n%v", probs, wantProbs)
			}
			if !reflect.DeepEqual(early.Questions(), want.Questions()) {
				for i, q := range early.Questions() {
					if !reflect.DeepEqual(q, want.Questions()[i]) {
						t.Fatalf("question %q differs once complete:\n%+v\nLoad:\n%+v", q.ID, q.Answer.KeyPoints, want.Questions()[i].Answer.KeyPoints)
					}
				}
				t.Fatal("questions differ once complete")
			}
			if again := l.Complete(); !reflect.DeepEqual(again, probs) {
				t.Error("a second Complete returned other problems")
			}
		})
	}
}

// TestWaitKeyPoints checks that readers of key points wait for Complete
// while the questions' prompts are read beside it (go test -race finds a
// reader that touches what Complete writes).
func TestWaitKeyPoints(t *testing.T) {
	l := bank.LoadQuestions(bank.Input{FS: seeds.FS, Prefix: "seeds"})
	b := l.Bank()
	var wg sync.WaitGroup
	points := make(chan int, 1)
	wg.Go(func() {
		b.WaitKeyPoints()
		n := 0
		for _, q := range b.Questions() {
			n += len(q.Answer.KeyPoints)
		}
		points <- n
	})
	wg.Go(func() {
		for _, q := range b.Questions() {
			if got, ok := b.Lookup(q.ID); !ok || got.Prompt != q.Prompt {
				t.Errorf("lookup of %q before the key points failed", q.ID)
			}
		}
	})
	wg.Go(func() { l.Complete() })
	wg.Wait()
	if n := <-points; n == 0 {
		t.Error("WaitKeyPoints returned before the key points were read")
	}
	complete, _ := bank.Load(bank.Input{FS: seeds.FS, Prefix: "seeds"})
	complete.WaitKeyPoints() // a loaded bank is complete: returns at once
}
