package testkit_test

import (
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/internal/testkit"
)

func TestClock(t *testing.T) {
	c := testkit.NewClock(time.Time{})
	if c.Now().IsZero() || c.Now().Location() != time.UTC {
		t.Fatalf("a zero start gave %v, want the default UTC morning", c.Now())
	}
	start := c.Now()
	c.Advance(90 * time.Second)
	if got := c.Now().Sub(start); got != 90*time.Second {
		t.Errorf("Advance(90s) moved the clock by %v", got)
	}
	c.Set(start)
	if !c.Now().Equal(start) {
		t.Errorf("Set did not move the clock back")
	}
}

func TestBankIsTheThreeQuestions(t *testing.T) {
	b := testkit.Bank(t, "")
	for _, id := range []string{"rpo", "snapshot", "mvcc"} {
		if _, ok := b.Lookup(id); !ok {
			t.Errorf("the test bank has no question %q", id)
		}
	}
}
