package telegram

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/url"
	"strings"

	"github.com/interviewbot/interviewbot/bot"
)

// redacted replaces secrets in logs and errors.
const redacted = "<redacted>"

// redactor removes the bot token, in the forms it may take in URLs, from
// text.
type redactor struct {
	secrets []string
}

// newRedactor returns a redactor for the token and other secrets.
func newRedactor(token string, others ...string) redactor {
	var r redactor
	for _, s := range append([]string{token}, others...) {
		if s == "" {
			continue
		}
		r.secrets = append(r.secrets, s)
		if q := url.QueryEscape(s); q != s {
			r.secrets = append(r.secrets, q)
		}
	}
	return r
}

// String returns s with the secrets replaced.
func (r redactor) String(s string) string {
	for _, sec := range r.secrets {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, redacted)
		}
	}
	return s
}

// Error returns err with a redacted message. The result unwraps only to
// what is safe and useful to callers: context errors, bot.ErrUndeliverable,
// *APIError and the network error under a *url.Error (whose text holds no
// URL).
func (r redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := r.String(msg)
	var ue *url.Error
	if clean == msg && !errors.As(err, &ue) {
		return err
	}
	var causes []error
	for _, c := range []error{context.Canceled, context.DeadlineExceeded, bot.ErrUndeliverable} {
		if errors.Is(err, c) {
			causes = append(causes, c)
		}
	}
	var ae *APIError
	if errors.As(err, &ae) {
		causes = append(causes, ae)
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		causes = append(causes, oe)
	}
	return &redactedError{msg: clean, causes: causes}
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

// redactHandler is a slog.Handler that removes secrets from the message
// and from every string or error attribute before passing records on.
type redactHandler struct {
	inner slog.Handler
	r     redactor
}

// Enabled reports whether the inner handler handles the level.
func (h *redactHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.inner.Enabled(ctx, l)
}

// Handle redacts the record and passes it on.
func (h *redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.inner.Handle(ctx, out)
}

// WithAttrs returns a handler with redacted attributes added.
func (h *redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return &redactHandler{inner: h.inner.WithAttrs(clean), r: h.r}
}

// WithGroup returns a handler that puts attributes in a group.
func (h *redactHandler) WithGroup(name string) slog.Handler {
	return &redactHandler{inner: h.inner.WithGroup(name), r: h.r}
}

// attr redacts one attribute, recursing into groups.
func (h *redactHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.r.String(v.String()))
	case slog.KindGroup:
		g := v.Group()
		clean := make([]slog.Attr, len(g))
		for i, ga := range g {
			clean[i] = h.attr(ga)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(clean...)}
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.r.String(err.Error()))
		}
		return slog.String(a.Key, h.r.String(v.String()))
	}
	return slog.Attr{Key: a.Key, Value: v}
}
