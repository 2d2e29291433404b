package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
)

// A platform delivers an update again when it did not hear it was handled:
// Telegram resends every update after the last offset the bot confirmed,
// so a bot killed between recording an answer and confirming its update
// sees that answer once more after the restart. The core recognises the
// message by its platform ID and shows the feedback again (the person may
// never have seen it) without recording a second attempt.

// findPrior sets tn.prior to the attempt already recorded from the turn's
// message, if there is one.
func (b *Bot) findPrior(ctx context.Context, tn *turn) error {
	id := incomingMessage(tn.ev)
	if id == "" {
		return nil
	}
	a, err := b.store.AttemptByMessage(ctx, tn.user.Key, tn.chat.Key, id)
	switch {
	case errors.Is(err, bot.ErrNotFound):
		return nil
	case err != nil:
		return fmt.Errorf("look up a redelivered answer: %w", err)
	}
	b.log.InfoContext(ctx, "answer delivered again: not recorded twice", "chat", tn.chat.Key, "message", tn.ev.MessageID, "attempt", a.ID)
	tn.prior = &a
	return nil
}

// replayAnswer shows the feedback on an answer recorded before from the
// same message.
func (b *Bot) replayAnswer(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	q, ok := b.bank.Lookup(tn.prior.QuestionID)
	if !ok {
		return []bot.Reply{{Text: bot.TextOf(tn.t("answer.question_no_longer_notes")), Private: tn.chat.Kind != bot.Private}}, nil
	}
	return b.answer(ctx, tn, q, nil, nil, tn.ev.Text)
}

// replayedAnswer returns the recorded attempt a redelivered message made,
// graded again (grading is deterministic) with the question's card as it
// is now, without writing anything.
func (b *Bot) replayedAnswer(ctx context.Context, tn *turn, text string) (graded, error) {
	q, _ := b.bank.Lookup(tn.prior.QuestionID)
	res := b.grader.Grade(q, text)
	card, err := b.cardFor(ctx, tn.user.Key, q)
	if err != nil {
		return graded{}, err
	}
	return graded{res: res, att: *tn.prior, card: card}, nil
}

// sessionRedelivered answers a message a session has handled already (its
// last answer, delivered again): the feedback again when it was an answer
// to a question, then the session's current question or follow-up, so the
// person sees where they are.
func (b *Bot) sessionRedelivered(ctx context.Context, tn *turn, s bot.Session, current *bank.Question) ([]bot.Reply, error) {
	var replies []bot.Reply
	if tn.prior != nil {
		r, err := b.replayAnswer(ctx, tn)
		if err != nil {
			return nil, err
		}
		replies = r
	}
	if s.Stage == bot.StageFollowUp && s.FollowUp != nil {
		return append(replies, b.sessionFollowUp(tn, s)), nil
	}
	return append(replies, b.sessionQuestion(tn, s, current)), nil
}
