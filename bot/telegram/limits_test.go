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
// random, and after a pause, no second holds more than 30 sends, no two
// start closer than half the even spacing, and the rate stays at 0.98 ×
// the limit or more: a late start costs its own slot only. The controls
// fail each: a token bucket under the same lateness crowds a second, and
// spacing sends from the previous start loses the rate.
func TestGlobalPaceHoldsWhenSendersWakeLate(t *testing.T) {
	const n, sends = 30, 600
	const slack = 5 * time.Millisecond
	late := lateWakeUps(sends)
	t0 := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)

	clock := &fakeClock{t: t0, late: slices.Clone(late)}
	p := newLimiter(Limits{Global: n, PerChat: 1, PerGroup: 20}).global
	p.now, p.sleep = clock.now, clock.sleep
	var starts []time.Time
	pause := 5 * time.Second
	for i := range sends {
		if i == sends/2 {
			clock.t = clock.t.Add(pause) // no burst after it
		}
		if err := p.wait(t.Context()); err != nil {
			t.Fatal(err)
		}
		starts = append(starts, clock.now())
	}
	if i := firstCrowdedSecond(starts, n, slack); i >= 0 {
		t.Fatalf("sends %d to %d start within %v: %d messages in a second", i, i+n, starts[i+n].Sub(starts[i]), n+1)
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < p.minGap {
			t.Fatalf("sends %d and %d start %v apart, a burst", i-1, i, gap)
		}
	}
	got := float64(sends-1) / (starts[sends-1].Sub(starts[0]) - pause).Seconds()
	if got < 0.98*n {
		t.Errorf("%.2f sends a second, want ≥ %.1f (0.98 × the limit)", got, 0.98*n)
	}

	// Control 1: a token bucket's reserved slots, each sender leaving late.
	bucket := rate.NewLimiter(rate.Limit(n*paceMargin), 1)
	var bucketStarts []time.Time
	for i, at := range reserved(bucket, t0, sends) {
		bucketStarts = append(bucketStarts, at.Add(late[i]))
	}
	slices.SortFunc(bucketStarts, func(a, b time.Time) int { return a.Compare(b) })
	if firstCrowdedSecond(bucketStarts, n, slack) < 0 {
		t.Error("control: the token bucket kept every second under the limit; the lateness proves nothing")
	}
	// Control 2: spacing each send from the previous start.
	at, interval := t0, p.minGap*2
	for i := 1; i < sends; i++ {
		at = at.Add(interval + late[i])
	}
	if spaced := float64(sends-1) / at.Sub(t0).Seconds(); spaced >= 0.98*n {
		t.Errorf("control: spacing from the previous start kept %.2f sends a second; the lateness proves nothing", spaced)
	}
}
