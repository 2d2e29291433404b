package engine_test

import (
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

func TestSelectionNewThenDueReviewsFirst(t *testing.T) {
	h := newHarness(t, func(c *engine.Config) { c.NewPerDay = 2 })
	// New questions come with the topics interleaved, each in the notes'
	// order: 容灾, 数据库, 容灾, 数据库.
	if q := askedQuestion(t, h.cmd("next", "")); q != "rpo" {
		t.Fatalf("first %s", q)
	}
	h.say("完全不会") // rated Again: due tomorrow
	if q := askedQuestion(t, h.cmd("next", "")); q != "mvcc" {
		t.Fatalf("second %s", q)
	}
	h.say("多版本并发控制让读不阻塞写，依靠 undo 日志和事务快照") // Easy: due in days
	// The daily cap (2) is reached and nothing is due: /next says so;
	// /next review brings the soonest review early, never the question
	// just asked.
	if rs := h.cmd("next", ""); rs[0].Kind == bot.KindQuestion {
		t.Fatalf("past the cap: %s", text(rs))
	}
	if q := askedQuestion(t, h.cmd("next", "review")); q != "rpo" {
		t.Errorf("early review: want the soonest review rpo, got %s", q)
	}
	if q := askedQuestion(t, h.cmd("next", "review")); q != "rpo" {
		t.Error("/next review with a question open did not show it again")
	}
	h.say("还是不会")
	if q := askedQuestion(t, h.cmd("next", "new")); q != "snapshot" {
		t.Errorf("/next new past the cap: %s", q)
	}
	h.say("快照不能替代备份，备份是独立的副本，可以跨区域保存")
	// Next day: the overdue review comes before new questions.
	h.clock.Add(30 * time.Hour)
	rs := h.cmd("next", "")
	if q := askedQuestion(t, rs); q != "rpo" {
		t.Errorf("due review first, got %s", q)
	}
	mustContain(t, text(rs), "复习")
	// Skipped, it waits until the new questions of the day are asked.
	if q := askedQuestion(t, h.cmd("skip", "")); q != "wal" {
		t.Errorf("after skipping the review: %s", q)
	}
}
