// Package discord connects the core to Discord with
// github.com/bwmarrin/discordgo: slash commands, buttons, an answer form
// (a modal), ephemeral replies in guilds, DMs, and plain channel messages
// when the MESSAGE_CONTENT intent is granted. A group round's question
// gets a thread, whose messages answer the round.
//
// Replies are rendered as Discord markdown with user text escaped and split
// below 2000 characters. REST calls retry rate limits, server and network
// errors within a RetryPolicy; failures that can never succeed wrap
// bot.ErrUndeliverable. The bot token never appears in logs or errors.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/drain"
	"github.com/interviewbot/interviewbot/bot/internal/option"
	"github.com/interviewbot/interviewbot/bot/internal/redact"
	"github.com/interviewbot/interviewbot/bot/internal/retry"
)

// Adapter is the Discord adapter. It implements bot.Adapter.
type Adapter struct {
	cfg      Config
	opts     options
	log      *slog.Logger
	s        *discordgo.Session
	red      redact.Redactor
	argOrder map[string][]string

	mu       sync.Mutex
	running  bool
	closing  bool
	replier  bot.Replier
	work     context.Context
	inflight sync.WaitGroup
	dms      map[string]string // user ID → DM channel ID

	threads *threadParents // round threads and their channels
	gw      *gatewayState  // the resume URL, the op 9 wait
}

var (
	_ bot.Adapter = (*Adapter)(nil)
	_ bot.Capable = (*Adapter)(nil)
)

// New returns an adapter for cfg. It checks the configuration and prepares
// the session; nothing connects before Run or Send.
func New(cfg Config, opts ...Option) (*Adapter, error) {
	cfg, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	o := option.Build(defaultOptions(), opts)
	log := cfg.Logger.With("platform", string(bot.Discord))
	gw := newGatewayState(log)
	client, err := newHTTPClient(cfg.APIURL, o.transport, o)
	if err != nil {
		return nil, fmt.Errorf("discord: Config.APIURL: %w", err)
	}
	client.Transport = discoveryTransport{g: gw, next: client.Transport}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: new session: %w", redactError(newRedactor(cfg.Token), err))
	}
	s.Client = client
	s.Dialer = gw.dialer()
	// discordgo retries 429s without limit and 502s at once; the adapter
	// retries both itself, bounded (see RetryPolicy).
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 0
	// Errors only: discordgo's informational and debug logs are noise, and
	// its debug output prints request headers, the token among them.
	s.LogLevel = discordgo.LogError
	s.Debug = false
	s.SyncEvents = false
	// The adapter reconnects itself (see keepConnected). discordgo reads
	// this flag from its connection goroutines without a lock: it is set
	// here, before any of them runs, and never changed.
	s.ShouldReconnectOnError = false
	s.StateEnabled = true
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if cfg.MessageContent {
		s.Identify.Intents |= discordgo.IntentsMessageContent
	}
	return &Adapter{
		cfg:      cfg,
		opts:     o,
		log:      log,
		s:        s,
		red:      newRedactor(cfg.Token),
		argOrder: argOrders(bot.Commands()),
		dms:      map[string]string{},
		threads:  newThreadParents(maxThreadParents),
		gw:       gw,
	}, nil
}

// Platform returns bot.Discord.
func (a *Adapter) Platform() bot.Platform { return bot.Discord }

// Capabilities declares what Discord can do: the bot may write to any
// member by DM unless they refuse DMs (the send then fails, and a reply to
// an interaction is ephemeral anyway); buttons open forms; a reply to the
// bot's message in a guild reaches it only with the message content intent;
// messages carry buttons, spoilers and pictures and can be edited; replies
// to interactions can be ephemeral; a round can run in a thread.
func (a *Adapter) Capabilities() bot.Capabilities {
	return bot.Capabilities{
		PrivateReach: bot.ReachUnlessRefused, Forms: true, GroupReplies: a.cfg.MessageContent,
		Buttons: true, Spoilers: true, Attachments: true, Edits: true, Ephemeral: true, Threads: true,
	}
}

// Run connects to the gateway, registers the slash commands and hands
// events to r until ctx is done. It then waits for in-flight replies (at
// most the shutdown timeout), closes the connection and returns nil. A
// gateway it cannot reach is tried again with backoff; it fails when the
// gateway closes for good (a rejected token, intents not granted), or if
// the adapter is running already.
func (a *Adapter) Run(ctx context.Context, r bot.Replier) error {
	if r == nil {
		return errors.New("discord: Run: nil Replier")
	}
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	a.mu.Lock()
	if a.running {
		a.mu.Unlock()
		return errors.New("discord: Run: already running")
	}
	a.running, a.closing, a.replier, a.work = true, false, r, work
	a.mu.Unlock()
	defer func() {
		a.mu.Lock()
		a.running, a.replier, a.work = false, nil, nil
		a.mu.Unlock()
	}()

	disconnected := make(chan struct{}, 1)
	defer a.addHandlers(work, disconnected)()
	if err := a.openGateway(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	registered := make(chan struct{})
	go func() {
		defer close(registered)
		a.registerCommands(work)
	}()
	connected, stopReconnecting := context.WithCancel(work)
	defer stopReconnecting()
	reconnecting := make(chan struct{})
	fatal := make(chan error, 1)
	go func() {
		defer close(reconnecting)
		if err := a.keepConnected(connected, disconnected); err != nil {
			fatal <- err
		}
	}()

	var runErr error
	select {
	case <-ctx.Done():
		a.log.InfoContext(work, "shutting down")
	case runErr = <-fatal:
		a.log.ErrorContext(work, "gateway closed for good, stopping", "err", runErr)
	}
	a.mu.Lock()
	a.closing = true
	a.mu.Unlock()
	if !drain.Wait(&a.inflight, a.opts.drainTimeout) {
		a.log.WarnContext(work, "shutdown: replies still in flight, cancelling them")
		cancelWork()
		drain.Wait(&a.inflight, drain.Grace)
	}
	cancelWork()
	<-registered
	// No reconnect may start once the connection is closed.
	stopReconnecting()
	<-reconnecting
	if err := a.s.Close(); err != nil {
		a.log.WarnContext(work, "close gateway", "err", redactError(a.red, err))
	}
	return runErr
}

// addHandlers registers the session's event handlers and returns the
// function that removes them. disconnected is signalled (without blocking)
// at each Disconnect.
func (a *Adapter) addHandlers(ctx context.Context, disconnected chan<- struct{}) (remove func()) {
	removers := []func(){
		a.s.AddHandler(a.onInteraction),
		a.s.AddHandler(a.onMessage),
		a.s.AddHandler(func(_ *discordgo.Session, ev *discordgo.Ready) {
			a.log.InfoContext(ctx, "gateway ready", "guilds", len(ev.Guilds))
		}),
		a.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
			a.log.InfoContext(ctx, "gateway resumed")
		}),
		a.s.AddHandler(func(_ *discordgo.Session, e *discordgo.Event) {
			if e.Type == "READY" {
				a.gw.ready(e.RawData)
			}
		}),
		a.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			a.log.DebugContext(ctx, "gateway disconnected")
			select {
			case disconnected <- struct{}{}:
			default: // a reconnect is due already
			}
		}),
	}
	return func() {
		for _, rm := range removers {
			rm()
		}
	}
}

// keepConnected reopens the gateway connection each time discordgo reports
// it lost (Disconnect), resuming the session (at its resume URL), until ctx
// is done. Failed attempts are retried after a backoff from the first wait
// doubling up to maxReconnectBackoff; a close reconnecting cannot fix (a
// revoked token) is returned. A Disconnect that comes when the connection
// is open again (discordgo reports one for each of its goroutines that saw
// the connection fail) finds it open and does nothing.
//
// discordgo's own reconnect is off: its connection goroutines read
// ShouldReconnectOnError without a lock, so Run could not turn it off
// before the final Close without a data race, and a heartbeat goroutine
// that saw the connection fail late reconnected after Run had returned.
func (a *Adapter) keepConnected(ctx context.Context, disconnected <-chan struct{}) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-disconnected:
		}
		wait := a.opts.reconnectBackoff
		for {
			err := a.reopen()
			if err == nil {
				a.log.InfoContext(ctx, "gateway reconnected")
				break
			}
			if errors.Is(err, discordgo.ErrWSAlreadyOpen) {
				break
			}
			if fatal := fatalGateway(err); fatal != nil {
				return fatal
			}
			a.log.WarnContext(ctx, "gateway reconnect failed", "err", redactError(a.red, err), "retry_in", wait)
			if retry.Sleep(ctx, wait) != nil {
				return nil
			}
			wait = min(2*wait, maxReconnectBackoff)
		}
	}
}

// maxReconnectBackoff caps the wait between failed reconnects.
const maxReconnectBackoff = 2 * time.Minute

// begin registers an event being handled and returns the context and
// replier to handle it with; false once Run is shutting down.
func (a *Adapter) begin() (context.Context, bot.Replier, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.running || a.closing || a.replier == nil {
		return nil, nil, false
	}
	a.inflight.Add(1)
	return a.work, a.replier, true
}

// end marks an event handled.
func (a *Adapter) end() { a.inflight.Done() }
