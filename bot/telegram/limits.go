package telegram

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// groupBurst is how many messages a group may get at once before the
// per-group rate applies: a question and its feedback go out together.
const groupBurst = 5

// maxIdleLimiters is how many per-chat limiters are kept before idle ones
// (full buckets) are dropped.
const maxIdleLimiters = 1024

// paceMargin paces sends 1% under the global and per-chat limits. Paced at
// exactly N a second, message N+1 leaves exactly one second after message
// 1, and the least delay of message 1 on the way then puts N+1 messages in
// one second at Telegram's end, which answers 429 and costs a retry_after.
// At 30/s the margin leaves 10 ms of slack in every second.
const paceMargin = 0.99

// limiter applies Telegram's rate limits to outgoing messages: a global
// one, one per chat and, for groups and channels, one per group.
type limiter struct {
	global   *pacer
	perChat  rate.Limit
	perGroup rate.Limit

	mu     sync.Mutex
	chats  map[int64]*rate.Limiter
	groups map[int64]*rate.Limiter
}

// newLimiter returns a limiter for the configured limits.
func newLimiter(l Limits) *limiter {
	return &limiter{
		// Evenly spaced, no burst: a burst would let Global plus the
		// burst through in the first second after a pause.
		global:   newPacer(time.Duration(float64(time.Second) / (l.Global * paceMargin))),
		perChat:  rate.Limit(l.PerChat * paceMargin),
		perGroup: rate.Limit(l.PerGroup / 60),
		chats:    make(map[int64]*rate.Limiter),
		groups:   make(map[int64]*rate.Limiter),
	}
}

// wait blocks until a message to the chat is allowed or ctx is done. The
// chat's own limits are waited for first, so that a message waiting for
// its chat does not hold a global slot.
func (l *limiter) wait(ctx context.Context, chatID int64, group bool) error {
	chat, grp := l.chatLimiters(chatID, group)
	if err := chat.Wait(ctx); err != nil {
		return err
	}
	if grp != nil {
		if err := grp.Wait(ctx); err != nil {
			return err
		}
	}
	return l.global.wait(ctx)
}

// pacer spaces sends at least interval apart, counted from the instant
// each send really starts. A token bucket (rate.Limiter) gives each waiter
// a slot and keeps it: on a busy machine a sender woken late then leaves
// with the next senders on time behind it, and the 10 ms of slack a second
// that paceMargin leaves is gone — 31 messages reach Telegram within one
// second and it answers 429 (the fan-out of 2,000 pushes got 43–86 429s
// with the machine's load at 4–5 once the store stopped slowing each
// sender down). Here a late start moves the next slot with it.
type pacer struct {
	interval time.Duration
	now      func() time.Time
	sleep    func(ctx context.Context, d time.Duration) error

	mu   sync.Mutex
	last time.Time // the latest start
}

// newPacer returns a pacer over the real clock.
func newPacer(interval time.Duration) *pacer {
	return &pacer{interval: interval, now: time.Now, sleep: sleepCtx}
}

// wait blocks until a send may start (at least interval after the latest
// start), and records that it starts; it fails only when ctx is done.
// Senders waiting at once take the slots in no particular order.
func (p *pacer) wait(ctx context.Context) error {
	for {
		p.mu.Lock()
		now := p.now()
		at := p.last.Add(p.interval)
		if !now.Before(at) {
			p.last = now
			p.mu.Unlock()
			return nil
		}
		p.mu.Unlock()
		if err := p.sleep(ctx, at.Sub(now)); err != nil {
			return err
		}
	}
}

// sleepCtx sleeps for d, or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// chatLimiters returns the limiters of a chat, creating them as needed.
func (l *limiter) chatLimiters(chatID int64, group bool) (chat, grp *rate.Limiter) {
	l.mu.Lock()
	defer l.mu.Unlock()
	chat = limiterFor(l.chats, chatID, l.perChat, 1)
	if group {
		grp = limiterFor(l.groups, chatID, l.perGroup, groupBurst)
	}
	return chat, grp
}

// limiterFor returns m[id], creating it; when m grows large, limiters
// whose bucket is full again (idle chats) are dropped first.
func limiterFor(m map[int64]*rate.Limiter, id int64, r rate.Limit, burst int) *rate.Limiter {
	if lim, ok := m[id]; ok {
		return lim
	}
	if len(m) >= maxIdleLimiters {
		for k, lim := range m {
			if lim.Tokens() >= float64(lim.Burst()) {
				delete(m, k)
			}
		}
	}
	lim := rate.NewLimiter(r, burst)
	m[id] = lim
	return lim
}
