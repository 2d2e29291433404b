package discord

import (
	"net/http"
	"net/url"
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
	return &http.Client{Transport: rt, Timeout: o.httpTimeout}, nil
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
