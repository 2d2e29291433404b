package discordfake

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"time"
)

// knownIntents is every intent bit Discord defines today.
const knownIntents int64 = 1<<0 | 1<<1 | 1<<2 | 1<<3 | 1<<4 | 1<<5 | 1<<6 | 1<<7 | 1<<8 | 1<<9 |
	1<<10 | 1<<11 | 1<<12 | 1<<13 | 1<<14 | 1<<15 | 1<<16 | 1<<20 | 1<<21 | 1<<24 | 1<<25

// Identify is a recorded IDENTIFY payload.
type Identify struct {
	// Token is the token as sent; discordgo sends "Bot <token>".
	Token          string
	Intents        int64
	Compress       bool
	LargeThreshold int
	Shard          *[2]int
	Properties     map[string]any
	At             time.Time
	// CloseCode is 0 if the IDENTIFY was accepted, else the close code the
	// connection was closed with (4004 bad token, 4013, 4014 intents).
	CloseCode int
	// SessionID is the session created by an accepted IDENTIFY.
	SessionID string
}

// GatewaySession describes a gateway session created by IDENTIFY.
type GatewaySession struct {
	ID      string
	Intents int64
	// Shard is [shard_id, num_shards]; [0, 1] when not sharding.
	Shard [2]int
	// Seq is the sequence number of the last dispatch.
	Seq int64
	// Connected reports whether a websocket is attached now.
	Connected bool
	// Invalid reports that the session cannot be resumed any more.
	Invalid bool
	// Resumes counts successful RESUMEs.
	Resumes int
	// ResumedAt lists the path of the websocket URL of each successful
	// RESUME: "/resume-gateway" when the client followed READY's
	// resume_gateway_url, "/gateway" when it resumed where it identified.
	ResumedAt []string
	Created   time.Time
}

// gwFrame is a dispatched event kept for replay on RESUME.
type gwFrame struct {
	seq  int64
	data []byte
}

// gwSession is the server side of a gateway session.
type gwSession struct {
	mu          sync.Mutex
	id          string
	intents     int64
	shard       [2]int
	created     time.Time
	seq         int64
	frames      []gwFrame
	conn        *gwConn
	invalid     bool
	resumes     int
	resumePaths []string
}

// ownsGuild reports whether the session's shard receives a guild's events.
func (g *gwSession) ownsGuild(guildID string) bool {
	if g.shard[1] <= 1 {
		return true
	}
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return g.shard[0] == 0
	}
	return int((id>>22)%uint64(g.shard[1])) == g.shard[0]
}

// dispatchLocked assigns the next sequence number to an event, keeps it for
// replay and writes it to the attached connection. g.mu must be held.
func (g *gwSession) dispatchLocked(event string, data any) {
	g.seq++
	seq := g.seq
	b, err := json.Marshal(gwPayload{Op: opDispatch, D: data, S: &seq, T: &event})
	if err != nil {
		return
	}
	g.frames = append(g.frames, gwFrame{seq: seq, data: b})
	if g.conn != nil {
		if err := g.conn.sendRaw(b); err != nil {
			g.conn.drop()
			g.conn = nil
		}
	}
}

// info returns the exported view. g.mu must be held.
func (g *gwSession) info() GatewaySession {
	return GatewaySession{ID: g.id, Intents: g.intents, Shard: g.shard, Seq: g.seq,
		Connected: g.conn != nil, Invalid: g.invalid, Resumes: g.resumes, Created: g.created,
		ResumedAt: append([]string(nil), g.resumePaths...)}
}

// identifyPayload is the d of an IDENTIFY.
type identifyPayload struct {
	Token          string         `json:"token"`
	Intents        *int64         `json:"intents"`
	Properties     map[string]any `json:"properties"`
	Compress       bool           `json:"compress"`
	LargeThreshold int            `json:"large_threshold"`
	Shard          *[2]int        `json:"shard"`
}

// tokenOK accepts the bot token with or without the "Bot " prefix, as the
// gateway does.
func (s *Server) tokenOK(tok string) bool {
	return strings.TrimPrefix(tok, "Bot ") == s.token && s.token != "" && !s.revoked.Load()
}

// identify handles IDENTIFY: it creates a session and dispatches READY and a
// GUILD_CREATE per guild of the shard.
func (s *Server) identify(c *gwConn, raw json.RawMessage) bool {
	if c.sess.Load() != nil {
		c.closeWith(CloseAlreadyAuthenticated, "Already authenticated.")
		return false
	}
	var p identifyPayload
	if err := json.Unmarshal(raw, &p); err != nil {
		c.closeWith(CloseDecodeError, "Error while decoding payload.")
		return false
	}
	rec := Identify{Token: p.Token, Compress: p.Compress, LargeThreshold: p.LargeThreshold,
		Shard: p.Shard, Properties: p.Properties, At: time.Now()}
	if p.Intents != nil {
		rec.Intents = *p.Intents
	}
	fail := func(code int, reason string) bool {
		rec.CloseCode = code
		s.recordIdentify(rec)
		c.closeWith(code, reason)
		return false
	}
	switch {
	case !s.tokenOK(p.Token):
		return fail(CloseAuthenticationFailed, "Authentication failed.")
	case p.Intents == nil || *p.Intents&^knownIntents != 0 || *p.Intents < 0:
		return fail(CloseInvalidIntents, "Invalid intent(s).")
	case *p.Intents&IntentsPrivileged&^s.cfg.allowedPrivileged != 0:
		return fail(CloseDisallowedIntents, "Disallowed intent(s).")
	case p.Shard != nil && (p.Shard[1] < 1 || p.Shard[0] < 0 || p.Shard[0] >= p.Shard[1]):
		return fail(CloseDecodeError, "Invalid shard.")
	}
	gs := &gwSession{id: randomHex(16), intents: *p.Intents, shard: [2]int{0, 1}, created: time.Now(), conn: c}
	if p.Shard != nil {
		gs.shard = *p.Shard
	}
	rec.SessionID = gs.id

	s.mu.Lock()
	bot := s.userWireMeLocked()
	var stubs []any
	var creates []any
	for _, id := range s.guildOrder {
		if !gs.ownsGuild(id) {
			continue
		}
		stubs = append(stubs, map[string]any{"id": id, "unavailable": true})
		creates = append(creates, s.guildCreateWireLocked(s.guilds[id]))
	}
	s.mu.Unlock()

	ready := s.readyPayload(c, gs, bot, stubs)
	// Register and record the session before READY goes out, holding its
	// lock so that no event can be dispatched to it ahead of READY.
	gs.mu.Lock()
	s.gmu.Lock()
	s.sessions[gs.id] = gs
	s.sessList = append(s.sessList, gs)
	s.gmu.Unlock()
	s.recordIdentify(rec)
	c.sess.Store(gs)
	gs.dispatchLocked("READY", ready)
	if gs.intents&IntentGuilds != 0 {
		for _, g := range creates {
			gs.dispatchLocked("GUILD_CREATE", g)
		}
	}
	gs.mu.Unlock()
	s.notify()
	s.logf("gateway: identified session %s intents %d", gs.id, gs.intents)
	return true
}

// readyPayload returns READY's data for a new session: the bot user, the
// shard's guilds as unavailable stubs, and the resume URL.
func (s *Server) readyPayload(c *gwConn, gs *gwSession, bot map[string]any, stubs []any) map[string]any {
	return map[string]any{
		"v":                       c.version,
		"user":                    bot,
		"guilds":                  nonNilAny(stubs),
		"session_id":              gs.id,
		"session_type":            "normal",
		"resume_gateway_url":      s.ResumeGatewayURL(),
		"shard":                   gs.shard,
		"application":             map[string]any{"id": s.appID, "flags": s.applicationFlags()},
		"private_channels":        []any{},
		"relationships":           []any{},
		"presences":               []any{},
		"guild_join_requests":     []any{},
		"geo_ordered_rtc_regions": []string{"us-east"},
		"user_settings":           map[string]any{},
		"auth":                    map[string]any{},
		"_trace":                  []string{gwTraceEntry},
	}
}

// applicationFlags reports the GATEWAY_*_LIMITED flags of the granted
// privileged intents, as for an unverified application.
func (s *Server) applicationFlags() int {
	flags := 0
	if s.cfg.allowedPrivileged&IntentGuildPresences != 0 {
		flags |= 1 << 13
	}
	if s.cfg.allowedPrivileged&IntentGuildMembers != 0 {
		flags |= 1 << 15
	}
	if s.cfg.allowedPrivileged&IntentMessageContent != 0 {
		flags |= 1 << 19
	}
	return flags
}

// recordIdentify appends an IDENTIFY to the record.
func (s *Server) recordIdentify(rec Identify) {
	s.mu.Lock()
	s.identifies = append(s.identifies, rec)
	s.notifyLocked()
	s.mu.Unlock()
}

// resumePayload is the d of a RESUME.
type resumePayload struct {
	Token     string `json:"token"`
	SessionID string `json:"session_id"`
	Seq       int64  `json:"seq"`
}

// resume handles RESUME: it replays the dispatches after seq and sends
// RESUMED, or answers INVALID_SESSION for an unknown or ended session.
func (s *Server) resume(c *gwConn, raw json.RawMessage) bool {
	if c.sess.Load() != nil {
		c.closeWith(CloseAlreadyAuthenticated, "Already authenticated.")
		return false
	}
	var p resumePayload
	if err := json.Unmarshal(raw, &p); err != nil {
		c.closeWith(CloseDecodeError, "Error while decoding payload.")
		return false
	}
	if !s.tokenOK(p.Token) {
		c.closeWith(CloseAuthenticationFailed, "Authentication failed.")
		return false
	}
	s.gmu.Lock()
	gs := s.sessions[p.SessionID]
	s.gmu.Unlock()
	if gs == nil {
		return c.send(opInvalidSession, false) == nil
	}
	gs.mu.Lock()
	if gs.invalid {
		gs.mu.Unlock()
		return c.send(opInvalidSession, false) == nil
	}
	if p.Seq > gs.seq || p.Seq < 0 {
		gs.mu.Unlock()
		c.closeWith(CloseInvalidSeq, "Invalid seq.")
		return false
	}
	if old := gs.conn; old != nil && old != c {
		old.sess.Store(nil)
		old.drop()
	}
	gs.conn = c
	c.sess.Store(gs)
	replayed := 0
	for _, f := range gs.frames {
		if f.seq > p.Seq && gs.conn != nil {
			if err := c.sendRaw(f.data); err != nil {
				gs.conn = nil
				break
			}
			replayed++
		}
	}
	gs.dispatchLocked("RESUMED", map[string]any{"_trace": []string{gwTraceEntry}})
	gs.resumes++
	gs.resumePaths = append(gs.resumePaths, c.path)
	gs.mu.Unlock()
	s.logf("gateway: resumed session %s from seq %d, replayed %d", gs.id, p.Seq, replayed)
	s.notify()
	return true
}

// dispatch sends an event to every live session. build returns the data for
// a session, or false to skip it (intents, shard). It runs with the
// session's lock held and must not lock s.mu. dispatch returns how many
// sessions got the event (sent now, or kept for replay on RESUME), and
// ErrNoSession if no session is live.
func (s *Server) dispatch(event string, build func(*gwSession) (any, bool)) (int, error) {
	s.gmu.Lock()
	list := append([]*gwSession(nil), s.sessList...)
	s.gmu.Unlock()
	live, n := 0, 0
	for _, gs := range list {
		gs.mu.Lock()
		if !gs.invalid {
			live++
			if d, ok := build(gs); ok {
				gs.dispatchLocked(event, d)
				n++
			}
		}
		gs.mu.Unlock()
	}
	if live == 0 {
		return 0, ErrNoSession
	}
	return n, nil
}

// hasLiveSession reports whether some session can still receive events.
func (s *Server) hasLiveSession() bool {
	s.gmu.Lock()
	list := append([]*gwSession(nil), s.sessList...)
	s.gmu.Unlock()
	for _, gs := range list {
		gs.mu.Lock()
		live := !gs.invalid
		gs.mu.Unlock()
		if live {
			return true
		}
	}
	return false
}

// userWireMeLocked renders the bot user as GET /users/@me and READY do.
func (s *Server) userWireMeLocked() map[string]any {
	w := userWire(s.bot)
	w["verified"] = true
	w["mfa_enabled"] = false
	w["email"] = nil
	w["locale"] = "en-US"
	w["premium_type"] = 0
	return w
}
