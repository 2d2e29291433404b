package discordfake

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch            = 0
	opHeartbeat           = 1
	opIdentify            = 2
	opPresenceUpdate      = 3
	opVoiceStateUpdate    = 4
	opResume              = 6
	opReconnect           = 7
	opRequestGuildMembers = 8
	opInvalidSession      = 9
	opHello               = 10
	opHeartbeatACK        = 11
)

// Gateway close codes the fake uses. Values are Discord's.
const (
	CloseUnknownOpcode        = 4001
	CloseDecodeError          = 4002
	CloseNotAuthenticated     = 4003
	CloseAuthenticationFailed = 4004
	CloseAlreadyAuthenticated = 4005
	CloseInvalidSeq           = 4007
	CloseInvalidAPIVersion    = 4012
	CloseInvalidIntents       = 4013
	CloseDisallowedIntents    = 4014
)

// maxClientPayload is Discord's limit on payloads sent by clients.
const maxClientPayload = 4096

// gwTraceEntry is the _trace entry Discord adds to HELLO, READY and RESUMED.
const gwTraceEntry = `["gateway-prd-discordfake",{"micros":0}]`

// gwPayload is a gateway frame as sent by Discord: s and t are null except
// for dispatches.
type gwPayload struct {
	Op int     `json:"op"`
	D  any     `json:"d"`
	S  *int64  `json:"s"`
	T  *string `json:"t"`
}

// gwInbound is a frame sent by the client.
type gwInbound struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
}

// gwConn is one websocket connection.
type gwConn struct {
	ws *websocket.Conn
	// path is the path of the URL the client connected to.
	path      string
	wmu       sync.Mutex
	sess      atomic.Pointer[gwSession]
	version   int
	closeOnce sync.Once
}

// sendRaw writes one text frame.
func (c *gwConn) sendRaw(b []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

// send writes a non-dispatch payload.
func (c *gwConn) send(op int, d any) error {
	b, err := json.Marshal(gwPayload{Op: op, D: d})
	if err != nil {
		return err
	}
	return c.sendRaw(b)
}

// closeWith sends a close frame with code and reason, then closes the
// connection.
func (c *gwConn) closeWith(code int, reason string) {
	c.closeOnce.Do(func() {
		msg := websocket.FormatCloseMessage(code, reason)
		_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
		_ = c.ws.Close()
	})
}

// drop closes the TCP connection without a close frame, like a network
// failure.
func (c *gwConn) drop() {
	c.closeOnce.Do(func() { _ = c.ws.Close() })
}

// serveGateway upgrades to a websocket and runs the connection until it
// ends.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader answered with an HTTP error
	}
	c := &gwConn{ws: ws, path: strings.TrimSuffix(r.URL.Path, "/")}
	s.gmu.Lock()
	if s.gwClosed {
		s.gmu.Unlock()
		c.closeWith(websocket.CloseGoingAway, "server closing")
		return
	}
	s.conns[c] = struct{}{}
	s.connWG.Add(1)
	s.gmu.Unlock()
	defer func() {
		s.gmu.Lock()
		delete(s.conns, c)
		s.gmu.Unlock()
		s.connWG.Done()
	}()
	s.runConn(c, r)
}

// runConn sends HELLO and handles client frames until the connection ends.
func (s *Server) runConn(c *gwConn, r *http.Request) {
	q := r.URL.Query()
	c.version = 10
	if v := q.Get("v"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || (n != 9 && n != 10) {
			c.closeWith(CloseInvalidAPIVersion, "Invalid API version")
			return
		}
		c.version = n
	}
	if enc := q.Get("encoding"); enc != "" && enc != "json" {
		c.closeWith(CloseDecodeError, "Error while decoding payload.")
		return
	}
	c.ws.SetReadLimit(maxClientPayload)
	hello := map[string]any{"heartbeat_interval": s.cfg.heartbeatInterval.Milliseconds(), "_trace": []string{gwTraceEntry}}
	if err := c.send(opHello, hello); err != nil {
		c.drop()
		return
	}
	s.logf("gateway: connection opened (v%d)", c.version)
	for {
		mt, data, err := c.ws.ReadMessage()
		if err != nil {
			s.connEnded(c, err)
			return
		}
		var in gwInbound
		if mt != websocket.TextMessage || json.Unmarshal(data, &in) != nil {
			c.closeWith(CloseDecodeError, "Error while decoding payload.")
			s.connEnded(c, nil)
			return
		}
		if !s.handleFrame(c, in) {
			s.connEnded(c, nil)
			return
		}
	}
}

// handleFrame handles one client payload; false ends the connection.
func (s *Server) handleFrame(c *gwConn, in gwInbound) bool {
	switch in.Op {
	case opHeartbeat:
		s.mu.Lock()
		s.heartbeats++
		s.notifyLocked()
		s.mu.Unlock()
		return c.send(opHeartbeatACK, nil) == nil
	case opIdentify:
		return s.identify(c, in.D)
	case opResume:
		return s.resume(c, in.D)
	case opPresenceUpdate, opVoiceStateUpdate, opRequestGuildMembers:
		if c.sess.Load() == nil {
			c.closeWith(CloseNotAuthenticated, "Not authenticated.")
			return false
		}
		return true
	default:
		c.closeWith(CloseUnknownOpcode, "Unknown opcode.")
		return false
	}
}

// connEnded detaches a finished connection from its session. A client close
// with 1000 or 1001 ends the session, as on Discord; other closes and
// network errors leave it resumable.
func (s *Server) connEnded(c *gwConn, err error) {
	code := 0
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		code = ce.Code
	}
	c.drop()
	if gs := c.sess.Load(); gs != nil {
		gs.mu.Lock()
		if gs.conn == c {
			gs.conn = nil
		}
		if code == websocket.CloseNormalClosure || code == websocket.CloseGoingAway {
			gs.invalid = true
		}
		gs.mu.Unlock()
	}
	s.logf("gateway: connection ended (close code %d)", code)
	s.notify()
}
