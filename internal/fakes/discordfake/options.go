package discordfake

import "time"

// Option configures a Server.
type Option func(*config)

// config holds the settings Options change.
type config struct {
	bot                 User
	applicationID       string
	guilds              []Guild
	users               []User
	heartbeatInterval   time.Duration
	interactionDeadline time.Duration
	retryAfter          time.Duration
	waitTimeout         time.Duration
	allowedPrivileged   int64
	logf                func(format string, args ...any)
}

// defaultConfig is the configuration before Options apply.
func defaultConfig() config {
	return config{
		bot:                 User{ID: DefaultBotID, Username: "interviewbot", Bot: true},
		heartbeatInterval:   41250 * time.Millisecond,
		interactionDeadline: 3 * time.Second,
		retryAfter:          50 * time.Millisecond,
		waitTimeout:         5 * time.Second,
		allowedPrivileged:   IntentsPrivileged,
	}
}

// WithBot sets the bot user (id and username matter). Bot is forced to true.
func WithBot(u User) Option {
	return func(c *config) { u.Bot = true; c.bot = u }
}

// WithApplicationID sets the application id; it defaults to the bot user id.
func WithApplicationID(id string) Option {
	return func(c *config) { c.applicationID = id }
}

// WithGuild adds a guild the bot is a member of. The first WithGuild
// replaces the default fixture guild (see DefaultGuild). The bot is added as
// a member without roles if the fixture does not list it.
func WithGuild(g Guild) Option {
	return func(c *config) { c.guilds = append(c.guilds, g) }
}

// WithUser adds a user who shares no guild with the bot, reachable by DM.
func WithUser(u User) Option {
	return func(c *config) { c.users = append(c.users, u) }
}

// WithHeartbeatInterval sets the heartbeat_interval sent in HELLO. Discord
// uses 41.25 s, the default; tests of heartbeating want a few ms.
func WithHeartbeatInterval(d time.Duration) Option {
	return func(c *config) { c.heartbeatInterval = d }
}

// WithInteractionDeadline sets how long after dispatch an interaction
// callback is accepted; later callbacks get 404 code 10062 "Unknown
// interaction". Discord's deadline, the default, is 3 s.
func WithInteractionDeadline(d time.Duration) Option {
	return func(c *config) { c.interactionDeadline = d }
}

// WithRetryAfter sets the retry_after of scripted 429 answers when the Fault
// does not set one. The default is 50 ms.
func WithRetryAfter(d time.Duration) Option {
	return func(c *config) { c.retryAfter = d }
}

// WithWaitTimeout sets the timeout the Wait helpers apply when their context
// has no deadline. The default is 5 s.
func WithWaitTimeout(d time.Duration) Option {
	return func(c *config) { c.waitTimeout = d }
}

// WithAllowedPrivilegedIntents sets which privileged intents (a subset of
// IntentsPrivileged) the application was granted in the developer portal.
// IDENTIFY asking for others is closed with 4014 "Disallowed intent(s)".
// All are granted by default.
func WithAllowedPrivilegedIntents(mask int64) Option {
	return func(c *config) { c.allowedPrivileged = mask & IntentsPrivileged }
}

// WithLogf makes the server log each request and gateway event through logf,
// typically t.Logf. The function must stay callable until Close returns.
func WithLogf(logf func(format string, args ...any)) Option {
	return func(c *config) { c.logf = logf }
}
