package telegram

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/retry"
)

// RetryPolicy bounds the retries of a Bot API call: see retry.Policy.
// Network errors and 5xx answers are retried after an exponential backoff
// with jitter; 429 answers after their retry_after.
type RetryPolicy = retry.Policy

// DefaultRetryPolicy returns the policy used unless WithRetryPolicy
// changes it: 5 tries, backing off from 500 ms to 8 s, within 30 s, each
// try bounded to 30 s.
func DefaultRetryPolicy() RetryPolicy { return retry.DefaultPolicy() }

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
	if spec.tries > 0 {
		p.MaxTries = spec.tries
	}
	budget := p.Start()
	for {
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
		wait, ok := retryWait(budget, err)
		if !ok {
			return nil, wrapCall(spec.method, err)
		}
		a.log.Debug("telegram call failed, retrying", "method", spec.method, "attempt", budget.Tries(), "wait", wait, "err", err)
		if err := retry.Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("telegram: %s: %w", spec.method, err)
		}
	}
}

// retryWait counts a failed try against the budget and tells whether it
// is retried and after how long: network errors, 5xx and 429 answers are.
func retryWait(b *retry.Budget, err error) (time.Duration, bool) {
	ae := asAPIError(err)
	switch {
	case ae == nil: // network or decoding error
		return b.Failed(false, 0)
	case ae.Code == 429:
		return b.Failed(true, ae.RetryAfter)
	case ae.retryable():
		return b.Failed(false, 0)
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
