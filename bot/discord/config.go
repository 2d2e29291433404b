package discord

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/drain"
	"github.com/interviewbot/interviewbot/bot/internal/endpoint"
)

// Config configures the Discord adapter.
type Config struct {
	// Token is the bot token from the developer portal, without the "Bot "
	// prefix (a prefixed token is accepted too).
	Token string
	// APIURL replaces https://discord.com for REST calls and gateway
	// discovery: a REST proxy, or a fake Discord in tests. Empty means
	// Discord itself.
	APIURL string
	// Guilds lists the guild IDs to register the slash commands in. Guild
	// commands appear at once; with no guilds the commands are registered
	// globally, which also makes them usable in DMs.
	Guilds []string
	// MessageContent requests the privileged MESSAGE_CONTENT intent, so that
	// plain messages in guild channels are read as answers. It must be
	// enabled for the application in the developer portal.
	MessageContent bool
	// Logger receives the adapter's logs; nil discards them.
	Logger *slog.Logger
}

// Option changes a default of the adapter.
type Option func(*options)

// options holds what Options change.
type options struct {
	deferAfter   time.Duration
	drainTimeout time.Duration
	retry        RetryPolicy
	transport    http.RoundTripper
	httpTimeout  time.Duration
	observer     bot.SendObserver
	// reconnectBackoff is the first wait before connecting again to a
	// gateway that could not be reached.
	reconnectBackoff time.Duration
}

func defaultOptions() options {
	return options{
		deferAfter:       2 * time.Second,
		drainTimeout:     drain.DefaultTimeout,
		retry:            DefaultRetryPolicy(),
		httpTimeout:      20 * time.Second,
		observer:         noSendObserver{},
		reconnectBackoff: time.Second,
	}
}

// WithReconnectBackoff sets the first wait before connecting again to a
// gateway that could not be reached (at start-up or after a disconnect);
// it doubles after each failure up to two minutes. The default is 1 s.
func WithReconnectBackoff(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.reconnectBackoff = d
		}
	}
}

// WithDeferAfter sets how long an interaction waits for the core's replies
// before it is acknowledged with a deferred response. Discord drops
// interactions not answered within 3 s; the default is 2 s.
func WithDeferAfter(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.deferAfter = d
		}
	}
}

// WithDrainTimeout sets how long Run waits for in-flight replies once its
// context is done (drain.DefaultTimeout, 10 s, by default).
func WithDrainTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.drainTimeout = d
		}
	}
}

// WithRetryPolicy replaces the retry policy of REST calls (see
// DefaultRetryPolicy). Zero fields keep their defaults.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(o *options) { o.retry = p.WithDefaults() }
}

// WithHTTPTransport sets the http.RoundTripper that performs REST requests
// after the APIURL rewrite; nil means http.DefaultTransport.
func WithHTTPTransport(rt http.RoundTripper) Option {
	return func(o *options) { o.transport = rt }
}

// WithSendObserver sets the observer told of every failed REST call, one
// report per failed try (a request retried twice and then sent makes two),
// with the kind of failure: bot.SendRateLimited, bot.SendServer,
// bot.SendNetwork (no answer, or none before the context's deadline),
// bot.SendUndeliverable or bot.SendOther. This covers interaction replies
// and Send alike, and the adapter's other calls (DMs, threads, command
// registration). A try abandoned because its context was cancelled is not
// reported. nil reports nothing, the default.
func WithSendObserver(so bot.SendObserver) Option {
	return func(o *options) {
		if so == nil {
			so = noSendObserver{}
		}
		o.observer = so
	}
}

// noSendObserver counts nothing.
type noSendObserver struct{}

func (noSendObserver) SendFailed(bot.Platform, string) {}

// validate checks the configuration and returns a normalized copy.
func (c Config) validate() (Config, error) {
	c.Token = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c.Token), "Bot "))
	switch {
	case c.Token == "":
		return c, fmt.Errorf("discord: Config.Token is empty")
	case strings.IndexFunc(c.Token, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0:
		return c, fmt.Errorf("discord: Config.Token contains spaces or control characters")
	}
	if c.APIURL != "" {
		u, err := endpoint.Parse(c.APIURL)
		switch {
		case err != nil:
			return c, fmt.Errorf("discord: Config.APIURL %q: %w", c.APIURL, err)
		case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
			return c, fmt.Errorf("discord: Config.APIURL %q: want a base URL without user, query or fragment", c.APIURL)
		}
		c.APIURL = strings.TrimRight(c.APIURL, "/")
	}
	seen := make(map[string]bool, len(c.Guilds))
	guilds := make([]string, 0, len(c.Guilds))
	for i, g := range c.Guilds {
		g = strings.TrimSpace(g)
		if !isSnowflake(g) {
			return c, fmt.Errorf("discord: Config.Guilds[%d] %q: want a numeric guild ID", i, g)
		}
		if !seen[g] {
			seen[g] = true
			guilds = append(guilds, g)
		}
	}
	c.Guilds = guilds
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// isSnowflake reports whether s looks like a Discord ID: a decimal
// 64-bit unsigned number.
func isSnowflake(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil && len(s) <= 20
}
