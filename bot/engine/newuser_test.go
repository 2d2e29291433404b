package engine_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
)

// The tests in this file are the new user's report after issue 13: each
// failed on the code of that time.

// TestNextReviewAsksAReview is report item 10: /next review asks a review
// before it is due, not a new question, and says so when there is nothing
// to review yet.
func TestNextReviewAsksAReview(t *testing.T) {
	h := newHarness(t)
	rs := h.cmd("next", "review")
	if askedID(rs) != "" {
		t.Fatalf("/next review with nothing answered asked a question:\n%s", text(rs))
	}
	mustContain(t, text(rs), "/next")
	answered := map[string]bool{}
	for range 2 {
		answered[askedQuestion(t, h.cmd("next", ""))] = true
		h.say("恢复点目标和恢复时间目标，备份频率，独立的副本")
	}
	rs = h.cmd("next", "review")
	id := askedID(rs)
	if !answered[id] {
		t.Fatalf("/next review asked %q, not one of the questions answered %v:\n%s", id, answered, text(rs))
	}
	mustContain(t, text(rs), "提前复习")
	// With a question open, /next review replaces it by a review too.
	h.cmd("next", "new")
	rs = h.cmd("next", "review")
	if id := askedID(rs); !answered[id] {
		t.Errorf("/next review with a new question open asked %q:\n%s", id, text(rs))
	}
}

// askedID returns the question a reply asks, or "".
func askedID(rs []bot.Reply) string {
	for _, r := range rs {
		if id, ok := strings.CutPrefix(r.Track, "q:"); ok {
			id, _, _ = strings.Cut(id, ":")
			return id
		}
	}
	return ""
}

// lineWith returns the first line of s that contains sub.
func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}
