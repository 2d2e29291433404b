package engine

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// throttle limits how fast one person's events are handled, so a flood
// from one person (a stuck client, a paste loop, a prank) cannot slow the
// bot for everyone else. Each person has a token bucket; past it, events
// are dropped, and the person is told once per flood (at most once every
// noticeEvery).
//
// A flood is best dropped as it arrives (Bot.Admit), before it waits in a
// platform's per-chat queue: there, Telegram's pacing of one message a
// second per chat let the bucket refill as fast as the queue drained, so
// nothing was ever dropped, and the unconfirmed backlog held back every
// other chat's updates. Events admitted on arrival but still queued when
// the person's flood is noticed are part of it and are dropped too.
type throttle struct {
	every time.Duration
	burst int

	mu      sync.Mutex
	people  map[string]*bucket
	lastGC  time.Time
	dropped int64
}

type bucket struct {
	lim      *rate.Limiter
	flooding bool      // the person's last event was dropped
	noticed  time.Time // when the person was last told
	lastSeen time.Time
}

// noticeEvery is the least time between two notices to one person.
const noticeEvery = time.Minute

// throttleIdle is how long a person's bucket is kept after their last
// event.
const throttleIdle = 10 * time.Minute

func newThrottle(every time.Duration, burst int) *throttle {
	return &throttle{every: every, burst: burst, people: map[string]*bucket{}}
}

// allow reports whether an event from key at now may be handled, and
// whether the person should be told they are going too fast.
func (t *throttle) allow(key string, now time.Time) (ok, notice bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.bucketLocked(key, now)
	if b.lim.AllowN(now, 1) {
		b.flooding = false
		return true, false
	}
	t.dropped++
	b.flooding = true
	if now.Sub(b.noticed) < noticeEvery {
		return false, false
	}
	b.noticed = now
	return false, true
}

// shed reports whether an event admitted earlier from key is to be
// dropped after all: the person has been flooding since.
func (t *throttle) shed(key string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.bucketLocked(key, now)
	if b.flooding {
		t.dropped++
	}
	return b.flooding
}

// bucketLocked returns key's bucket, creating it, and forgets the buckets
// of people idle for throttleIdle. t.mu is held.
func (t *throttle) bucketLocked(key string, now time.Time) *bucket {
	if now.Sub(t.lastGC) > throttleIdle {
		for k, b := range t.people {
			if now.Sub(b.lastSeen) > throttleIdle {
				delete(t.people, k)
			}
		}
		t.lastGC = now
	}
	b := t.people[key]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(rate.Every(t.every), t.burst)}
		t.people[key] = b
	}
	b.lastSeen = now
	return b
}
