package telegramfake

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// SecretTokenHeader is the header carrying setWebhook's secret_token.
const SecretTokenHeader = "X-Telegram-Bot-Api-Secret-Token"

// webhookState is the webhook set with setWebhook.
type webhookState struct {
	url            string
	secret         string
	maxConnections int
	allowed        []string
}

// hookError is the last webhook delivery error, for getWebhookInfo.
type hookError struct {
	date    time.Time
	message string
}

// setWebhook sets (or, with an empty url, removes) the webhook. The fake
// delivers only to loopback addresses and accepts plain http there. It has
// no TLS: an https:// loopback URL gets its updates over plain HTTP, as
// from a TLS-terminating proxy in front of the bot, so the bot's own
// https-only check can run unchanged in tests.
func (s *Server) setWebhook(c *call) (any, error) {
	raw := strings.TrimSpace(c.p.str("url"))
	if raw == "" {
		return s.deleteWebhook(c)
	}
	if err := checkLoopbackURL(raw); err != nil {
		return nil, badRequest("bad webhook: %v", err)
	}
	secret := c.p.str("secret_token")
	if len(secret) > 256 || strings.IndexFunc(secret, func(r rune) bool {
		return !(r < 128 && (isWordChar(byte(r)) || r == '-'))
	}) >= 0 {
		return nil, badRequest("secret token contains unallowed characters")
	}
	var allowed []string
	if _, err := c.p.json("allowed_updates", &allowed); err != nil {
		return nil, badRequest("can't parse allowed updates JSON array")
	}
	maxConn := 40
	if n, ok := c.p.int("max_connections"); ok && n > 0 {
		maxConn = int(min(n, 100))
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if c.p.bool("drop_pending_updates") {
		s.updates.pending = nil
	}
	if c.p.has("allowed_updates") {
		s.updates.allowed = nil
		if len(allowed) > 0 {
			s.updates.allowed = allowed
		}
	}
	if old := s.webhook; old != nil && old.url == raw && old.secret == secret && old.maxConnections == maxConn {
		old.allowed = s.updates.allowed
		return described{result: true, description: "Webhook is already set"}, nil
	}
	s.hookErr = hookError{}
	s.webhook = &webhookState{url: raw, secret: secret, maxConnections: maxConn, allowed: s.updates.allowed}
	s.notifyLocked()
	return described{result: true, description: "Webhook was set"}, nil
}

// deleteWebhook removes the webhook so getUpdates works again.
func (s *Server) deleteWebhook(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.p.bool("drop_pending_updates") {
		s.updates.pending = nil
	}
	desc := "Webhook is already deleted"
	if s.webhook != nil {
		desc = "Webhook was deleted"
	}
	s.webhook = nil
	s.hookErr = hookError{}
	s.notifyLocked()
	return described{result: true, description: desc}, nil
}

// getWebhookInfo reports the webhook and the delivery state.
func (s *Server) getWebhookInfo(*call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := map[string]any{"url": "", "has_custom_certificate": false, "pending_update_count": len(s.updates.pending)}
	if h := s.webhook; h != nil {
		info["url"] = h.url
		info["max_connections"] = h.maxConnections
		info["ip_address"] = "127.0.0.1"
		if h.allowed != nil {
			info["allowed_updates"] = h.allowed
		}
		if s.hookErr.message != "" {
			info["last_error_date"] = s.hookErr.date.Unix()
			info["last_error_message"] = s.hookErr.message
		}
	}
	return info, nil
}

// WebhookURL returns the webhook URL the bot set, or "".
func (s *Server) WebhookURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.webhook == nil {
		return ""
	}
	return s.webhook.url
}

// deliverWebhooks runs while the server is open: when a webhook is set it
// POSTs pending updates to it one at a time, dropping each once the bot
// answers 2xx and retrying after a pause otherwise.
func (s *Server) deliverWebhooks() {
	defer s.wg.Done()
	var retryAt time.Time
	for {
		s.mu.Lock()
		hook := s.webhook
		var next *pendingUpdate
		if hook != nil && len(s.updates.pending) > 0 {
			u := s.updates.pending[0]
			next = &u
		}
		changed := s.changed
		s.mu.Unlock()

		if next == nil || time.Now().Before(retryAt) {
			var (
				wake  <-chan time.Time
				timer *time.Timer
			)
			if next != nil {
				timer = time.NewTimer(time.Until(retryAt))
				wake = timer.C
			}
			select {
			case <-changed:
			case <-wake:
			case <-s.ctx.Done():
				return
			}
			if timer != nil {
				timer.Stop()
			}
			continue
		}

		status, err := postUpdate(s.ctx, s.hooks, hook.url, hook.secret, next.raw)
		if s.ctx.Err() != nil {
			return
		}
		s.mu.Lock()
		if s.webhook == hook {
			if err == nil && status/100 == 2 {
				if len(s.updates.pending) > 0 && s.updates.pending[0].id == next.id {
					s.updates.pending = s.updates.pending[1:]
				}
				retryAt = time.Time{}
			} else {
				s.hookErr = hookError{date: s.now(), message: deliveryError(status, err)}
				retryAt = time.Now().Add(s.cfg.webhookRetry)
			}
			s.notifyLocked()
		}
		s.mu.Unlock()
	}
}

// deliveryError describes a failed delivery like getWebhookInfo does.
func deliveryError(status int, err error) string {
	var ne net.Error
	switch {
	case err == nil:
		return fmt.Sprintf("Wrong response from the webhook: %d %s", status, http.StatusText(status))
	case errors.Is(err, syscall.ECONNREFUSED):
		return "Connection refused"
	case errors.As(err, &ne) && ne.Timeout():
		return "Read timeout expired"
	}
	return err.Error()
}

// DeliverWebhook POSTs one update to a webhook the way Telegram does: a
// JSON body and, when secretToken is not empty, the
// X-Telegram-Bot-Api-Secret-Token header. Only loopback URLs are allowed.
// It returns the HTTP status the webhook answered.
func DeliverWebhook(ctx context.Context, webhookURL, secretToken string, update []byte) (int, error) {
	if err := checkLoopbackURL(webhookURL); err != nil {
		return 0, fmt.Errorf("telegramfake: deliver webhook: %w", err)
	}
	client := newLoopbackClient(0)
	defer client.CloseIdleConnections()
	return postUpdate(ctx, client, webhookURL, secretToken, update)
}

// postUpdate sends one update and drains the answer.
func postUpdate(ctx context.Context, client *http.Client, webhookURL, secret string, update []byte) (int, error) {
	if rest, ok := strings.CutPrefix(webhookURL, "https://"); ok {
		webhookURL = "http://" + rest // loopback only (checkLoopbackURL); see setWebhook
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, webhookURL, bytes.NewReader(update))
	if err != nil {
		return 0, fmt.Errorf("telegramfake: webhook request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(SecretTokenHeader, secret)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("telegramfake: webhook post: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, nil
}

// checkLoopbackURL accepts http(s) URLs on loopback hosts only.
func checkLoopbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return errors.New("an HTTP or HTTPS URL must be provided for webhook")
	}
	if !isLoopbackHost(u.Hostname()) {
		return fmt.Errorf("telegramfake delivers only to loopback hosts, not %q", u.Hostname())
	}
	return nil
}

// isLoopbackHost reports localhost and loopback IP literals.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// newLoopbackClient returns an HTTP client that ignores proxies and can
// only connect to loopback addresses.
func newLoopbackClient(timeout time.Duration) *http.Client {
	d := &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return fmt.Errorf("telegramfake: dial %s: %w", address, err)
			}
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("telegramfake: refusing to dial non-loopback address %s", address)
			}
			return nil
		},
	}
	return &http.Client{
		Timeout:   timeout,
		Transport: &http.Transport{Proxy: nil, DialContext: d.DialContext, MaxIdleConnsPerHost: 4},
	}
}
