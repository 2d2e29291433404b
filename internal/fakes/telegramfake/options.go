package telegramfake

import "time"

// Option configures a Server.
type Option func(*config)

// config holds the settings options change.
type config struct {
	bot            User
	privacy        bool
	strictHTML     bool
	now            func() time.Time
	pollUnit       time.Duration
	rate           RateLimit
	callbackTTL    time.Duration
	webhookRetry   time.Duration
	webhookTimeout time.Duration
}

// defaultConfig returns the settings used when no option changes them.
func defaultConfig() config {
	return config{
		bot:            User{IsBot: true, FirstName: "Test Bot", Username: "test_bot"},
		now:            time.Now,
		pollUnit:       time.Second,
		callbackTTL:    15 * time.Second,
		webhookRetry:   100 * time.Millisecond,
		webhookTimeout: 10 * time.Second,
	}
}

// WithBotUsername sets the bot's username (without @) and first name as
// getMe reports them. The bot id always comes from the token prefix.
func WithBotUsername(username, firstName string) Option {
	return func(c *config) {
		c.bot.Username = username
		if firstName != "" {
			c.bot.FirstName = firstName
		}
	}
}

// WithPrivacyMode turns group privacy mode on or off (off by default; real
// bots have it on unless changed with @BotFather). With privacy on, in
// groups where the bot is not an administrator the fake delivers only
// commands (without @ or with this bot's @username), replies to the bot's
// messages and messages that mention the bot.
func WithPrivacyMode(on bool) Option {
	return func(c *config) { c.privacy = on }
}

// WithStrictHTML makes the HTML parser also reject a bare "&" that does not
// start one of the supported character references. Real Telegram keeps
// such an ampersand literally; strict mode catches text the bot forgot to
// escape.
func WithStrictHTML() Option {
	return func(c *config) { c.strictHTML = true }
}

// WithClock sets the clock used for message dates, the rate limiter and
// callback query expiry. Long-poll and webhook waits always use real time.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithLongPollUnit sets how long one second of getUpdates' timeout lasts,
// so tests can long-poll with realistic timeouts without waiting for them.
// The default is time.Second.
func WithLongPollUnit(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.pollUnit = d
		}
	}
}

// WithRateLimit turns on automatic flood control (see RateLimit).
func WithRateLimit(rl RateLimit) Option {
	return func(c *config) { c.rate = rl }
}

// WithCallbackQueryTTL sets how long a callback query may be answered
// (15 s by default).
func WithCallbackQueryTTL(d time.Duration) Option {
	return func(c *config) { c.callbackTTL = d }
}

// WithWebhookRetry sets the pause before the fake retries a webhook
// delivery that failed (100 ms by default).
func WithWebhookRetry(d time.Duration) Option {
	return func(c *config) { c.webhookRetry = d }
}
