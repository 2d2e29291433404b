package discordfake

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// maxBodySize bounds request bodies, as Discord's 25 MiB upload limit does.
const maxBodySize = 25 << 20

// Server is a fake Discord: REST API v9/v10 under URL()+"/api/v{n}" and a
// gateway websocket, on 127.0.0.1. It records what the bot did and lets tests
// dispatch events, script faults and wait for outcomes. All methods are safe
// for concurrent use.
type Server struct {
	token     string
	revoked   atomic.Bool // RevokeToken
	bot       User
	appID     string
	cfg       config
	routes    []*route
	ids       snowflakes
	hs        *httptest.Server
	upgrader  websocket.Upgrader
	closing   chan struct{}
	closeOnce sync.Once

	// mu guards the REST state and all recordings below. Lock order: a
	// gwSession's mu, then gmu, then mu; nothing holding mu or gmu waits
	// for a session's lock.
	mu           sync.Mutex
	changed      chan struct{}
	users        map[string]*User
	userOrder    []string
	guilds       map[string]*guildState
	guildOrder   []string
	channels     map[string]*channelState
	dms          map[string]string // recipient user id -> DM channel id
	messages     map[string]*Message
	msgOrder     []string // every message id in creation order
	sent         []string // bot messages created through channel routes
	typing       map[string]int
	commands     map[string][]*ApplicationCommand // scope ("" = global) -> commands
	commandWrite map[string]int
	commandAllow map[commandAllowKey]bool
	interactions map[string]*interactionState
	byToken      map[string]*interactionState
	interOrder   []string
	responses    []string // interaction ids in callback order
	requests     []Request
	faults       []*fault
	identifies   []Identify
	heartbeats   int
	clients      []*http.Transport

	// gmu guards the gateway registry.
	gmu      sync.Mutex
	gwClosed bool
	sessions map[string]*gwSession
	sessList []*gwSession
	conns    map[*gwConn]struct{}
	connWG   sync.WaitGroup
}

// guildState is a guild with its members indexed.
type guildState struct {
	guild       Guild // Channels moved to Server.channels
	channelIDs  []string
	members     map[string]*Member
	memberOrder []string
}

// channelState is a channel with its messages in creation order.
type channelState struct {
	ch         Channel
	messageIDs []string
}

// New starts a fake Discord on 127.0.0.1 accepting the bot token token (with
// or without the "Bot " prefix). Close it when done.
func New(token string, opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.applicationID == "" {
		cfg.applicationID = cfg.bot.ID
	}
	s := &Server{
		token:        strings.TrimPrefix(token, "Bot "),
		bot:          cfg.bot,
		appID:        cfg.applicationID,
		cfg:          cfg,
		routes:       routeTable(),
		closing:      make(chan struct{}),
		changed:      make(chan struct{}),
		users:        map[string]*User{},
		guilds:       map[string]*guildState{},
		channels:     map[string]*channelState{},
		dms:          map[string]string{},
		messages:     map[string]*Message{},
		typing:       map[string]int{},
		commands:     map[string][]*ApplicationCommand{},
		commandWrite: map[string]int{},
		commandAllow: map[commandAllowKey]bool{},
		interactions: map[string]*interactionState{},
		byToken:      map[string]*interactionState{},
		sessions:     map[string]*gwSession{},
		conns:        map[*gwConn]struct{}{},
	}
	s.upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	s.addUserLocked(s.bot)
	guilds := cfg.guilds
	if len(guilds) == 0 {
		guilds = []Guild{DefaultGuild(s.bot)}
	}
	for _, g := range guilds {
		s.addGuildLocked(g)
	}
	for _, u := range cfg.users {
		s.addUserLocked(u)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		// httptest.NewServer panics in this case too; a test cannot go on
		// without a loopback listener.
		panic(fmt.Sprintf("discordfake: listen on loopback: %v", err))
	}
	s.hs = &httptest.Server{Listener: l, Config: &http.Server{Handler: http.HandlerFunc(s.serveHTTP)}}
	s.hs.Start()
	return s
}

// URL returns the base URL that replaces https://discord.com, such as
// http://127.0.0.1:41234 (no trailing slash). REST lives under
// URL()+"/api/v10/" (and /api/v9/, which discordgo v0.29.0 uses).
func (s *Server) URL() string { return s.hs.URL }

// GatewayURL returns the websocket URL GET /gateway answers with.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.hs.URL, "http") + "/gateway"
}

// ResumeGatewayURL returns the websocket URL READY gives as
// resume_gateway_url: the same server, at its own path, so that a test can
// tell where a client resumed (GatewaySession.ResumedAt).
func (s *Server) ResumeGatewayURL() string {
	return "ws" + strings.TrimPrefix(s.hs.URL, "http") + "/resume-gateway"
}

// Token returns the bot token the server accepts, without "Bot ".
func (s *Server) Token() string { return s.token }

// RevokeToken makes the token invalid from now on, as resetting it in the
// developer portal does: REST answers 401, and IDENTIFY and RESUME are
// closed with 4004. Open connections stay open until they end.
func (s *Server) RevokeToken() { s.revoked.Store(true) }

// BotUser returns the bot user.
func (s *Server) BotUser() User { return s.bot }

// ApplicationID returns the application id.
func (s *Server) ApplicationID() string { return s.appID }

// Close drops every gateway connection, releases hung requests, stops the
// HTTP server and waits for its goroutines. It is safe to call twice.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closing)
		s.gmu.Lock()
		s.gwClosed = true
		conns := make([]*gwConn, 0, len(s.conns))
		for c := range s.conns {
			conns = append(conns, c)
		}
		s.gmu.Unlock()
		for _, c := range conns {
			c.closeWith(websocket.CloseGoingAway, "server closing")
		}
		s.connWG.Wait()
		s.hs.Close()
		s.mu.Lock()
		clients := s.clients
		s.notifyLocked()
		s.mu.Unlock()
		for _, t := range clients {
			t.CloseIdleConnections()
		}
	})
}

// notifyLocked wakes every waiter. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// notify wakes every waiter.
func (s *Server) notify() {
	s.mu.Lock()
	s.notifyLocked()
	s.mu.Unlock()
}

// logf logs through WithLogf, if set.
func (s *Server) logf(format string, args ...any) {
	if s.cfg.logf != nil {
		s.cfg.logf("discordfake: "+format, args...)
	}
}

// serveHTTP is the root handler: gateway, attachments, then REST.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/gateway" || r.URL.Path == "/gateway/" || r.URL.Path == "/resume-gateway" || r.URL.Path == "/resume-gateway/":
		s.serveGateway(w, r)
		return
	case strings.HasPrefix(r.URL.Path, "/attachments/"):
		s.serveAttachment(w, r)
		return
	}
	start := time.Now()
	req, resp, hung := s.serveREST(r)
	if hung {
		s.record(r, req, response{}, start)
		return
	}
	h := w.Header()
	for k, vs := range resp.header {
		h[k] = vs
	}
	if resp.contentType != "" {
		h.Set("Content-Type", resp.contentType)
	}
	if resp.status == 0 {
		resp.status = http.StatusOK
	}
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
	s.record(r, req, resp, start)
}

// serveREST answers a REST request. hung reports that the request was held
// by a FaultHang until the client gave up or the server closed.
func (s *Server) serveREST(r *http.Request) (req *request, resp response, hung bool) {
	req = &request{Request: r}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodySize+1))
	if err != nil {
		return req, errorResponse(http.StatusBadRequest, CodeGeneral, "400: Bad Request"), false
	}
	req.body = body
	if len(body) > maxBodySize {
		return req, errorResponse(http.StatusRequestEntityTooLarge, CodeRequestTooLarge, "Request entity too large"), false
	}
	version, path, ok := splitAPIPath(r.URL.Path)
	if !ok {
		return req, plainError(http.StatusNotFound), false
	}
	req.version = version
	rt, params, otherMethod := match(s.routes, r.Method, path)
	if rt == nil {
		if otherMethod {
			return req, plainError(http.StatusMethodNotAllowed), false
		}
		return req, plainError(http.StatusNotFound), false
	}
	req.route, req.params = rt, params
	if !s.authorized(r, rt.auth) {
		return req, errorResponse(http.StatusUnauthorized, CodeGeneral, "401: Unauthorized"), false
	}
	if f := s.takeFault(rt.name); f != nil {
		if f.Kind == FaultHang {
			select {
			case <-r.Context().Done():
			case <-s.closing:
			}
			return req, response{}, true
		}
		return req, s.faultResponse(f, rt), false
	}
	resp = rt.handle(s, req)
	if resp.header == nil {
		resp.header = http.Header{}
	}
	s.rateLimitHeaders(resp.header, rt)
	return req, resp, false
}

// authorized checks the Authorization header for the route's mode.
func (s *Server) authorized(r *http.Request, mode authMode) bool {
	got := r.Header.Get("Authorization")
	if got == "" {
		return mode == authOptional
	}
	return s.token != "" && !s.revoked.Load() && got == "Bot "+s.token
}

// record appends a request to the log.
func (s *Server) record(r *http.Request, req *request, resp response, start time.Time) {
	rec := Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		Query:    r.URL.RawQuery,
		Status:   resp.status,
		Response: resp.body,
		At:       start,
		Duration: time.Since(start),
	}
	if req != nil {
		rec.Body = req.body
		rec.APIVersion = req.version
		if req.route != nil {
			rec.Route = req.route.name
		}
	}
	s.logf("%s %s -> %d", r.Method, r.URL.RequestURI(), resp.status)
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.notifyLocked()
	s.mu.Unlock()
}

// serveAttachment serves the bytes of an uploaded file at the URL given in
// the message's attachment object, as the CDN would.
func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/attachments/"), "/")
	if len(parts) != 3 || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	var found *File
	if cs := s.channels[parts[0]]; cs != nil {
		for _, id := range cs.messageIDs {
			for i, f := range s.messages[id].Files {
				if f.ID == parts[1] && f.Name == parts[2] {
					found = &s.messages[id].Files[i]
				}
			}
		}
	}
	var data []byte
	var ctype string
	if found != nil {
		data, ctype = found.Data, found.ContentType
	}
	s.mu.Unlock()
	if found == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(w, r, parts[2], time.Time{}, bytes.NewReader(data))
}
