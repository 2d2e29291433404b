package discordfake

import (
	"context"
	"fmt"
	"time"
)

// Request is one REST request as the fake saw and answered it.
type Request struct {
	Method string
	// Path is the URL path, such as /api/v9/channels/1/messages.
	Path  string
	Query string
	// Route is the matched route name (see the Route constants), or "" if
	// no route matched.
	Route      string
	APIVersion int
	// Status is the HTTP status answered; 0 for a request held by FaultHang.
	Status   int
	Body     []byte
	Response []byte
	At       time.Time
	Duration time.Duration
}

// Wait blocks until cond returns true, the context ends, or the server
// closes. cond is evaluated after every recorded change (requests, gateway
// activity, messages...), never by polling on a timer. If ctx has no
// deadline, the WithWaitTimeout timeout (5 s by default) applies. cond may
// call the Server's accessors.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.cfg.waitTimeout)
		defer cancel()
	}
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("discordfake: wait: %w", ctx.Err())
		case <-s.closing:
			if cond() {
				return nil
			}
			return ErrClosed
		}
	}
}

// Requests returns every REST request so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsTo returns the requests matched to a route (a Route constant).
func (s *Server) RequestsTo(route string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if r.Route == route {
			out = append(out, r)
		}
	}
	return out
}

// WaitRequests blocks until at least n requests to route were answered and
// returns all of them.
func (s *Server) WaitRequests(ctx context.Context, route string, n int) ([]Request, error) {
	var got []Request
	err := s.Wait(ctx, func() bool {
		got = s.RequestsTo(route)
		return len(got) >= n
	})
	if err != nil {
		return got, fmt.Errorf("wait for %d requests to %s: %w", n, route, err)
	}
	return got, nil
}
