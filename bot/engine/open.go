package engine

import (
	"context"
	"strings"
	"unicode"

	"github.com/interviewbot/interviewbot/bot"
)

// opened answers EventOpen, a conversation opening (a terminal starting):
// the welcome for a newcomer; for someone returning, the mock interview or
// the question that is open, else a short welcome back.
func (b *Bot) opened(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	if tn.newcomer {
		return b.start(tn), nil
	}
	if s, ok, err := b.activeSession(ctx, tn); err != nil || ok {
		if err != nil {
			return nil, err
		}
		return b.resumeSession(ctx, tn, s)
	}
	if p, q, ok, err := b.openQuestion(ctx, tn, ""); err != nil || ok {
		if err != nil {
			return nil, err
		}
		return b.restateQuestion(tn, p, q), nil
	}
	prog, err := b.progress(ctx, tn)
	if err != nil {
		return nil, err
	}
	msg := tn.t("open.welcome_back")
	if prog.Due > 0 {
		msg += tn.t("open.n_reviews_due", prog.Due)
	}
	msg += tn.t("open.next_question_help_every")
	return []bot.Reply{{Text: bot.TextOf(msg), Buttons: [][]bot.Button{{nextButton(tn)}}}}, nil
}

// printable returns s without control characters (an escape sequence a
// terminal would act on), cut to n characters, for echoing what a person
// typed.
func printable(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	if rs := []rune(s); len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return s
}
