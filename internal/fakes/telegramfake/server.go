package telegramfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a fake Telegram Bot API server listening on 127.0.0.1. All its
// methods are safe for concurrent use.
type Server struct {
	token string
	cfg   config
	srv   *httptest.Server

	ctx       context.Context
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	closeOnce sync.Once
	hooks     *http.Client

	mu       sync.Mutex
	changed  chan struct{}
	bot      User
	privacy  bool
	chats    map[int64]*chatState
	users    map[int64]User
	sent     []*SentMessage
	updates  updateQueue
	polls    map[*poll]struct{}
	webhook  *webhookState
	hookErr  hookError
	commands map[string][]BotCommand
	queries  map[string]*pendingQuery
	answers  []CallbackAnswer
	requests []Request
	counts   map[string]int
	faults   []*faultRule
	rate     rateState
	files    map[string]*File
	seq      int64
}

// New starts a fake Bot API server for the bot with the given token
// ("123456:ABC…"; the number before the colon is the bot's user id).
// Call Close when done.
func New(token string, opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	bot := cfg.bot
	bot.IsBot = true
	bot.ID = 1_000_001
	if id, _, ok := strings.Cut(token, ":"); ok {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil && n > 0 {
			bot.ID = n
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		token:    token,
		cfg:      cfg,
		ctx:      ctx,
		cancel:   cancel,
		hooks:    newLoopbackClient(cfg.webhookTimeout),
		changed:  make(chan struct{}),
		bot:      bot,
		privacy:  cfg.privacy,
		chats:    make(map[int64]*chatState),
		users:    make(map[int64]User),
		polls:    make(map[*poll]struct{}),
		commands: make(map[string][]BotCommand),
		queries:  make(map[string]*pendingQuery),
		counts:   make(map[string]int),
		files:    make(map[string]*File),
		updates:  updateQueue{next: 1},
		rate:     rateState{limit: cfg.rate, chats: make(map[int64][]time.Time)},
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err == nil {
		s.srv.Listener.Close()
		s.srv.Listener = l
	}
	s.srv.Start()
	s.wg.Add(1)
	go s.deliverWebhooks()
	return s
}

// Close stops the server. Pending long polls and hung requests are released.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.cancel()
		s.srv.Close()
		s.wg.Wait()
		s.hooks.CloseIdleConnections()
	})
}

// URL returns the base URL of the server, like http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.srv.URL }

// Endpoint returns the endpoint in tgbotapi's format,
// http://127.0.0.1:PORT/bot%s/%s, for tgbotapi.NewBotAPIWithClient and the
// telegram.api_endpoint setting.
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// Token returns the token the server accepts.
func (s *Server) Token() string { return s.token }

// Bot returns the bot user as getMe reports it.
func (s *Server) Bot() User {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.botUserLocked()
}

// botUserLocked returns the bot as it appears in messages' from field.
func (s *Server) botUserLocked() User {
	return User{ID: s.bot.ID, IsBot: true, FirstName: s.bot.FirstName, LastName: s.bot.LastName, Username: s.bot.Username}
}

// now returns the current time of the configured clock.
func (s *Server) now() time.Time { return s.cfg.now() }

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// nextSeqLocked returns a fresh number for identifiers; s.mu must be held.
func (s *Server) nextSeqLocked() int64 {
	s.seq++
	return s.seq
}

// apiError is an error answer of the Bot API.
type apiError struct {
	code        int
	description string
	retryAfter  int
}

// Error returns the description.
func (e *apiError) Error() string { return e.description }

// badRequest returns a 400 error with the description "Bad Request: …".
func badRequest(format string, args ...any) *apiError {
	return &apiError{code: http.StatusBadRequest, description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

// forbidden returns a 403 error with the description "Forbidden: …".
func forbidden(msg string) *apiError {
	return &apiError{code: http.StatusForbidden, description: "Forbidden: " + msg}
}

// errNoResponse tells the dispatcher that the handler answered nothing:
// the client went away or the server is closing.
var errNoResponse = errors.New("telegramfake: no response")

// errReset tells the dispatcher to reset the connection.
var errReset = errors.New("telegramfake: connection reset")

// described is a successful result with a description, as setWebhook has.
type described struct {
	result      any
	description string
}

// call is one API request being served.
type call struct {
	w      http.ResponseWriter
	r      *http.Request
	p      params
	method string
}

// serveHTTP routes /bot<token>/<method> requests, and file downloads
// from /file/bot<token>/<file_path>.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	start := s.now()
	if strings.HasPrefix(r.URL.Path, "/file/bot") {
		s.serveFile(w, r)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, name, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || token == "" {
		writeError(w, &apiError{code: http.StatusNotFound, description: "Not Found"})
		return
	}
	if token != s.token {
		s.logRequest(name, nil, start, http.StatusUnauthorized)
		writeError(w, &apiError{code: http.StatusUnauthorized, description: "Unauthorized"})
		return
	}
	method, h := lookupMethod(name)
	if h == nil {
		s.logRequest(name, nil, start, http.StatusNotFound)
		writeError(w, &apiError{code: http.StatusNotFound, description: "Not Found"})
		return
	}
	p, perr := parseParams(w, r)
	idx := s.logRequest(method, p.values, start, 0)

	c := &call{w: w, r: r, p: p, method: method}
	if f, ok := s.takeFault(method); ok {
		handled, status := s.applyFault(c, f)
		if handled {
			s.finishRequest(idx, status, f.name())
			return
		}
	}
	var (
		res any
		err error
	)
	switch {
	case perr != nil:
		err = perr
	default:
		if rl := s.checkRateLimit(method, p); rl != nil {
			err = rl
		} else {
			res, err = h(s, c)
		}
	}
	s.finishRequest(idx, s.respond(c, res, err), "")
}

// respond writes the handler's outcome and returns the HTTP status.
func (s *Server) respond(c *call, res any, err error) int {
	var ae *apiError
	switch {
	case err == nil:
		body := map[string]any{"ok": true, "result": res}
		if d, ok := res.(described); ok {
			body["result"] = d.result
			body["description"] = d.description
		}
		writeJSON(c.w, http.StatusOK, body)
		return http.StatusOK
	case errors.Is(err, errReset):
		resetConn(c.w)
		return 0
	case errors.Is(err, errNoResponse):
		return 0
	case errors.As(err, &ae):
		writeError(c.w, ae)
		return ae.code
	default:
		ae = &apiError{code: http.StatusInternalServerError, description: "Internal Server Error"}
		writeError(c.w, ae)
		return ae.code
	}
}

// writeError writes a Bot API error body with the error's HTTP status.
func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{"ok": false, "error_code": e.code, "description": e.description}
	if e.retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": e.retryAfter}
	}
	writeJSON(w, e.code, body)
}

// writeJSON writes v as a JSON response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"ok":false,"error_code":500,"description":"Internal Server Error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// resetConn hijacks the connection and closes it with a TCP reset.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// logRequest appends a request log entry and returns its index.
func (s *Server) logRequest(method string, values map[string]string, t time.Time, status int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[strings.ToLower(method)]++
	s.requests = append(s.requests, Request{Method: method, Params: values, Time: t, Status: status})
	s.notifyLocked()
	return len(s.requests) - 1
}

// finishRequest records the outcome of a logged request.
func (s *Server) finishRequest(idx, status int, fault string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[idx].Status = status
	s.requests[idx].Fault = fault
	s.notifyLocked()
}
