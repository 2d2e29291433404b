package discord

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"
)

// redacted replaces secrets in logs and errors.
const redacted = "[REDACTED]"

// webhookTokenRE matches the token part of interaction and webhook URLs,
// which discordgo puts into some error messages.
var webhookTokenRE = regexp.MustCompile(`((?:interactions|webhooks)/[0-9]+/)[^/?\s"]+`)

// redactor removes the bot token, in every form it may take, and
// interaction tokens from text.
type redactor struct {
	secrets []string
}

func newRedactor(token string) redactor {
	return redactor{secrets: []string{"Bot " + token, token}}
}

// String returns s with secrets replaced.
func (r redactor) String(s string) string {
	for _, sec := range r.secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, redacted)
		}
	}
	return webhookTokenRE.ReplaceAllString(s, "${1}"+redacted)
}

// Error returns err with a redacted message. Discord's error answers become
// *APIError (without the request, whose headers hold the token). Other
// errors unwrap only to a context error or, for a *url.Error, to its cause,
// whose text holds no URL.
func (r redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	if ae := apiErrorOf(err); ae != nil {
		ae.Message = r.String(ae.Message)
		return ae
	}
	var cause error
	var ue *url.Error
	switch {
	case errors.Is(err, context.Canceled):
		cause = context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		cause = context.DeadlineExceeded
	case errors.As(err, &ue):
		cause = ue.Err
	}
	return &redactedError{msg: r.String(err.Error()), cause: cause}
}

// redactedError is an error whose message had secrets removed.
type redactedError struct {
	msg   string
	cause error
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap returns the cause, so that errors.Is finds context errors.
func (e *redactedError) Unwrap() error { return e.cause }
