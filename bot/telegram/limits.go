package telegram

import (
	"context"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/interviewbot/interviewbot/bot/internal/retry"
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
		// No burst: a token bucket's burst would let Global plus the
		// burst through in the first second after a pause.
		global:   newPacer(l.Global),
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

// pacer lets at most n sends start within any window (n / the rate, the
// rate being paceMargin under the limit), counting the instants sends
// really start, and spaces sends at least minGap apart (half the even
// spacing, so no burst after a pause).
//
// A token bucket (rate.Limiter) gives each waiter a slot and keeps it: on
// a busy machine a sender woken late leaves with the senders on time
// behind it, the 10 ms of slack a second paceMargin leaves is gone, 31
// messages reach Telegram within one second and it answers 429 (the
// fan-out of 2,000 pushes got 43–86 429s with the machine's load at 4–5
// once the store stopped slowing each sender down). Spacing sends from the
// previous real start instead never crowds a second but loses the time of
// every late start for good (0.89 × the limit under load). Counting real
// starts in a window does neither: a late start costs its own slot, the
// ones after it keep theirs, and no window holds more than n.
type pacer struct {
	n      int
	window time.Duration
	minGap time.Duration
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error

	mu     sync.Mutex
	starts []time.Time // the last n starts, a ring: the oldest at next
	next   int
	last   time.Time // the latest start
}

// maxPacerWindow bounds the starts a pacer remembers: a limit above it
// (tests raise the limits out of the way) is kept over a shorter window.
const maxPacerWindow = 100

// newPacer returns a pacer over the real clock for perSecond sends a
// second, paced paceMargin under it.
func newPacer(perSecond float64) *pacer {
	n := max(1, int(math.Round(perSecond)))
	n = min(n, maxPacerWindow)
	rate := perSecond * paceMargin
	return &pacer{
		n: n, window: time.Duration(float64(n) / rate * float64(time.Second)),
		minGap: time.Duration(0.5 / rate * float64(time.Second)),
		now:    time.Now, sleep: retry.Sleep,
		starts: make([]time.Time, n),
	}
}

// wait blocks until a send may start, and records that it starts; it
// fails only when ctx is done. Senders waiting at once take the slots in
// no particular order.
func (p *pacer) wait(ctx context.Context) error {
	for {
		p.mu.Lock()
		now := p.now()
		at := p.starts[p.next].Add(p.window)
		if gap := p.last.Add(p.minGap); gap.After(at) {
			at = gap
		}
		if !now.Before(at) {
			p.starts[p.next], p.last = now, now
			p.next = (p.next + 1) % p.n
			p.mu.Unlock()
			return nil
		}
		p.mu.Unlock()
		if err := p.sleep(ctx, at.Sub(now)); err != nil {
			return err
		}
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
