package discordfake

import (
	"context"
	"fmt"
)

// liveConns returns the open connections.
func (s *Server) liveConns() []*gwConn {
	s.gmu.Lock()
	defer s.gmu.Unlock()
	out := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		out = append(out, c)
	}
	return out
}

// DropConnections closes every gateway connection abruptly, without a close
// frame, as a network failure would. Sessions stay resumable: events
// dispatched before the client resumes are replayed on RESUME. It returns
// how many connections were dropped.
func (s *Server) DropConnections() int {
	conns := s.liveConns()
	for _, c := range conns {
		if gs := c.sess.Load(); gs != nil {
			gs.mu.Lock()
			if gs.conn == c {
				gs.conn = nil
			}
			gs.mu.Unlock()
		}
		c.drop()
	}
	s.notify()
	return len(conns)
}

// SendReconnect sends op 7 RECONNECT on every connection; the client should
// close the connection and resume on a new one. It returns how many
// connections it was sent to.
func (s *Server) SendReconnect() int {
	n := 0
	for _, c := range s.liveConns() {
		if c.send(opReconnect, nil) == nil {
			n++
		}
	}
	return n
}

// SendInvalidSession sends op 9 INVALID_SESSION with d = resumable on every
// identified connection. The connection becomes unauthenticated: the client
// must IDENTIFY (or, if resumable, may RESUME). With resumable false the
// session ends for good. It returns how many connections it was sent to.
func (s *Server) SendInvalidSession(resumable bool) int {
	n := 0
	for _, c := range s.liveConns() {
		gs := c.sess.Load()
		if gs == nil {
			continue
		}
		gs.mu.Lock()
		if gs.conn == c {
			gs.conn = nil
		}
		if !resumable {
			gs.invalid = true
		}
		c.sess.Store(nil)
		gs.mu.Unlock()
		if c.send(opInvalidSession, resumable) == nil {
			n++
		}
	}
	s.notify()
	return n
}

// RequestHeartbeat sends op 1 HEARTBEAT on every connection; the client must
// answer at once with a heartbeat, which the server acknowledges. It
// returns how many connections it was sent to.
func (s *Server) RequestHeartbeat() int {
	n := 0
	for _, c := range s.liveConns() {
		if c.send(opHeartbeat, nil) == nil {
			n++
		}
	}
	return n
}

// Heartbeats returns how many heartbeats clients sent (all acknowledged).
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heartbeats
}

// WaitHeartbeats blocks until at least n heartbeats were received.
func (s *Server) WaitHeartbeats(ctx context.Context, n int) error {
	if err := s.Wait(ctx, func() bool { return s.Heartbeats() >= n }); err != nil {
		return fmt.Errorf("wait for %d heartbeats: %w", n, err)
	}
	return nil
}

// Identifies returns every IDENTIFY received, accepted or not.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.identifies...)
}

// Sessions returns every gateway session in creation order.
func (s *Server) Sessions() []GatewaySession {
	s.gmu.Lock()
	list := append([]*gwSession(nil), s.sessList...)
	s.gmu.Unlock()
	out := make([]GatewaySession, 0, len(list))
	for _, gs := range list {
		gs.mu.Lock()
		out = append(out, gs.info())
		gs.mu.Unlock()
	}
	return out
}

// WaitReady blocks until a live session has a connection attached (after
// READY or RESUMED was sent) and returns the newest such session.
func (s *Server) WaitReady(ctx context.Context) (GatewaySession, error) {
	var got GatewaySession
	err := s.Wait(ctx, func() bool {
		ss := s.Sessions()
		for i := len(ss) - 1; i >= 0; i-- {
			if ss[i].Connected && !ss[i].Invalid {
				got = ss[i]
				return true
			}
		}
		return false
	})
	if err != nil {
		return GatewaySession{}, fmt.Errorf("wait for a ready gateway session: %w", err)
	}
	return got, nil
}

// WaitResumes blocks until sessions were resumed at least n times in total.
func (s *Server) WaitResumes(ctx context.Context, n int) error {
	err := s.Wait(ctx, func() bool {
		total := 0
		for _, gs := range s.Sessions() {
			total += gs.Resumes
		}
		return total >= n
	})
	if err != nil {
		return fmt.Errorf("wait for %d resumes: %w", n, err)
	}
	return nil
}
