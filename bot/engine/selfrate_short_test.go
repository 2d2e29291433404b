package engine_test

import (
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// shortBank has questions with a reference but no key points: a true or
// false, a multiple choice and a command.
const shortBank = `questions:
  - id: tf
    prompt: True or False? A snapshot is a backup.
    answer: "False"
  - id: mc
    prompt: "Which option is right? 1) a 2) b 3) c 4) d"
    answer: "4"
  - id: cmd
    prompt: How do you list all files, hidden ones too?
    answer: "ls -la"
`

// TestReferenceWithoutKeyPoints is report item A6: a question with a
// reference answer but no key points is not graded 0/0 · 0% and Again; the
// person rates themselves with the reference in front of them, and a reply
// that is the short reference itself counts as right.
func TestReferenceWithoutKeyPoints(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(shortBank)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	for _, q := range b.Questions() {
		for _, kp := range q.Answer.KeyPoints {
			if kp.Origin != bank.OriginTerm {
				t.Fatalf("%s has a key point the notes mark, %v: the test needs questions without", q.ID, kp)
			}
		}
	}
	h := newHarness(t, func(c *engine.Config) { c.Bank = b; c.Logger = slog.New(slog.DiscardHandler) })
	h.user.Lang = "en"
	replies := map[string]string{"tf": "true", "mc": "4", "cmd": "ls -a"}
	for range 3 {
		id := askedQuestion(t, h.cmd("next", ""))
		got := text(h.say(replies[id]))
		if strings.Contains(got, "0/0") || strings.Contains(got, "0%") {
			t.Errorf("%s: graded against nothing:\n%s", id, got)
		}
		q, _ := b.Lookup(id)
		mustContain(t, got, q.Answer.Text)
		switch id {
		case "mc":
			mustContain(t, got, "That is the reference answer")
		default:
			if strings.Contains(got, "That is the reference answer") {
				t.Errorf("%s: %q is not the reference %q but counts as right:\n%s", id, replies[id], q.Answer.Text, got)
			}
		}
	}
}
