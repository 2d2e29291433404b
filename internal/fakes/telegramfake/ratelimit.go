package telegramfake

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// Limit allows N messages per period Per; a zero Limit does not limit.
type Limit struct {
	N   int
	Per time.Duration
}

// RateLimit configures the automatic flood control. When the bot posts
// more than a limit allows, the fake answers 429 with retry_after, as
// Telegram does. Only successful sendMessage, sendPhoto and sendDocument
// calls count.
type RateLimit struct {
	// PerChat limits the messages to any one chat.
	PerChat Limit
	// PerGroup additionally limits the messages to one group or supergroup.
	PerGroup Limit
	// Global limits the messages to all chats together.
	Global Limit
}

// DefaultRateLimit returns Telegram's documented limits: about one message
// per second in a chat, 20 messages per minute in a group and 30 messages
// per second overall.
func DefaultRateLimit() RateLimit {
	return RateLimit{
		PerChat:  Limit{N: 1, Per: time.Second},
		PerGroup: Limit{N: 20, Per: time.Minute},
		Global:   Limit{N: 30, Per: time.Second},
	}
}

// rateState remembers recent sends.
type rateState struct {
	limit  RateLimit
	chats  map[int64][]time.Time
	global []time.Time
}

// SetRateLimit changes the automatic flood control; the zero RateLimit
// turns it off.
func (s *Server) SetRateLimit(rl RateLimit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate.limit = rl
}

// record notes a successful send.
func (r *rateState) record(chatID int64, now time.Time) {
	keep := max(time.Minute, r.limit.PerChat.Per, r.limit.PerGroup.Per, r.limit.Global.Per)
	r.chats[chatID] = append(prune(r.chats[chatID], now, keep), now)
	r.global = append(prune(r.global, now, keep), now)
}

// prune drops times older than keep before now.
func prune(ts []time.Time, now time.Time, keep time.Duration) []time.Time {
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= keep {
		i++
	}
	return ts[i:]
}

// wait returns how long until one more send fits the limit (0: now).
func (l Limit) wait(ts []time.Time, now time.Time) time.Duration {
	if l.N <= 0 || l.Per <= 0 {
		return 0
	}
	var recent []time.Time
	for _, t := range ts {
		if now.Sub(t) < l.Per {
			recent = append(recent, t)
		}
	}
	if len(recent) < l.N {
		return 0
	}
	return recent[len(recent)-l.N].Add(l.Per).Sub(now)
}

// checkRateLimit answers 429 when a send would exceed a limit.
func (s *Server) checkRateLimit(method string, p params) error {
	switch method {
	case "sendMessage", "sendPhoto", "sendDocument":
	default:
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rl := s.rate.limit
	if rl == (RateLimit{}) {
		return nil
	}
	cs, err := s.resolveChatLocked(p.str("chat_id"))
	if err != nil {
		return nil // the handler reports it
	}
	now := s.now()
	ts := s.rate.chats[cs.chat.ID]
	wait := max(rl.PerChat.wait(ts, now), rl.Global.wait(s.rate.global, now))
	if cs.chat.isGroup() {
		wait = max(wait, rl.PerGroup.wait(ts, now))
	}
	if wait <= 0 {
		return nil
	}
	secs := max(1, int(math.Ceil(wait.Seconds())))
	return &apiError{code: http.StatusTooManyRequests, retryAfter: secs, description: "Too Many Requests: retry after " + strconv.Itoa(secs)}
}
