package telegram

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/drain"
	"github.com/interviewbot/interviewbot/bot/internal/endpoint"
)

// The update modes of Config.Mode.
const (
	// ModePolling receives updates with getUpdates long polling.
	ModePolling = "polling"
	// ModeWebhook receives updates as HTTPS POSTs from Telegram.
	ModeWebhook = "webhook"
)

// DefaultPollTimeout is the long-poll timeout used when Config.PollTimeout
// is zero.
const DefaultPollTimeout = 30 * time.Second

// Default limits, as Telegram documents them.
const (
	DefaultGlobalPerSecond   = 30
	DefaultPerChatPerSecond  = 1
	DefaultPerGroupPerMinute = 20
)

// Config configures the Telegram adapter. Zero values mean defaults.
type Config struct {
	// Token is the bot token from @BotFather ("123456:ABC…"). It is never
	// logged nor put into returned errors.
	Token string
	// APIEndpoint is the Bot API endpoint in tgbotapi's format,
	// "http://host:port/bot%s/%s" (token, method), for a self-hosted Bot
	// API server or a fake in tests. Empty means tgbotapi.APIEndpoint.
	APIEndpoint string
	// Mode is ModePolling (the default) or ModeWebhook.
	Mode string
	// Webhook configures ModeWebhook.
	Webhook Webhook
	// PollTimeout is the getUpdates long-poll timeout (whole seconds;
	// DefaultPollTimeout when zero).
	PollTimeout time.Duration
	// Limits bound the rate of outgoing messages.
	Limits Limits
	// Logger receives the adapter's logs; nil discards them.
	Logger *slog.Logger
}

// Webhook configures webhook mode.
type Webhook struct {
	// Listen is the address the HTTP server listens on, "host:port".
	Listen string
	// URL is the public HTTPS URL Telegram posts updates to; its path is
	// the path the server answers on.
	URL string
	// SecretToken is sent by Telegram in the X-Telegram-Bot-Api-Secret-Token
	// header of every update (1-256 characters A-Z, a-z, 0-9, _ and -).
	// Empty means a random one chosen at start.
	SecretToken string
}

// Limits bound the rate of messages the adapter sends. A send waits until
// every limit that applies allows it.
type Limits struct {
	// Global is the number of messages per second to all chats together
	// (DefaultGlobalPerSecond when zero).
	Global float64
	// PerChat is the number of messages per second to one chat
	// (DefaultPerChatPerSecond when zero).
	PerChat float64
	// PerGroup is the number of messages per minute to one group or
	// channel (DefaultPerGroupPerMinute when zero).
	PerGroup float64
}

// Option changes a default of the adapter that configuration files do not
// set.
type Option func(*options)

// options holds what Options change.
type options struct {
	client       *http.Client
	retry        RetryPolicy
	drainTimeout time.Duration
	listener     net.Listener
	sends        bot.SendObserver
	server       ServerLimits
}

// defaultOptions returns the options used when none is given.
func defaultOptions() options {
	return options{
		retry:        DefaultRetryPolicy(),
		drainTimeout: drain.DefaultTimeout,
		server:       DefaultServerLimits(),
	}
}

// WithHTTPClient sets the HTTP client whose transport performs Bot API
// requests. Its Timeout should be zero: the adapter bounds every request
// with a context (a long poll lasts PollTimeout). Nil means a client on a
// clone of http.DefaultTransport.
func WithHTTPClient(c *http.Client) Option {
	return func(o *options) { o.client = c }
}

// WithRetryPolicy replaces the retry policy of Bot API calls (see
// DefaultRetryPolicy). Zero fields keep their defaults.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(o *options) { o.retry = p.WithDefaults() }
}

// WithDrainTimeout sets how long Run waits for in-flight updates to be
// handled once its context is done (drain.DefaultTimeout, 10 s, by default).
func WithDrainTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.drainTimeout = d
		}
	}
}

// ServerLimits bound what one client of the webhook server may hold, so
// that clients that trickle a request (no secret is needed to start one),
// keep idle connections or never read the answer cannot pile up: each is
// let go after its timeout, and connections beyond MaxConns wait in the
// kernel's queue instead of each taking a file descriptor and memory.
type ServerLimits struct {
	// ReadHeader, Read, Write and Idle are net/http's timeouts: for the
	// request's header, for the whole request, from the end of the header
	// to the end of the answer (handling the update included), and
	// between two requests on a kept-alive connection.
	ReadHeader, Read, Write, Idle time.Duration
	// MaxHeaderBytes bounds a request's header.
	MaxHeaderBytes int
	// MaxConns bounds the connections open at once.
	MaxConns int
}

// DefaultServerLimits returns the webhook server's limits. Telegram opens
// at most 40 connections by default (setWebhook's max_connections) and
// sends updates of a few kilobytes with small headers; an update is
// answered once handled, which takes seconds at most.
func DefaultServerLimits() ServerLimits {
	return ServerLimits{
		ReadHeader: 5 * time.Second, Read: 30 * time.Second, Write: 90 * time.Second, Idle: 2 * time.Minute,
		MaxHeaderBytes: 16 << 10, MaxConns: 100,
	}
}

// WithServerLimits replaces the webhook server's limits (see
// DefaultServerLimits). Zero fields keep their defaults.
func WithServerLimits(l ServerLimits) Option {
	return func(o *options) {
		d := DefaultServerLimits()
		o.server = ServerLimits{
			ReadHeader: cmp.Or(l.ReadHeader, d.ReadHeader), Read: cmp.Or(l.Read, d.Read),
			Write: cmp.Or(l.Write, d.Write), Idle: cmp.Or(l.Idle, d.Idle),
			MaxHeaderBytes: cmp.Or(l.MaxHeaderBytes, d.MaxHeaderBytes), MaxConns: cmp.Or(l.MaxConns, d.MaxConns),
		}
	}
}

// WithListener makes webhook mode serve on l instead of listening on
// Webhook.Listen (socket activation, tests). Run closes it.
func WithListener(l net.Listener) Option {
	return func(o *options) { o.listener = l }
}

// WithSendObserver makes the adapter report to o every failed try of a
// Bot API call made while replying or sending (posting or editing a
// message, uploading a file, answering a button press), with its kind:
// bot.SendRateLimited for a 429, bot.SendServer for a 5xx, bot.SendNetwork
// when no answer came (a reset, a timeout), bot.SendUndeliverable when the
// chat can never be reached, bot.SendOther for the rest. A call retried
// twice and then sent counts two failures. Tries cut short because the
// caller gave up (shutdown) and edits that change nothing are not
// failures. o must be safe for concurrent use.
func WithSendObserver(o bot.SendObserver) Option {
	return func(opts *options) { opts.sends = o }
}

// validate checks the configuration and returns a normalized copy. Errors
// name the field and never contain the token.
func (c Config) validate() (Config, error) {
	c.Token = strings.TrimSpace(c.Token)
	switch {
	case c.Token == "":
		return c, fmt.Errorf("telegram: Config.Token is empty")
	case !validToken(c.Token):
		return c, fmt.Errorf("telegram: Config.Token is malformed: want digits, a colon and the secret (as @BotFather gives it)")
	}
	c.APIEndpoint = strings.TrimSpace(c.APIEndpoint)
	if c.APIEndpoint == "" {
		c.APIEndpoint = tgbotapi.APIEndpoint
	}
	if err := checkEndpoint(c.APIEndpoint); err != nil {
		return c, fmt.Errorf("telegram: Config.APIEndpoint %q: %w", c.APIEndpoint, err)
	}
	c.Mode = strings.ToLower(strings.TrimSpace(c.Mode))
	switch c.Mode {
	case "":
		c.Mode = ModePolling
	case ModePolling, ModeWebhook:
	default:
		return c, fmt.Errorf("telegram: Config.Mode %q: want %q or %q", c.Mode, ModePolling, ModeWebhook)
	}
	if c.Mode == ModeWebhook {
		w, err := c.Webhook.validate()
		if err != nil {
			return c, err
		}
		c.Webhook = w
	}
	switch {
	case c.PollTimeout < 0:
		return c, fmt.Errorf("telegram: Config.PollTimeout %v is negative", c.PollTimeout)
	case c.PollTimeout == 0:
		c.PollTimeout = DefaultPollTimeout
	case c.PollTimeout < time.Second:
		c.PollTimeout = time.Second
	}
	l, err := c.Limits.validate()
	if err != nil {
		return c, err
	}
	c.Limits = l
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// validate checks webhook settings and fills in a random secret.
func (w Webhook) validate() (Webhook, error) {
	w.Listen = strings.TrimSpace(w.Listen)
	w.URL = strings.TrimSpace(w.URL)
	if w.Listen == "" {
		return w, fmt.Errorf("telegram: Config.Webhook.Listen is empty (webhook mode)")
	}
	if _, _, err := net.SplitHostPort(w.Listen); err != nil {
		return w, fmt.Errorf("telegram: Config.Webhook.Listen %q: %w", w.Listen, err)
	}
	if w.URL == "" {
		return w, fmt.Errorf("telegram: Config.Webhook.URL is empty (webhook mode)")
	}
	if _, err := endpoint.Parse(w.URL); err != nil {
		return w, fmt.Errorf("telegram: Config.Webhook.URL %q: %w", w.URL, err)
	}
	if w.SecretToken == "" {
		var b [24]byte
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
		w.SecretToken = hex.EncodeToString(b[:])
	}
	if !validSecret(w.SecretToken) {
		return w, fmt.Errorf("telegram: Config.Webhook.SecretToken: want 1-256 characters A-Z, a-z, 0-9, _ and -")
	}
	return w, nil
}

// webhookPath returns the path of the webhook URL the server answers on.
func (w Webhook) webhookPath() string {
	u, err := url.Parse(w.URL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// validate checks limits and fills in defaults.
func (l Limits) validate() (Limits, error) {
	for _, f := range []struct {
		name string
		v    *float64
		def  float64
	}{
		{"Global", &l.Global, DefaultGlobalPerSecond},
		{"PerChat", &l.PerChat, DefaultPerChatPerSecond},
		{"PerGroup", &l.PerGroup, DefaultPerGroupPerMinute},
	} {
		switch {
		case *f.v < 0 || math.IsNaN(*f.v):
			return l, fmt.Errorf("telegram: Config.Limits.%s %v: want a positive rate", f.name, *f.v)
		case *f.v == 0:
			*f.v = f.def
		}
	}
	return l, nil
}

// validToken reports whether t looks like a bot token: a numeric bot id, a
// colon and a secret of URL-safe characters (it goes into URL paths).
func validToken(t string) bool {
	id, secret, ok := strings.Cut(t, ":")
	if !ok || id == "" || secret == "" || len(t) > 256 {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	for _, r := range secret {
		if !isTokenChar(r) {
			return false
		}
	}
	return true
}

// isTokenChar reports the characters of token secrets.
func isTokenChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-'
}

// validSecret reports whether s is a valid webhook secret token.
func validSecret(s string) bool {
	if s == "" || len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !isTokenChar(r) {
			return false
		}
	}
	return true
}

// checkEndpoint checks an endpoint in tgbotapi's format: exactly two %s
// verbs and an http(s) URL once they are filled in.
func checkEndpoint(e string) error {
	if strings.Count(e, "%") != 2 || strings.Count(e, "%s") != 2 {
		return fmt.Errorf("want the form http://host/bot%%s/%%s")
	}
	_, err := endpoint.Parse(fmt.Sprintf(e, "1:T", "getMe"))
	return err
}
