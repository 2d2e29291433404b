package discord

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// rewriteTransport sends requests addressed to Discord (discord.com,
// discordapp.com and their subdomains) to base instead, keeping the path
// and query. discordgo's endpoints are fixed package variables; this is how
// the adapter points them at a REST proxy or a fake without touching them.
// Gateway discovery goes through REST, so the websocket follows.
type rewriteTransport struct {
	base *url.URL
	next http.RoundTripper
}

// newHTTPClient returns the http.Client of the session: requests to
// Discord go to apiURL when it is set, through next.
func newHTTPClient(apiURL string, next http.RoundTripper, o options) (*http.Client, error) {
	if next == nil {
		next = http.DefaultTransport
	}
	rt := next
	if apiURL != "" {
		u, err := url.Parse(apiURL)
		if err != nil {
			return nil, err
		}
		rt = &rewriteTransport{base: u, next: next}
	}
	return &http.Client{Transport: proxyRateLimit{next: rt}, Timeout: o.httpTimeout}, nil
}

// proxyRateLimit turns a 429 answer that is not Discord's JSON (the HTML
// page of Cloudflare or a proxy) into Discord's JSON rate limit, waiting
// what its Retry-After header says (1 s without one), so that it is
// retried as a rate limit rather than failing to decode and being lost.
type proxyRateLimit struct {
	next http.RoundTripper
}

// RoundTrip passes the request on and rewrites a non-JSON 429 answer.
func (t proxyRateLimit) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusTooManyRequests || isJSON(resp.Header.Get("Content-Type")) {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	wait := 1.0
	if s, err := strconv.ParseFloat(strings.TrimSpace(resp.Header.Get("Retry-After")), 64); err == nil && s >= 0 {
		wait = s
	}
	body := fmt.Sprintf(`{"message": "You are being rate limited.", "retry_after": %g, "global": false}`, wait)
	resp.Header = resp.Header.Clone()
	resp.Header.Set("Content-Type", "application/json")
	resp.Header.Del("Content-Length")
	resp.Body = io.NopCloser(strings.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// isJSON reports whether a Content-Type is JSON.
func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}

// RoundTrip rewrites the request's URL when it is addressed to Discord and
// passes it on. The caller's request is not modified.
func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !isDiscordHost(req.URL.Hostname()) {
		return t.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	u := *req.URL
	u.Scheme = t.base.Scheme
	u.Host = t.base.Host
	if p := strings.TrimRight(t.base.Path, "/"); p != "" {
		u.Path = p + req.URL.Path
		if req.URL.RawPath != "" {
			u.RawPath = p + req.URL.RawPath
		}
	}
	r.URL = &u
	r.Host = ""
	return t.next.RoundTrip(r)
}

// isDiscordHost reports whether host (without port) is one of Discord's.
func isDiscordHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, d := range []string{"discord.com", "discordapp.com"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
