package telegramfake

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// pendingUpdate is an update waiting to be confirmed by the bot.
type pendingUpdate struct {
	id   int
	kind string
	raw  json.RawMessage
}

// updateQueue holds the updates not yet confirmed.
type updateQueue struct {
	next    int
	pending []pendingUpdate
	allowed []string // nil: every kind but the opt-in ones
}

// poll is a getUpdates request waiting for updates.
type poll struct {
	conflict chan struct{}
	reset    chan struct{}
}

// allows reports whether updates of a kind are delivered, following the
// last allowed_updates the bot sent.
func (q *updateQueue) allows(kind string) bool {
	if q.allowed == nil {
		switch kind {
		case "chat_member", "message_reaction", "message_reaction_count":
			return false
		}
		return true
	}
	return slices.Contains(q.allowed, kind)
}

// enqueueLocked adds an update {"update_id":…, kind: payload} and returns
// its id, or 0 when allowed_updates filters it out.
func (s *Server) enqueueLocked(kind string, payload any) (int, error) {
	body, err := json.Marshal(payload)
	if err != nil {
		return 0, fmt.Errorf("telegramfake: encode %s update: %w", kind, err)
	}
	if !s.updates.allows(kind) {
		return 0, nil
	}
	id := s.updates.next
	s.updates.next++
	raw := fmt.Appendf(nil, `{"update_id":%d,%s:%s}`, id, strconv.Quote(kind), body)
	s.updates.pending = append(s.updates.pending, pendingUpdate{id: id, kind: kind, raw: raw})
	s.notifyLocked()
	return id, nil
}

// confirmLocked applies getUpdates' offset: updates before a positive
// offset are confirmed and dropped; a negative offset keeps only the last
// -offset updates.
func (s *Server) confirmLocked(offset int64) {
	q := &s.updates
	switch {
	case offset > 0:
		i := 0
		for i < len(q.pending) && int64(q.pending[i].id) < offset {
			i++
		}
		q.pending = slices.Delete(q.pending, 0, i)
	case offset < 0:
		if keep := int(-offset); keep < len(q.pending) {
			q.pending = slices.Delete(q.pending, 0, len(q.pending)-keep)
		}
	}
}

// takeLocked returns up to limit pending updates, oldest first.
func (s *Server) takeLocked(limit int) []json.RawMessage {
	out := make([]json.RawMessage, 0, min(limit, len(s.updates.pending)))
	for _, u := range s.updates.pending {
		if len(out) == limit {
			break
		}
		out = append(out, u.raw)
	}
	return out
}

// getUpdates implements long polling with Telegram's offset, limit and
// timeout semantics. A newer getUpdates terminates a waiting one with 409.
func (s *Server) getUpdates(c *call) (any, error) {
	offset, _ := c.p.int("offset")
	limit := int64(100)
	if n, ok := c.p.int("limit"); ok {
		limit = min(max(n, 1), 100)
	}
	timeout, _ := c.p.int("timeout")
	timeout = max(timeout, 0)
	var allowed []string
	hasAllowed, err := c.p.json("allowed_updates", &allowed)
	if err != nil {
		return nil, badRequest("can't parse allowed updates JSON array")
	}

	s.mu.Lock()
	if s.webhook != nil {
		s.mu.Unlock()
		return nil, conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
	}
	if hasAllowed {
		s.updates.allowed = nil
		if len(allowed) > 0 {
			s.updates.allowed = allowed
		}
	}
	s.confirmLocked(offset)
	for other := range s.polls {
		delete(s.polls, other)
		close(other.conflict)
	}
	me := &poll{conflict: make(chan struct{}), reset: make(chan struct{})}
	timer := time.NewTimer(time.Duration(timeout) * s.cfg.pollUnit)
	defer timer.Stop()
	expired := false
	for {
		if ups := s.takeLocked(int(limit)); len(ups) > 0 || timeout == 0 || expired {
			s.leavePollLocked(me)
			s.mu.Unlock()
			return ups, nil
		}
		if _, waiting := s.polls[me]; !waiting {
			s.polls[me] = struct{}{}
			s.notifyLocked()
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			expired = true
		case <-me.conflict:
			return nil, conflict("terminated by other getUpdates request; make sure that only one bot instance is running")
		case <-me.reset:
			return nil, errReset
		case <-c.r.Context().Done():
			return nil, s.abandonPoll(me)
		case <-s.ctx.Done():
			return nil, s.abandonPoll(me)
		}
		s.mu.Lock()
		// A change and a termination can come together: a poll taken out
		// of s.polls by another getUpdates or by ResetPolling has ended
		// and must not wait again (it would be terminated twice).
		select {
		case <-me.conflict:
			s.mu.Unlock()
			return nil, conflict("terminated by other getUpdates request; make sure that only one bot instance is running")
		case <-me.reset:
			s.mu.Unlock()
			return nil, errReset
		default:
		}
		if s.webhook != nil {
			s.leavePollLocked(me)
			s.mu.Unlock()
			return nil, conflict("terminated by setWebhook request")
		}
	}
}

// leavePollLocked forgets a poll that is answering.
func (s *Server) leavePollLocked(me *poll) {
	if _, ok := s.polls[me]; ok {
		delete(s.polls, me)
		s.notifyLocked()
	}
}

// abandonPoll forgets a poll whose client went away.
func (s *Server) abandonPoll(me *poll) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.leavePollLocked(me)
	return errNoResponse
}

// conflict returns a 409 error.
func conflict(msg string) *apiError {
	return &apiError{code: http.StatusConflict, description: "Conflict: " + msg}
}

// SendUpdate queues a raw update, such as {"edited_message":{…}} or
// {"my_chat_member":{…}}. The fake assigns update_id (any given one is
// replaced) and returns it; it returns 0 when the bot's allowed_updates
// filter the update out.
func (s *Server) SendUpdate(update []byte) (int, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(update, &obj); err != nil {
		return 0, fmt.Errorf("telegramfake: send update: %w", err)
	}
	delete(obj, "update_id")
	if len(obj) != 1 {
		return 0, fmt.Errorf("telegramfake: send update: want exactly one update kind besides update_id, got %d", len(obj))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for kind, body := range obj {
		return s.enqueueLocked(kind, body)
	}
	return 0, nil
}

// PendingUpdates returns how many updates the bot has not confirmed yet.
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates.pending)
}

// Polling returns how many getUpdates requests are waiting for updates.
func (s *Server) Polling() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.polls)
}

// WaitPolling blocks until a getUpdates long poll is waiting for updates,
// that is until the bot is idle and listening.
func (s *Server) WaitPolling(ctx context.Context) error {
	if err := s.Wait(ctx, func() bool { return s.Polling() > 0 }); err != nil {
		return fmt.Errorf("telegramfake: waiting for a long poll: %w", err)
	}
	return nil
}
