package discord

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/retry"
)

// ErrRateLimited marks a request that Discord still rate limited after the
// tries the RetryPolicy allows.
var ErrRateLimited = errors.New("discord: rate limited")

// rateLimitedError is a request Discord still rate limited after the tries
// the RetryPolicy allows; it is ErrRateLimited, and says when to try again.
type rateLimitedError struct {
	op         string
	tries      int
	retryAfter time.Duration
}

func (e *rateLimitedError) Error() string {
	return fmt.Sprintf("discord: %s: %v after %d tries (retry after %s)", e.op, ErrRateLimited, e.tries, e.retryAfter)
}

func (e *rateLimitedError) Unwrap() error { return ErrRateLimited }

// retryLater reports whether a failed request may succeed later (rate
// limited past the budget, 5xx answers, network errors) and after how long
// to try again.
func retryLater(err error) (time.Duration, bool) {
	var rl *rateLimitedError
	switch {
	case err == nil:
		return 0, false
	case errors.As(err, &rl):
		return rl.retryAfter, true
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return 0, false
	case transient(err):
		return 30 * time.Second, true
	}
	return 0, false
}

// APIError is an error answer of Discord's REST API.
type APIError struct {
	// Status is the HTTP status code.
	Status int
	// Code is Discord's JSON error code (50013 Missing Permissions...), or
	// 0 when the body had none.
	Code int
	// Message is Discord's error message, or the start of the body.
	Message string
}

// Error describes the answer.
func (e *APIError) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("discord api: HTTP %d, code %d: %s", e.Status, e.Code, e.Message)
	}
	return fmt.Sprintf("discord api: HTTP %d: %s", e.Status, e.Message)
}

// Unwrap returns bot.ErrUndeliverable for answers that mean a message can
// never be delivered there: missing access or permissions, an unknown
// channel, guild or user, or a user who does not accept the bot's DMs.
func (e *APIError) Unwrap() error {
	if e.permanent() {
		return bot.ErrUndeliverable
	}
	return nil
}

// Discord's JSON error codes the adapter looks at.
const (
	codeUnknownChannel     = 10003
	codeUnknownGuild       = 10004
	codeUnknownMessage     = 10008
	codeUnknownUser        = 10013
	codeUnknownWebhook     = 10015
	codeUnknownInteraction = 10062
	codeInteractionAcked   = 40060
	codeMissingAccess      = 50001
	codeCannotMessageUser  = 50007
	codeMissingPermissions = 50013
	// codeThreadExists: a thread has already been created for the message.
	codeThreadExists = 160004
)

func (e *APIError) permanent() bool {
	switch e.Code {
	case codeMissingAccess, codeMissingPermissions, codeCannotMessageUser,
		codeUnknownChannel, codeUnknownGuild, codeUnknownUser:
		return true
	}
	return e.Status == http.StatusForbidden
}

// apiErrorOf converts a discordgo REST error into an *APIError, or returns
// nil.
func apiErrorOf(err error) *APIError {
	var ae *APIError
	if errors.As(err, &ae) {
		cp := *ae
		return &cp
	}
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return nil
	}
	out := &APIError{Status: re.Response.StatusCode}
	if re.Message != nil && (re.Message.Code != 0 || re.Message.Message != "") {
		out.Code, out.Message = re.Message.Code, re.Message.Message
	} else {
		out.Message = truncate(strings.TrimSpace(string(re.ResponseBody)), 200)
	}
	return out
}

// hasCode reports whether err is a Discord error answer with code.
func hasCode(err error, code int) bool {
	ae := apiErrorOf(err)
	return ae != nil && ae.Code == code
}

// RetryPolicy bounds the retries of REST calls: see retry.Policy.
// discordgo's own retry on rate limits has no limit and is turned off; the
// adapter retries instead: rate limits after their retry_after, 5xx
// answers and network errors after an exponential backoff with jitter.
type RetryPolicy = retry.Policy

// DefaultRetryPolicy returns the policy the adapter uses unless
// WithRetryPolicy replaces it: 5 tries, backing off from 500 ms to 8 s,
// within 30 s, each try bounded to 30 s.
func DefaultRetryPolicy() RetryPolicy { return retry.DefaultPolicy() }

// do runs a REST call, retrying rate limits, 5xx answers and network errors
// as the policy allows. Each failed try is reported to the SendObserver.
// The error it returns names op, holds no secret and wraps
// bot.ErrUndeliverable for permanent failures.
func (a *Adapter) do(ctx context.Context, op string, call func(opts ...discordgo.RequestOption) error) error {
	p := a.opts.retry
	budget := p.Start()
	for {
		actx, cancel := context.WithTimeout(ctx, p.AttemptTimeout)
		err := call(discordgo.WithContext(actx))
		cancel()
		if err == nil {
			return nil
		}
		kind := failureKind(err)
		if ctx.Err() != nil {
			// A try the adapter gave up on is no failure of Discord's;
			// one that outlived its deadline got no answer in time.
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				a.opts.observer.SendFailed(bot.Discord, bot.SendNetwork)
			}
			return fmt.Errorf("discord: %s: %w", op, ctx.Err())
		}
		a.opts.observer.SendFailed(bot.Discord, kind)
		wait, err := a.retryWait(ctx, op, budget, kind, err)
		if err != nil {
			return err
		}
		if err := retry.Sleep(ctx, wait); err != nil {
			return fmt.Errorf("discord: %s: %w", op, err)
		}
	}
}

// retryWait counts a failed try of kind against the budget and returns how
// long to wait before the next, or the error to give up with: a
// *rateLimitedError, or err redacted and naming op.
func (a *Adapter) retryWait(ctx context.Context, op string, budget *retry.Budget, kind string, err error) (time.Duration, error) {
	switch kind {
	case bot.SendRateLimited:
		var after time.Duration
		var rl *discordgo.RateLimitError
		if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
			after = max(rl.RetryAfter, 0)
		}
		wait, ok := budget.Failed(true, after)
		if !ok {
			a.log.WarnContext(ctx, "rate limited, giving up", "op", op, "tries", budget.RateLimited(), "retry_after", wait)
			return 0, &rateLimitedError{op: op, tries: budget.RateLimited(), retryAfter: wait}
		}
		a.log.DebugContext(ctx, "rate limited, retrying", "op", op, "try", budget.RateLimited(), "retry_after", wait)
		return wait, nil
	case bot.SendServer, bot.SendNetwork:
		err = redactError(a.red, err)
		wait, ok := budget.Failed(false, 0)
		if !ok {
			a.log.WarnContext(ctx, "request failed, giving up", "op", op, "tries", budget.Tries(), "err", err)
			return 0, fmt.Errorf("discord: %s: %w", op, err)
		}
		a.log.DebugContext(ctx, "request failed, retrying", "op", op, "try", budget.Tries(), "wait", wait, "err", err)
		return wait, nil
	}
	return 0, fmt.Errorf("discord: %s: %w", op, redactError(a.red, err))
}

// failureKind classifies a failed request as one of the bot.Send* kinds: a
// rate limit, a 5xx answer or a network error (all three retried), an
// answer meaning the message can never be delivered, or anything else.
func failureKind(err error) string {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return bot.SendRateLimited
	}
	if ae := apiErrorOf(err); ae != nil {
		switch {
		case ae.Status >= 500:
			return bot.SendServer
		case ae.permanent():
			return bot.SendUndeliverable
		}
		return bot.SendOther
	}
	// With MaxRestRetries 0, discordgo reports a 502 as a plain error.
	if _, rest, ok := strings.Cut(err.Error(), "Exceeded Max retries HTTP "); ok {
		if code, _ := strconv.Atoi(rest[:min(3, len(rest))]); code >= 500 {
			return bot.SendServer
		}
		return bot.SendOther
	}
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) {
		return bot.SendNetwork
	}
	return bot.SendOther
}

// transient reports whether a failed request may succeed when tried again:
// a 5xx answer or a network error.
func transient(err error) bool {
	k := failureKind(err)
	return k == bot.SendServer || k == bot.SendNetwork
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
