package engine

import (
	"context"

	"github.com/interviewbot/interviewbot/bot"
)

// The outbox's bounds, for tests.
const (
	OutboxWorkers = outboxWorkers
	OutboxBatch   = outboxBatch
)

// PickQuestion returns the ID of the question /next would ask user in chat
// now ("" when there is none), for benchmarks of selection.
func (b *Bot) PickQuestion(ctx context.Context, user bot.UserRecord, chat bot.ChatRecord) (string, error) {
	p, err := b.pickQuestion(ctx, user, chat, b.now(), pickAny)
	if err != nil || p.q == nil {
		return "", err
	}
	return p.q.ID, nil
}

// PickDue is PickQuestion that also reports whether the pick is a review
// that is due.
func (b *Bot) PickDue(ctx context.Context, user bot.UserRecord, chat bot.ChatRecord) (string, bool, error) {
	p, err := b.pickQuestion(ctx, user, chat, b.now(), pickAny)
	if err != nil || p.q == nil {
		return "", false, err
	}
	return p.q.ID, p.due, nil
}
