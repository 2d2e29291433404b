package telegramfake

import (
	"context"
	"fmt"
	"maps"
	"strings"
)

// Messages returns the messages the bot sent to a chat, in order, each in
// its current state (edited and deleted ones included).
func (s *Server) Messages(chatID int64) []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []SentMessage
	for _, m := range s.sent {
		if m.ChatID == chatID {
			out = append(out, m.clone())
		}
	}
	return out
}

// AllMessages returns the messages the bot sent to any chat, in order.
func (s *Server) AllMessages() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SentMessage, 0, len(s.sent))
	for _, m := range s.sent {
		out = append(out, m.clone())
	}
	return out
}

// Message returns one message the bot sent.
func (s *Server) Message(chatID int64, messageID int) (SentMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.sent {
		if m.ChatID == chatID && m.MessageID == messageID {
			return m.clone(), true
		}
	}
	return SentMessage{}, false
}

// LastMessage returns the last message the bot sent to a chat.
func (s *Server) LastMessage(chatID int64) (SentMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.sent) - 1; i >= 0; i-- {
		if s.sent[i].ChatID == chatID {
			return s.sent[i].clone(), true
		}
	}
	return SentMessage{}, false
}

// Requests returns the request log in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Params = maps.Clone(r.Params)
		out[i] = r
	}
	return out
}

// CallCount returns how many requests a method received (case-insensitive),
// answered or not; getUpdates' count shows whether a client spins.
func (s *Server) CallCount(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[strings.ToLower(method)]
}

// Wait blocks until cond returns true or ctx is done. cond is evaluated
// again after every change of the fake's state (a request, an update, a
// sent message …); it may call the Server's methods.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("telegramfake: wait: %w", ctx.Err())
		case <-s.ctx.Done():
			return fmt.Errorf("telegramfake: wait: server closed: %w", s.ctx.Err())
		}
	}
}

// WaitMessages blocks until the bot has sent at least n messages to a chat
// and returns all of them.
func (s *Server) WaitMessages(ctx context.Context, chatID int64, n int) ([]SentMessage, error) {
	var msgs []SentMessage
	err := s.Wait(ctx, func() bool {
		msgs = s.Messages(chatID)
		return len(msgs) >= n
	})
	if err != nil {
		return msgs, fmt.Errorf("telegramfake: waiting for %d messages in chat %d (have %d): %w", n, chatID, len(msgs), err)
	}
	return msgs, nil
}

// WaitCalls blocks until a method has been called at least n times.
func (s *Server) WaitCalls(ctx context.Context, method string, n int) error {
	err := s.Wait(ctx, func() bool { return s.CallCount(method) >= n })
	if err != nil {
		return fmt.Errorf("telegramfake: waiting for %d %s calls (have %d): %w", n, method, s.CallCount(method), err)
	}
	return nil
}
