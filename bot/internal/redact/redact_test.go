package redact_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"regexp"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/redact"
)

// apiError stands for an adapter's own error answer.
type apiError struct{ code int }

func (e *apiError) Error() string { return fmt.Sprintf("api error %d", e.code) }

func TestString(t *testing.T) {
	r := redact.New([]string{"12:ab/c+d", ""}, redact.Pattern(regexp.MustCompile(`(interactions/[0-9]+/)[^/\s]+`)))
	in := "GET /bot12:ab/c+d/x?t=12%3Aab%2Fc%2Bd interactions/9/secret-tok/callback"
	got := r.String(in)
	for _, bad := range []string{"12:ab/c+d", "12%3Aab%2Fc%2Bd", "secret-tok"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q left in %q", bad, got)
		}
	}
	if want := "interactions/9/" + redact.Marker + "/callback"; !strings.Contains(got, want) {
		t.Errorf("String = %q, want it to keep %q", got, want)
	}
	if got := (redact.Redactor{}).String(in); got != in {
		t.Errorf("the zero Redactor changed %q to %q", in, got)
	}
}

func TestErrorKeepsOnlySafeCauses(t *testing.T) {
	ae := &apiError{code: 403}
	r := redact.New([]string{"tok"}, redact.Keep(func(err error) []error {
		var a *apiError
		if errors.As(err, &a) {
			return []error{a}
		}
		return nil
	}))
	secretCause := errors.New("request with header Bot tok")
	oe := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	err := r.Error(fmt.Errorf("send tok: %w", errors.Join(secretCause, context.DeadlineExceeded, bot.ErrUndeliverable, oe, ae)))
	if strings.Contains(err.Error(), "tok") {
		t.Errorf("token left in %q", err)
	}
	for _, want := range []error{context.DeadlineExceeded, bot.ErrUndeliverable} {
		if !errors.Is(err, want) {
			t.Errorf("redacted error does not unwrap to %v", want)
		}
	}
	var gotOE *net.OpError
	var gotAE *apiError
	if !errors.As(err, &gotOE) || !errors.As(err, &gotAE) || gotAE.code != 403 {
		t.Errorf("redacted error lost the *net.OpError or the kept API error: %v", err)
	}
	if errors.Is(err, secretCause) || errors.Is(err, context.Canceled) {
		t.Errorf("redacted error unwraps to a cause it should drop")
	}
	if r.Error(nil) != nil {
		t.Error("Error(nil) != nil")
	}
}

func TestHandler(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(redact.NewHandler(slog.NewTextHandler(&buf, nil), redact.New([]string{"tok"})))
	log.With("url", "/bottok/x").WithGroup("g").Info("call tok failed", "err", errors.New("Bot tok"), slog.Group("in", "s", "tok"))
	if out := buf.String(); strings.Contains(out, "tok") || strings.Count(out, redact.Marker) != 4 {
		t.Errorf("log = %q, want four redactions and no token", out)
	}
}
