package bank_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bank"
)

func TestFileWithoutQuestionsWarnsByName(t *testing.T) {
	b, probs := load(t, map[string]string{"good.md": "## What is TCP?\n\nA protocol.\n", "prose.md": "Just prose.\n"})
	if b.Len() != 1 {
		t.Fatalf("got %d questions", b.Len())
	}
	var found bool
	for _, p := range probs {
		if p.Severity == bank.Warning && strings.HasPrefix(p.Message, "no questions found in prose.md:") {
			found = true
		}
	}
	if !found {
		t.Errorf("problems:\n%s\nwant a warning that names prose.md in its message, for the start-up log", probs)
	}
}
