package telegram

import (
	"context"
	"sync"

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
	global   *rate.Limiter
	perChat  rate.Limit
	perGroup rate.Limit

	mu     sync.Mutex
	chats  map[int64]*rate.Limiter
	groups map[int64]*rate.Limiter
}

// newLimiter returns a limiter for the configured limits.
func newLimiter(l Limits) *limiter {
	return &limiter{
		// A burst of one: a larger one would let Global plus the burst
		// through in the first second after a pause.
		global:   rate.NewLimiter(rate.Limit(l.Global*paceMargin), 1),
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
	return l.global.Wait(ctx)
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
