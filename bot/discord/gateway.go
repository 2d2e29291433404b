package discord

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
	"github.com/interviewbot/interviewbot/bot/internal/retry"
)

// The gateway behaviours discordgo v0.29.0 lacks, added around it:
//
//   - A close that reconnecting cannot fix (4004 a rejected token, 4014
//     intents the application was not granted, 4010–4013), or a token the
//     gateway discovery rejects (401), stops the adapter with what to do,
//     instead of reconnecting forever (fatalGateway).
//   - A gateway that cannot be reached at start-up is tried again with
//     backoff (Adapter.openGateway), as after a disconnect.
//   - A session resumes at READY's resume_gateway_url (discordgo resumes
//     where it first connected): the adapter remembers the URL, fails the
//     first dial elsewhere once so that discordgo forgets its cached gateway,
//     and answers the discovery that follows with the resume URL.
//   - On op 9 INVALID_SESSION discordgo identifies at once; Discord asks for
//     a wait of 1 to 5 s, which the adapter makes by holding the op 9 frame
//     back before discordgo reads it (frameWatch).

// errResumeElsewhere fails a dial to the cached gateway when the session
// is to resume at its resume URL.
var errResumeElsewhere = errors.New("discord: resuming at the session's resume_gateway_url")

// gatewayState is what the adapter knows of its gateway session besides
// discordgo.
type gatewayState struct {
	log *slog.Logger
	// invalidWait is how long an op 9 is held back.
	invalidWait func() time.Duration

	mu        sync.Mutex
	resumeURL *url.URL // READY's resume_gateway_url
	// redirect is set while reconnecting: a dial elsewhere than resumeURL
	// fails once (then serve is set), and the next gateway discovery
	// answers resumeURL (then serve is cleared).
	redirect, serve bool
}

// newGatewayState returns the state of a session not connected yet.
func newGatewayState(log *slog.Logger) *gatewayState {
	return &gatewayState{log: log, invalidWait: func() time.Duration {
		return time.Second + rand.N(4*time.Second)
	}}
}

// ready remembers the resume URL of a READY.
func (g *gatewayState) ready(raw json.RawMessage) {
	var r struct {
		ResumeURL string `json:"resume_gateway_url"`
	}
	if json.Unmarshal(raw, &r) != nil || r.ResumeURL == "" {
		return
	}
	u, err := url.Parse(r.ResumeURL)
	if err != nil || (u.Scheme != "wss" && u.Scheme != "ws") || u.Host == "" {
		g.log.Warn("gateway: unusable resume_gateway_url", "url", r.ResumeURL)
		return
	}
	g.mu.Lock()
	g.resumeURL = u
	g.mu.Unlock()
}

// resuming marks (or, on false, ends) a reconnect that should resume at
// the resume URL.
func (g *gatewayState) resuming(on bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.redirect, g.serve = on && g.resumeURL != nil, false
}

// proxy is the gateway dialer's Proxy: it fails, once per reconnect, a
// dial that is not to the resume URL, and otherwise proxies as
// net/http does.
func (g *gatewayState) proxy(req *http.Request) (*url.URL, error) {
	g.mu.Lock()
	if g.redirect && !sameEndpoint(req.URL, g.resumeURL) {
		g.redirect, g.serve = false, true
		g.mu.Unlock()
		return nil, errResumeElsewhere
	}
	g.mu.Unlock()
	return http.ProxyFromEnvironment(req)
}

// discovery returns the resume URL when the next gateway discovery is to
// answer it.
func (g *gatewayState) discovery() (string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.serve || g.resumeURL == nil {
		return "", false
	}
	g.serve = false
	u := *g.resumeURL
	u.RawQuery = ""
	return u.String(), true
}

// sameEndpoint reports whether a websocket request URL (scheme already
// http or https) goes to the resume URL.
func sameEndpoint(req, resume *url.URL) bool {
	scheme := map[string]string{"wss": "https", "ws": "http"}[resume.Scheme]
	path := func(p string) string { return "/" + strings.Trim(p, "/") }
	return req.Scheme == scheme && strings.EqualFold(req.Host, resume.Host) && path(req.Path) == path(resume.Path)
}

// dialer returns the websocket dialer of the session: Proxy checks where a
// resume goes; the connection is watched for op 9 unless a proxy from the
// environment stands in between (then discordgo's timing stands).
func (g *gatewayState) dialer() *websocket.Dialer {
	d := &websocket.Dialer{HandshakeTimeout: 45 * time.Second, Proxy: g.proxy}
	probe := &http.Request{URL: &url.URL{Scheme: "https", Host: "gateway.discord.gg"}}
	if p, err := http.ProxyFromEnvironment(probe); err != nil || p != nil {
		return d
	}
	var nd net.Dialer
	d.NetDialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := nd.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return g.watch(c), nil
	}
	d.NetDialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := nd.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		host, _, _ := net.SplitHostPort(addr)
		tc := tls.Client(c, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
		if err := tc.HandshakeContext(ctx); err != nil {
			c.Close()
			return nil, err
		}
		return g.watch(tc), nil
	}
	return d
}

// fatalGateway returns the error that stops the adapter for a gateway
// close reconnecting cannot fix, or nil.
func fatalGateway(err error) error {
	if ae := apiErrorOf(err); ae != nil && ae.Status == http.StatusUnauthorized {
		return errors.New("discord: Discord rejected the token (401 Unauthorized): check the token (discord.token)")
	}
	var ce *websocket.CloseError
	if !errors.As(err, &ce) {
		return nil
	}
	switch ce.Code {
	case 4004:
		return errors.New("discord: the gateway rejected the token (close 4004 Authentication failed): check the token (discord.token)")
	case 4014:
		return errors.New("discord: the gateway refused the message content intent (close 4014 Disallowed intents): " +
			"switch on Message Content Intent in the Developer Portal (Bot → Privileged Gateway Intents) or set discord.message_content: false")
	case 4010, 4011, 4012, 4013:
		return fmt.Errorf("discord: the gateway closed the connection with %d (%s), which reconnecting cannot fix", ce.Code, ce.Text)
	}
	return nil
}

// watch wraps a gateway connection in a frameWatch.
func (g *gatewayState) watch(c net.Conn) net.Conn {
	return &frameWatch{Conn: c, wait: g.invalidWait, log: g.log, buf: make([]byte, 32<<10)}
}

// frameWatch passes a gateway connection's bytes to discordgo unchanged,
// frame by frame, and holds an op 9 INVALID_SESSION frame back for the
// wait Discord asks for before discordgo reads it (and identifies). Server
// frames are not masked; discordgo asks for neither compression nor zlib
// transport, so a frame's payload is the JSON.
type frameWatch struct {
	net.Conn
	wait func() time.Duration
	log  *slog.Logger

	buf      []byte // read buffer
	in       []byte // read, not parsed yet
	out      []byte // parsed, to hand out
	upgraded bool   // the HTTP upgrade answer is past
	// plain is set when the answer was no upgrade: the rest is an HTTP
	// body, passed on as it comes.
	plain bool
	err   error // the connection's read error, after in and out
}

// Read hands out the connection's bytes once their frame is whole.
func (w *frameWatch) Read(p []byte) (int, error) {
	for len(w.out) == 0 {
		if w.err != nil {
			return 0, w.err
		}
		n, err := w.Conn.Read(w.buf)
		w.in = append(w.in, w.buf[:n]...)
		w.scan()
		if err != nil {
			w.err = err
			w.out, w.in = append(w.out, w.in...), nil
		}
	}
	n := copy(p, w.out)
	w.out = w.out[n:]
	return n, nil
}

// scan moves whole frames (and first the HTTP answer) from in to out,
// waiting before an op 9.
func (w *frameWatch) scan() {
	if !w.upgraded {
		i := bytes.Index(w.in, []byte("\r\n\r\n"))
		if i < 0 {
			return
		}
		status, _, _ := bytes.Cut(w.in, []byte("\r\n"))
		w.plain = !bytes.Contains(status, []byte(" 101 "))
		w.move(i + 4)
		w.upgraded = true
	}
	if w.plain {
		w.move(len(w.in))
		return
	}
	for {
		size, opcode, payload, ok := nextFrame(w.in)
		if !ok {
			return
		}
		if opcode == websocket.TextMessage && isInvalidSession(payload) {
			d := w.wait()
			w.log.Info("gateway: invalid session, waiting before identifying", "wait", d)
			time.Sleep(d)
		}
		w.move(size)
	}
}

// move hands the first n bytes of in out.
func (w *frameWatch) move(n int) {
	w.out = append(w.out, w.in[:n]...)
	w.in = w.in[n:]
}

// nextFrame parses the websocket frame at the start of b: its size,
// opcode and payload, or ok false when it is not whole yet.
func nextFrame(b []byte) (size int, opcode int, payload []byte, ok bool) {
	if len(b) < 2 {
		return 0, 0, nil, false
	}
	opcode = int(b[0] & 0x0f)
	n, h := uint64(b[1]&0x7f), 2
	switch n {
	case 126:
		if len(b) < 4 {
			return 0, 0, nil, false
		}
		n, h = uint64(binary.BigEndian.Uint16(b[2:4])), 4
	case 127:
		if len(b) < 10 {
			return 0, 0, nil, false
		}
		n, h = binary.BigEndian.Uint64(b[2:10]), 10
	}
	if b[1]&0x80 != 0 {
		h += 4 // a masking key (servers do not mask)
	}
	if n > uint64(len(b)-h) || len(b) < h {
		return 0, 0, nil, false
	}
	size = h + int(n)
	return size, opcode, b[h:size], true
}

// isInvalidSession reports whether a text frame is op 9.
func isInvalidSession(payload []byte) bool {
	if len(payload) > 256 || !bytes.Contains(payload, []byte(`"op"`)) {
		return false
	}
	var m struct {
		Op *int `json:"op"`
	}
	return json.Unmarshal(payload, &m) == nil && m.Op != nil && *m.Op == 9
}

// discoveryTransport answers a gateway discovery (GET …/gateway) with the
// resume URL when a reconnect is to resume there (see gatewayState), and
// passes every other request on.
type discoveryTransport struct {
	g    *gatewayState
	next http.RoundTripper
}

// RoundTrip answers the discovery or passes the request on.
func (t discoveryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodGet && strings.HasSuffix(req.URL.Path, "/gateway") {
		if u, ok := t.g.discovery(); ok {
			body, _ := json.Marshal(map[string]string{"url": u})
			return &http.Response{
				StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
				Header:        http.Header{"Content-Type": {"application/json"}},
				Body:          io.NopCloser(bytes.NewReader(body)),
				ContentLength: int64(len(body)), Request: req,
			}, nil
		}
	}
	return t.next.RoundTrip(req)
}

// openGateway connects for the first time. A gateway that cannot be reached
// is tried again after a backoff (doubling from the first wait up to
// maxReconnectBackoff) until ctx is done; a close reconnecting cannot fix
// is returned.
func (a *Adapter) openGateway(ctx context.Context) error {
	wait := a.opts.reconnectBackoff
	for {
		err := a.s.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			return nil
		}
		if fatal := fatalGateway(err); fatal != nil {
			return fatal
		}
		a.log.WarnContext(ctx, "gateway not reached, retrying", "err", redactError(a.red, err), "retry_in", wait)
		if retry.Sleep(ctx, wait) != nil {
			return ctx.Err()
		}
		wait = min(2*wait, maxReconnectBackoff)
	}
}

// reopen reconnects after a disconnect, resuming at the session's resume
// URL when there is one.
func (a *Adapter) reopen() error {
	a.gw.resuming(true)
	defer a.gw.resuming(false)
	err := a.s.Open()
	if errors.Is(err, errResumeElsewhere) {
		// discordgo forgot its cached gateway: this time it asks, and is
		// told the resume URL.
		err = a.s.Open()
	}
	return err
}
