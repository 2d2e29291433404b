// Package redact removes secrets (bot tokens, webhook secrets, interaction
// tokens) from text, errors and log records before they leave an adapter.
// Both platform adapters use it, so that what an error keeps and how a
// secret reads once removed are the same on every platform.
package redact

import (
	"context"
	"errors"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/interviewbot/interviewbot/bot"
)

// Marker replaces every secret.
const Marker = "[REDACTED]"

// Redactor removes secrets from text and errors. The zero value removes
// nothing.
type Redactor struct {
	secrets  []string
	patterns []*regexp.Regexp
	keep     func(error) []error
}

// Option configures a Redactor.
type Option func(*Redactor)

// Pattern also removes what re matches, but for the text of its first
// group, which is kept before Marker. It is for secrets that are not known in advance, like the interaction tokens
// in Discord's callback URLs.
func Pattern(re *regexp.Regexp) Option {
	return func(r *Redactor) { r.patterns = append(r.patterns, re) }
}

// Keep adds the errors that keep returns for an error to what a redacted
// error unwraps to: an adapter's own error answers, whose text it has
// checked holds no secret.
func Keep(keep func(error) []error) Option {
	return func(r *Redactor) { r.keep = keep }
}

// New returns a Redactor for the secrets (empty ones are skipped), each
// also in its URL query-escaped form.
func New(secrets []string, opts ...Option) Redactor {
	var r Redactor
	for _, s := range secrets {
		if s == "" {
			continue
		}
		r.secrets = append(r.secrets, s)
		if q := url.QueryEscape(s); q != s {
			r.secrets = append(r.secrets, q)
		}
	}
	for _, o := range opts {
		o(&r)
	}
	return r
}

// String returns s with the secrets replaced by Marker.
func (r Redactor) String(s string) string {
	for _, sec := range r.secrets {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, Marker)
		}
	}
	for _, re := range r.patterns {
		s = re.ReplaceAllString(s, "${1}"+Marker)
	}
	return s
}

// Error returns err with a redacted message. The result unwraps only to
// what is safe and useful to callers: context errors,
// bot.ErrUndeliverable, a *net.OpError (whose text holds no URL) and what
// the Keep option adds. The rest of the chain is dropped because it may
// hold a request whose URL or headers carry a token.
func (r Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	var causes []error
	for _, c := range []error{context.Canceled, context.DeadlineExceeded, bot.ErrUndeliverable} {
		if errors.Is(err, c) {
			causes = append(causes, c)
		}
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		causes = append(causes, oe)
	}
	if r.keep != nil {
		for _, k := range r.keep(err) {
			if k != nil {
				causes = append(causes, k)
			}
		}
	}
	return &redactedError{msg: r.String(err.Error()), causes: causes}
}

// redactedError is an error whose message had secrets removed.
type redactedError struct {
	msg    string
	causes []error
}

// Error returns the redacted message.
func (e *redactedError) Error() string { return e.msg }

// Unwrap returns the safe causes, so that errors.Is and errors.As work.
func (e *redactedError) Unwrap() []error { return e.causes }
