package discordfake

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// RewriteTransport is an http.RoundTripper that sends requests addressed to
// Discord (discord.com, discordapp.com and their subdomains, such as
// cdn.discordapp.com) to Base instead, keeping the path and query. Other
// hosts pass through unchanged. It is how discordgo, whose endpoints are
// fixed package variables, is pointed at the fake (or at a REST proxy):
//
//	session.Client = &http.Client{Transport: &discordfake.RewriteTransport{Base: base}}
//
// The gateway needs no rewriting: GET /gateway answers with the websocket
// URL to dial.
type RewriteTransport struct {
	// Base replaces scheme and host, such as http://127.0.0.1:41234; a path
	// in Base is prepended to the request path.
	Base *url.URL
	// Next performs the rewritten requests; nil means http.DefaultTransport.
	Next http.RoundTripper
}

// NewRewriteTransport parses base (for example Server.URL()) into a
// RewriteTransport that uses next.
func NewRewriteTransport(base string, next http.RoundTripper) (*RewriteTransport, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("discordfake: parse base url: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("discordfake: base url %q: want http(s)://host[:port][/path]", base)
	}
	return &RewriteTransport{Base: u, Next: next}, nil
}

// IsDiscordHost reports whether host (without port) is one of Discord's
// API or CDN hosts that RewriteTransport redirects.
func IsDiscordHost(host string) bool {
	host = strings.ToLower(host)
	for _, d := range []string{"discord.com", "discordapp.com", "discordapp.net", "discord.gg"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// RoundTrip rewrites the request's URL and passes it to Next. The caller's
// request is not modified.
func (t *RewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	next := t.Next
	if next == nil {
		next = http.DefaultTransport
	}
	if !IsDiscordHost(req.URL.Hostname()) {
		return next.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	out.URL.Scheme = t.Base.Scheme
	out.URL.Host = t.Base.Host
	out.Host = ""
	if prefix := strings.TrimSuffix(t.Base.Path, "/"); prefix != "" {
		out.URL.Path = prefix + req.URL.Path
		if req.URL.RawPath != "" {
			out.URL.RawPath = strings.TrimSuffix(t.Base.EscapedPath(), "/") + req.URL.RawPath
		}
	}
	return next.RoundTrip(out)
}

// HTTPClient returns an http.Client that sends Discord requests to this
// server through a RewriteTransport, for discordgo's Session.Client. It has
// its own connection pool, closed by Close, and a 10 s timeout so a hung
// request cannot stall a test forever.
func (s *Server) HTTPClient() *http.Client {
	base := &http.Transport{
		Proxy:               nil, // loopback only
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     30 * time.Second,
	}
	s.mu.Lock()
	s.clients = append(s.clients, base)
	s.mu.Unlock()
	rt, err := NewRewriteTransport(s.URL(), base)
	if err != nil {
		// s.URL() is always a valid http URL; keep the client usable anyway.
		rt = &RewriteTransport{Base: &url.URL{Scheme: "http", Host: strings.TrimPrefix(s.URL(), "http://")}, Next: base}
	}
	return &http.Client{Transport: rt, Timeout: 10 * time.Second}
}
