package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// throttle limits how fast one person's events are handled, so a flood
// from one person (a stuck client, a paste loop, a prank) cannot slow the
// bot for everyone else. Each person has a token bucket; past it, the
// first dropped event gets a notice and the rest are dropped quietly
// until tokens come back.
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
	noticed  bool
	lastSeen time.Time
}

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
	if b.lim.AllowN(now, 1) {
		b.noticed = false
		return true, false
	}
	t.dropped++
	if b.noticed {
		return false, false
	}
	b.noticed = true
	return false, true
}
