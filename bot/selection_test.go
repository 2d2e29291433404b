package bot_test

import (
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

func TestSelectionNewThenDueReviewsFirst(t *testing.T) {
	h := newHarness(t, func(c *bot.Config) { c.NewPerDay = 2 })
	// New questions come in bank order.
	if q := askedQuestion(t, h.cmd("next", "")); q != "rpo" {
		t.Fatalf("first %s", q)
	}
	h.say("完全不会") // rated Again: due tomorrow
	if q := askedQuestion(t, h.cmd("next", "")); q != "snapshot" {
		t.Fatalf("second %s", q)
	}
	h.say("快照不能替代备份，备份是独立的副本，可以跨区域保存") // Easy: due in days
	// The daily cap (2) is reached: the soonest review comes early, never
	// the question just asked.
	if q := askedQuestion(t, h.cmd("next", "")); q != "rpo" {
		t.Errorf("after the cap want the soonest review rpo, got %s", q)
	}
	if q := askedQuestion(t, h.cmd("next", "")); q == "rpo" {
		t.Error("asked the same question twice in a row")
	}
	// Next day: the overdue review comes before new questions (here the
	// question skip asks next).
	h.clock.Add(30 * time.Hour)
	rs := h.cmd("skip", "")
	if q := askedQuestion(t, rs); q != "rpo" {
		t.Errorf("due review first, got %s", q)
	}
	mustContain(t, text(rs), "复习")
}
