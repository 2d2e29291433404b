package telegram

import (
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// reserved returns the times n sends reserved at start would go out.
func reserved(l *rate.Limiter, start time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = start.Add(l.ReserveN(start, 1).DelayFrom(start))
	}
	return out
}

// TestLimiterStaysUnderTheLimits: however many sends wait at once, no
// second holds more than the configured number of messages, with slack for
// the jitter on the way to Telegram — even right after a pause, when the
// buckets are full.
func TestLimiterStaysUnderTheLimits(t *testing.T) {
	const slack = 5 * time.Millisecond
	l := newLimiter(Limits{Global: 30, PerChat: 1, PerGroup: 20})
	start := time.Now()
	at := reserved(l.global, start, 100)
	for i := 30; i < len(at); i++ {
		if span := at[i].Sub(at[i-30]); span < time.Second+slack {
			t.Fatalf("global: sends %d and %d are %v apart: 31 messages within a second (+%v)", i-30, i, span, slack)
		}
	}
	chat, _ := l.chatLimiters(42, false)
	at = reserved(chat, start, 5)
	for i := 1; i < len(at); i++ {
		if gap := at[i].Sub(at[i-1]); gap < time.Second+slack {
			t.Fatalf("per chat: sends %d and %d are %v apart", i-1, i, gap)
		}
	}
}
