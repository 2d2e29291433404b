// Package telegram connects the core to Telegram through the Bot API, with
// github.com/go-telegram-bot-api/telegram-bot-api/v5.
//
// The adapter receives updates by long polling (its own loop over
// getUpdates that acknowledges an update only once it has been handled)
// or by webhook, turns them into bot.Events, and sends the core's replies
// rendered in HTML parse mode, split below Telegram's length limit, within
// Telegram's rate limits and with bounded retries. The token never appears
// in its logs or errors.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/option"
	"github.com/interviewbot/interviewbot/bot/internal/redact"
	"github.com/interviewbot/interviewbot/bot/internal/retry"
)

var (
	_ bot.Adapter = (*Adapter)(nil)
	_ bot.Capable = (*Adapter)(nil)
)

// Adapter is the Telegram adapter. Create it with New; Send may be used
// before and while Run runs.
type Adapter struct {
	cfg    Config
	opts   options
	log    *slog.Logger
	redact redact.Redactor
	client *http.Client
	base   *tgbotapi.BotAPI
	limits *limiter
	admins *adminCache

	running atomic.Bool
	self    atomic.Pointer[tgbotapi.User]
}

// New returns an adapter for the configuration. It checks the
// configuration but does not contact Telegram: Run does.
func New(cfg Config, opts ...Option) (*Adapter, error) {
	cfg, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	o := option.Build(defaultOptions(), opts)
	client := o.client
	if client == nil {
		tr, ok := http.DefaultTransport.(*http.Transport)
		if !ok {
			return nil, errors.New("telegram: http.DefaultTransport is not an *http.Transport; use WithHTTPClient")
		}
		client = &http.Client{Transport: tr.Clone()}
	}
	red := newRedactor(cfg.Token, cfg.Webhook.SecretToken)
	base := &tgbotapi.BotAPI{Token: cfg.Token, Buffer: 100}
	base.SetAPIEndpoint(cfg.APIEndpoint)
	return &Adapter{
		cfg:    cfg,
		opts:   o,
		log:    slog.New(redact.NewHandler(cfg.Logger.Handler(), red)),
		redact: red,
		client: client,
		base:   base,
		limits: newLimiter(cfg.Limits),
		admins: newAdminCache(),
	}, nil
}

// Platform returns bot.Telegram.
func (a *Adapter) Platform() bot.Platform { return bot.Telegram }

// Capabilities declares what Telegram can do: the bot may write privately
// only to people who have started a private chat with it; in a group, a
// reply to the bot's message reaches it (privacy mode included); messages
// carry buttons, spoilers and pictures and can be edited; there are no
// forms, no ephemeral replies and no threads.
func (a *Adapter) Capabilities() bot.Capabilities {
	return bot.Capabilities{
		PrivateReach: bot.ReachOnceStarted, GroupReplies: true,
		Buttons: true, Spoilers: true, Attachments: true, Edits: true,
	}
}

// Run connects to Telegram (getMe), registers the command menu in English
// and Chinese, and hands updates to r until ctx is done. Then it stops
// receiving, waits a few seconds at most for the updates being handled
// (their replies still go out) and returns nil. It returns an error when
// the bot cannot start: a rejected token, a webhook that cannot be set.
func (a *Adapter) Run(ctx context.Context, r bot.Replier) error {
	if r == nil {
		return errors.New("telegram: run: nil Replier")
	}
	if !a.running.CompareAndSwap(false, true) {
		return errors.New("telegram: run: already running")
	}
	defer a.running.Store(false)

	me, err := a.getMe(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return a.redact.Error(err)
	}
	a.self.Store(&me)
	a.log.Info("telegram bot connected", "username", me.UserName, "id", me.ID, "mode", a.cfg.Mode)
	a.registerCommands(ctx)

	// Handling and replies use their own context, so that updates being
	// handled when ctx ends still get their replies during the drain.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	if a.cfg.Mode == ModeWebhook {
		err = a.runWebhook(ctx, work, cancelWork, r)
	} else {
		err = a.runPolling(ctx, work, cancelWork, r)
	}
	return a.redact.Error(err)
}

// getMe fetches the bot's own user. Transient failures (network, 5xx, 429)
// are retried until ctx is done; a rejected token is returned at once.
func (a *Adapter) getMe(ctx context.Context) (tgbotapi.User, error) {
	for attempt := 1; ; attempt++ {
		var me tgbotapi.User
		_, err := a.do(ctx, callSpec{method: "getMe"}, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
			u, err := api.GetMe()
			me = u
			return nil, err
		})
		if err == nil {
			return me, nil
		}
		if ctx.Err() != nil {
			return me, fmt.Errorf("telegram: getMe: %w", ctx.Err())
		}
		if ae := asAPIError(err); ae != nil && !ae.retryable() {
			return me, fmt.Errorf("telegram: getMe (check the token and the API endpoint): %w", err)
		}
		wait := a.opts.retry.Backoff(attempt + 3)
		a.log.Warn("telegram getMe failed, retrying", "err", a.redact.Error(err), "retry_in", wait)
		if err := retry.Sleep(ctx, wait); err != nil {
			return me, fmt.Errorf("telegram: getMe: %w", err)
		}
	}
}

// username returns the bot's username once Run has connected.
func (a *Adapter) username() string {
	if me := a.self.Load(); me != nil {
		return me.UserName
	}
	return ""
}
