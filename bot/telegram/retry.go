package telegram

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
)

// RetryPolicy bounds the retries of a Bot API call. Network errors and 5xx
// answers are retried after an exponential backoff with jitter; 429 answers
// after their retry_after. A call gives up after MaxTries attempts or when
// the next wait would end after MaxElapsed.
type RetryPolicy struct {
	// MaxTries is the number of attempts, the first included (5).
	MaxTries int
	// BaseDelay is the backoff before the second attempt (500 ms); it
	// doubles with each attempt.
	BaseDelay time.Duration
	// MaxDelay caps one backoff (8 s).
	MaxDelay time.Duration
	// MaxElapsed caps the time a call spends, waits included (30 s).
	MaxElapsed time.Duration
	// AttemptTimeout bounds one request (30 s).
	AttemptTimeout time.Duration
}

// DefaultRetryPolicy returns the policy used unless WithRetryPolicy
// changes it.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxTries:       5,
		BaseDelay:      500 * time.Millisecond,
		MaxDelay:       8 * time.Second,
		MaxElapsed:     30 * time.Second,
		AttemptTimeout: 30 * time.Second,
	}
}

// withDefaults fills zero fields from DefaultRetryPolicy.
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxTries <= 0 {
		p.MaxTries = d.MaxTries
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.MaxElapsed <= 0 {
		p.MaxElapsed = d.MaxElapsed
	}
	if p.AttemptTimeout <= 0 {
		p.AttemptTimeout = d.AttemptTimeout
	}
	return p
}

// backoff returns the wait before attempt n+1 (n ≥ 1): BaseDelay doubled
// n-1 times, capped at MaxDelay, with the upper half jittered.
func (p RetryPolicy) backoff(n int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(half+1)
}

// APIError is an error answer of the Bot API (or an HTTP error of a proxy
// in front of it). Permanent failures to reach a chat (the bot blocked or
// removed, the chat gone) unwrap to bot.ErrUndeliverable.
type APIError struct {
	// Method is the Bot API method called.
	Method string
	// Code is the error_code (the HTTP status).
	Code int
	// Description is Telegram's description, like "Forbidden: bot was
	// blocked by the user".
	Description string
	// RetryAfter is how long Telegram asks to wait after a 429.
	RetryAfter time.Duration
}

// Error describes the failure.
func (e *APIError) Error() string {
	if e.Method == "" {
		return fmt.Sprintf("telegram: %d %s", e.Code, e.Description)
	}
	return fmt.Sprintf("telegram: %s: %d %s", e.Method, e.Code, e.Description)
}

// Unwrap returns bot.ErrUndeliverable for permanent failures.
func (e *APIError) Unwrap() error {
	if e.undeliverable() {
		return bot.ErrUndeliverable
	}
	return nil
}

// undeliverablePhrases are descriptions of 400 answers that mean the chat
// can never be reached.
var undeliverablePhrases = []string{
	"chat not found", "user is deactivated", "peer_id_invalid", "bot was blocked",
	"bot was kicked", "bot is not a member", "have no rights to send", "not enough rights to send",
	"chat_write_forbidden", "group chat was upgraded", "chat is deactivated", "user_is_blocked",
	"need administrator rights in the channel",
}

// undeliverable reports a permanent failure to reach the chat.
func (e *APIError) undeliverable() bool {
	switch e.Code {
	case 403:
		return true
	case 400:
		d := strings.ToLower(e.Description)
		for _, p := range undeliverablePhrases {
			if strings.Contains(d, p) {
				return true
			}
		}
	}
	return false
}

// retryable reports whether the same request may succeed later.
func (e *APIError) retryable() bool {
	return e.Code == 429 || e.Code >= 500
}

// hasDescription reports whether the description contains s, ignoring case.
func (e *APIError) hasDescription(s string) bool {
	return strings.Contains(strings.ToLower(e.Description), strings.ToLower(s))
}

// asAPIError returns the *APIError in err's chain, or nil.
func asAPIError(err error) *APIError {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae
	}
	return nil
}

// apiError converts what tgbotapi returns into an *APIError when Telegram
// answered with an error; other errors (network, decoding) are returned as
// they are. tgbotapi leaves Error.Code unset for multipart uploads: the
// code is then taken from the response.
func apiError(method string, resp *tgbotapi.APIResponse, err error) error {
	if err == nil {
		return nil
	}
	if ae := asAPIError(err); ae != nil {
		c := *ae
		c.Method = method
		return &c
	}
	var te *tgbotapi.Error
	if !errors.As(err, &te) {
		return err
	}
	code := te.Code
	if code == 0 && resp != nil {
		code = resp.ErrorCode
	}
	return &APIError{
		Method: method, Code: code, Description: te.Message,
		RetryAfter: time.Duration(te.RetryAfter) * time.Second,
	}
}

// callSpec describes one Bot API call for do.
type callSpec struct {
	method string
	// chatID and group select the rate limiters when limited is set.
	chatID  int64
	group   bool
	limited bool
	// observed reports the call's failed tries to the SendObserver: the
	// calls made while replying or sending.
	observed bool
	// tries overrides the policy's MaxTries when positive.
	tries int
}

// do performs a Bot API call with the rate limits and the retry policy.
// fn makes one attempt with a client bound to the attempt's context. The
// error is an *APIError for error answers; it is not redacted yet.
func (a *Adapter) do(ctx context.Context, spec callSpec, fn func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error)) (*tgbotapi.APIResponse, error) {
	p := a.opts.retry
	tries := p.MaxTries
	if spec.tries > 0 {
		tries = spec.tries
	}
	start := time.Now()
	for attempt := 1; ; attempt++ {
		if spec.limited {
			if err := a.limits.wait(ctx, spec.chatID, spec.group); err != nil {
				return nil, fmt.Errorf("telegram: %s: waiting for the rate limit: %w", spec.method, err)
			}
		}
		actx, cancel := context.WithTimeout(ctx, p.AttemptTimeout)
		api, client := a.apiClient(actx)
		resp, err := fn(api)
		cancel()
		err = apiError(spec.method, resp, err)
		if ae := asAPIError(err); ae != nil && ae.Code == 0 && client.status >= 300 {
			// A proxy's JSON error without error_code: its HTTP status
			// decides whether to retry.
			ae.Code = client.status
		}
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("telegram: %s: %w", spec.method, errors.Join(ctx.Err(), err))
		}
		if spec.observed {
			a.observeFailure(err)
		}
		wait, retry := a.retryWait(err, attempt)
		if !retry || attempt >= tries {
			return nil, wrapCall(spec.method, err)
		}
		if time.Since(start)+wait > p.MaxElapsed {
			return nil, wrapCall(spec.method, err)
		}
		a.log.Debug("telegram call failed, retrying", "method", spec.method, "attempt", attempt, "wait", wait, "err", err)
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("telegram: %s: %w", spec.method, err)
		}
	}
}

// retryWait tells whether a failed attempt is retried and after how long.
func (a *Adapter) retryWait(err error, attempt int) (time.Duration, bool) {
	ae := asAPIError(err)
	switch {
	case ae == nil:
		return a.opts.retry.backoff(attempt), true // network or decoding error
	case ae.Code == 429:
		wait := ae.RetryAfter
		if wait <= 0 {
			wait = a.opts.retry.backoff(attempt)
		}
		return wait, true
	case ae.retryable():
		return a.opts.retry.backoff(attempt), true
	}
	return 0, false
}

// observeFailure reports a failed try to the SendObserver, if any. An edit
// that changes nothing is not a failure: editText treats it as done.
func (a *Adapter) observeFailure(err error) {
	o := a.opts.sends
	if o == nil {
		return
	}
	ae := asAPIError(err)
	if ae != nil && ae.Code == 400 && ae.hasDescription("message is not modified") {
		return
	}
	o.SendFailed(bot.Telegram, sendKind(err))
}

// sendKind classifies a failed try for the SendObserver.
func sendKind(err error) string {
	ae := asAPIError(err)
	var ne net.Error
	switch {
	case ae == nil && errors.As(err, &ne):
		return bot.SendNetwork // a reset, a refused connection, a timeout
	case ae == nil:
		return bot.SendOther // an answer that is not the Bot API's JSON
	case ae.Code == 429:
		return bot.SendRateLimited
	case ae.Code >= 500:
		return bot.SendServer
	case ae.undeliverable():
		return bot.SendUndeliverable
	}
	return bot.SendOther
}

// wrapCall adds the method to an error that does not name it yet.
func wrapCall(method string, err error) error {
	if asAPIError(err) != nil {
		return err
	}
	return fmt.Errorf("telegram: %s: %w", method, err)
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
