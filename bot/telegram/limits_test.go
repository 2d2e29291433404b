package telegram

import (
	"context"
	"math/rand/v2"
	"slices"
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

// TestLimiterStaysUnderTheLimits: however many sends to one chat wait at
// once, they go out more than a second apart, with slack for the jitter on
// the way to Telegram — even right after a pause, when the bucket is full.
// (The global pace: TestGlobalPaceHoldsWhenSendersWakeLate.)
func TestLimiterStaysUnderTheLimits(t *testing.T) {
	const slack = 5 * time.Millisecond
	l := newLimiter(Limits{Global: 30, PerChat: 1, PerGroup: 20})
	start := time.Now()
	chat, _ := l.chatLimiters(42, false)
	at := reserved(chat, start, 5)
	for i := 1; i < len(at); i++ {
		if gap := at[i].Sub(at[i-1]); gap < time.Second+slack {
			t.Fatalf("per chat: sends %d and %d are %v apart", i-1, i, gap)
		}
	}
}

// fakeClock is a clock that sleeping moves on, late by the next of its
// delays: a sender woken late on a busy machine.
type fakeClock struct {
	t    time.Time
	late []time.Duration
}

func (c *fakeClock) now() time.Time { return c.t }

func (c *fakeClock) sleep(_ context.Context, d time.Duration) error {
	c.t = c.t.Add(d)
	if len(c.late) > 0 {
		c.t, c.late = c.t.Add(c.late[0]), c.late[1:]
	}
	return nil
}

// lateWakeUps are a busy machine's: most senders on time, some 5–40 ms
// late (seeded).
func lateWakeUps(n int) []time.Duration {
	rng := rand.New(rand.NewPCG(16, 16))
	out := make([]time.Duration, n)
	for i := range out {
		if rng.IntN(4) == 0 {
			out[i] = time.Duration(5+rng.IntN(36)) * time.Millisecond
		}
	}
	return out
}

// firstCrowdedSecond returns the first i such that send i and send i+n
// start within one second plus slack (n+1 sends in one of Telegram's
// seconds), or -1.
func firstCrowdedSecond(starts []time.Time, n int, slack time.Duration) int {
	for i := 0; i+n < len(starts); i++ {
		if starts[i+n].Sub(starts[i]) < time.Second+slack {
			return i
		}
	}
	return -1
}

// TestGlobalPaceHoldsWhenSendersWakeLate: with senders woken late at
// random, and after a pause, no second holds more than 30 sends, and the
// rate stays at 0.99 × the limit less the time lost to lateness and to the
// pause. The control, a token bucket
// under the same lateness, crowds a second: the test can fail.
func TestGlobalPaceHoldsWhenSendersWakeLate(t *testing.T) {
	const n, sends = 30, 600
	const slack = 5 * time.Millisecond
	late := lateWakeUps(sends)

	clock := &fakeClock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), late: slices.Clone(late)}
	p := newLimiter(Limits{Global: n, PerChat: 1, PerGroup: 20}).global
	p.now, p.sleep = clock.now, clock.sleep
	var starts []time.Time
	for i := range sends {
		if i == sends/2 {
			clock.t = clock.t.Add(5 * time.Second) // a pause: no burst after it
		}
		if err := p.wait(t.Context()); err != nil {
			t.Fatal(err)
		}
		starts = append(starts, clock.now())
	}
	if i := firstCrowdedSecond(starts, n, slack); i >= 0 {
		t.Fatalf("sends %d to %d start within %v: %d messages in a second", i, i+n, starts[i+n].Sub(starts[i]), n+1)
	}
	var lost time.Duration
	for _, d := range late {
		lost += d
	}
	want := float64(sends-1) / (float64(sends-1)/(n*paceMargin) + lost.Seconds() + 5)
	if rate := float64(sends-1) / starts[sends-1].Sub(starts[0]).Seconds(); rate < want*0.999 {
		t.Errorf("%.2f sends a second, want %.2f (30 × 0.99, less the lateness)", rate, want)
	}

	// Control: a token bucket's reserved slots, each sender leaving late.
	bucket := rate.NewLimiter(rate.Limit(n*paceMargin), 1)
	start := clock.t
	reservedAt := reserved(bucket, start, sends)
	var bucketStarts []time.Time
	for i, at := range reservedAt {
		bucketStarts = append(bucketStarts, at.Add(late[i]))
	}
	slices.SortFunc(bucketStarts, func(a, b time.Time) int { return a.Compare(b) })
	if firstCrowdedSecond(bucketStarts, n, slack) < 0 {
		t.Error("control: the token bucket kept every second under the limit; the lateness proves nothing")
	}
}
