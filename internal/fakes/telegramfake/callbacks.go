package telegramfake

import (
	"context"
	"fmt"
	"time"
)

// pendingQuery is a callback query the bot may still answer.
type pendingQuery struct {
	created  time.Time
	answered bool
}

// answerCallbackQuery records the answer to a button press. A query can be
// answered once, within the callback query TTL.
func (s *Server) answerCallbackQuery(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := c.p.str("callback_query_id")
	q, ok := s.queries[id]
	if !ok || q.answered || s.now().Sub(q.created) > s.cfg.callbackTTL {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	text := c.p.str("text")
	if utf16Count(text) > 200 {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	cache, _ := c.p.int("cache_time")
	q.answered = true
	s.answers = append(s.answers, CallbackAnswer{
		QueryID: id, Text: text, ShowAlert: c.p.bool("show_alert"), URL: c.p.str("url"),
		CacheTime: int(cache), Time: s.now(),
	})
	s.notifyLocked()
	return true, nil
}

// CallbackAnswers returns the bot's callback query answers in order.
func (s *Server) CallbackAnswers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CallbackAnswer(nil), s.answers...)
}

// callbackAnswer returns the answer to a query, if any.
func (s *Server) callbackAnswer(queryID string) (CallbackAnswer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.answers {
		if a.QueryID == queryID {
			return a, true
		}
	}
	return CallbackAnswer{}, false
}

// WaitCallbackAnswer blocks until the bot answers the callback query.
func (s *Server) WaitCallbackAnswer(ctx context.Context, queryID string) (CallbackAnswer, error) {
	var a CallbackAnswer
	err := s.Wait(ctx, func() bool {
		var ok bool
		a, ok = s.callbackAnswer(queryID)
		return ok
	})
	if err != nil {
		return CallbackAnswer{}, fmt.Errorf("telegramfake: waiting for the answer to callback query %s: %w", queryID, err)
	}
	return a, nil
}
