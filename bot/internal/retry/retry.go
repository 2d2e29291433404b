// Package retry holds the retry policy both platform adapters apply to
// their API calls: how many tries, how long to back off, when to give up,
// and a context-aware sleep.
package retry

import (
	"context"
	"math/rand/v2"
	"time"
)

// Policy bounds the retries of one API call. Server and network errors
// are retried after an exponential backoff with jitter; rate limited
// tries after the wait the platform asks for (or the backoff when it asks
// none). A call gives up after MaxTries tries, after RateLimitTries rate
// limited ones, or when the next wait would end after MaxElapsed.
type Policy struct {
	// MaxTries is how many times in all a call is tried, the first
	// included (5).
	MaxTries int
	// RateLimitTries caps the tries of a call that keeps being rate
	// limited; zero means MaxTries.
	RateLimitTries int
	// BaseDelay is the backoff after the first failure (500 ms); it
	// doubles with each failure.
	BaseDelay time.Duration
	// MaxDelay caps one backoff (8 s).
	MaxDelay time.Duration
	// MaxElapsed caps the time a call spends, waits included (30 s): a
	// wait that would end later gives up at once.
	MaxElapsed time.Duration
	// AttemptTimeout bounds one try (30 s).
	AttemptTimeout time.Duration
}

// DefaultPolicy returns the policy adapters use unless told otherwise.
func DefaultPolicy() Policy {
	return Policy{
		MaxTries:       5,
		BaseDelay:      500 * time.Millisecond,
		MaxDelay:       8 * time.Second,
		MaxElapsed:     30 * time.Second,
		AttemptTimeout: 30 * time.Second,
	}
}

// WithDefaults fills the zero (or negative) fields from DefaultPolicy; a
// MaxDelay below BaseDelay becomes BaseDelay.
func (p Policy) WithDefaults() Policy {
	d := DefaultPolicy()
	if p.MaxTries <= 0 {
		p.MaxTries = d.MaxTries
	}
	if p.RateLimitTries <= 0 {
		p.RateLimitTries = p.MaxTries
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	p.MaxDelay = max(p.MaxDelay, p.BaseDelay)
	if p.MaxElapsed <= 0 {
		p.MaxElapsed = d.MaxElapsed
	}
	if p.AttemptTimeout <= 0 {
		p.AttemptTimeout = d.AttemptTimeout
	}
	return p
}

// Backoff returns the wait after the n-th failure (n ≥ 1): BaseDelay
// doubled n-1 times, capped at MaxDelay, with its upper half jittered so
// that clients that failed together do not retry together.
func (p Policy) Backoff(n int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(half+1)
}

// Budget counts the failed tries of one call against a Policy.
type Budget struct {
	p       Policy
	start   time.Time
	tries   int
	limited int
}

// Start returns the budget of a call starting now; zero fields of p count
// as their defaults.
func (p Policy) Start() *Budget {
	return &Budget{p: p.WithDefaults(), start: time.Now()}
}

// Tries returns how many failed tries the budget has counted.
func (b *Budget) Tries() int { return b.tries }

// RateLimited returns how many of them were rate limited.
func (b *Budget) RateLimited() int { return b.limited }

// Elapsed returns the time since the call started.
func (b *Budget) Elapsed() time.Duration { return time.Since(b.start) }

// Failed counts a failed try that may succeed later and returns how long
// to wait before the next one, or false when the policy gives up. For a
// rate limited try, retryAfter is the wait the platform asked for (zero if
// none).
func (b *Budget) Failed(rateLimited bool, retryAfter time.Duration) (time.Duration, bool) {
	b.tries++
	wait := b.p.Backoff(b.tries)
	if rateLimited {
		b.limited++
		if retryAfter > 0 {
			wait = retryAfter
		}
		if b.limited >= b.p.RateLimitTries {
			return wait, false
		}
	}
	if b.tries >= b.p.MaxTries || time.Since(b.start)+wait > b.p.MaxElapsed {
		return wait, false
	}
	return wait, true
}

// Sleep waits for d or until ctx is done, and returns ctx.Err() then.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
