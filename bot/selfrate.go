package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// Questions from a list of questions without answers (and any question the
// notes leave unanswered) are asked like the others, but a reply to one is
// not graded: there is nothing to grade it against, and a 0% score or an
// "off topic" warning would be wrong. The feedback says so, shows the
// outline when the notes give one, and asks the person to rate their reply
// with the four review buttons. Until they tap, the review is scheduled as
// Good.

// selfRatedDefault is the rating a self-rated reply counts as until the
// person taps one.
const selfRatedDefault = grade.Good

// selfRated records a reply to a question without a reference answer and
// returns the feedback that asks the person to rate it.
func (b *Bot) selfRated(ctx context.Context, tn *turn, q *bank.Question, p *Pending, text string) ([]Reply, error) {
	if textnorm.Compact(text) == "" {
		return graded{empty: true}.emptyReply(tn), nil
	}
	card, err := b.cardFor(ctx, tn.user.Key, q)
	if err != nil {
		return nil, err
	}
	att := tn.prior
	if att == nil || !q.HasID(att.QuestionID) {
		before := card.Card
		a := Attempt{
			UserKey: tn.user.Key, ChatKey: tn.chat.Key, QuestionID: q.ID, Time: tn.now, Kind: AttemptSelfRated,
			Message: incomingMessage(tn.ev), Reply: attemptReply(tn, text), Spoken: attemptSpoken(tn),
			Suggested: int(selfRatedDefault), Rating: int(selfRatedDefault), CardBefore: &before,
		}
		if p != nil {
			a.Hints = p.Hints
			if !p.AskedAt.IsZero() {
				a.Seconds = int(tn.now.Sub(p.AskedAt).Seconds())
			}
		}
		card.Card = b.review(before, tn.now, selfRatedDefault)
		card.Attempts++
		card.LastAt = tn.now
		u := tn.user
		updateStreak(&u, localDay(tn.now, b.zoneFor(tn.chat, tn.user)))
		noteSpoken(&u, tn, 0, false)
		saved, err := b.store.RecordAttempt(ctx, AttemptCommit{Attempt: a, Card: &card, User: u, Pending: p})
		if err != nil {
			return nil, fmt.Errorf("record self-rated attempt: %w", err)
		}
		tn.user, att = u, &saved
	}
	var replies []Reply
	if p != nil && p.MessageID != "" {
		edit := b.answeredQuestion(tn, q, p.MessageID, 0)
		edit.Text[len(edit.Text)-1] = Line{Spans: []Span{I(tn.t("selfrate.answered_rated_by_you"))}}
		replies = append(replies, edit)
	}
	return append(replies, b.selfRatedReply(tn, q, *att, card)), nil
}

// selfRatedReply says there is no reference answer, shows the outline if
// any, and offers the rating buttons, none marked as suggested.
func (b *Bot) selfRatedReply(tn *turn, q *bank.Question, att Attempt, card ReviewCard) Reply {
	var t Text
	t.Add(B(tn.t("selfrate.no_reference_not_graded")))
	if q.Answer.Outline != "" {
		t.Add(B(tn.t("feedback.outline")), P(strings.ReplaceAll(q.Answer.Outline, "\n", " ")))
	}
	b.addDelivery(tn, &t)
	t.Blank()
	t.Add(P(tn.t("selfrate.rate_yourself")))
	t.Add(I(tn.t("selfrate.next_review_counted_as",
		formatWhen(tn, card.Card.Due, tn.now, b.zoneFor(tn.chat, tn.user)), ratingLabel(tn, selfRatedDefault))))
	buttons := ratingButtons(tn, att.ID, selfRatedDefault)
	for i := range buttons {
		buttons[i].Suggested = false
	}
	return Reply{Text: t, Buttons: [][]Button{buttons, {nextButton(tn)}}, Private: tn.chat.Kind != Private, ReplyTo: tn.ev.MessageID, Kind: KindFeedback}
}

// noReferenceToReveal answers /reveal on a question without a reference
// answer: there is nothing to show, and nothing is recorded.
func noReferenceToReveal(tn *turn, q *bank.Question) Reply {
	t := TextOf(tn.t("selfrate.no_reference_answer_first"))
	if q.Answer.Outline != "" {
		t.Add(B(tn.t("feedback.outline")), P(strings.ReplaceAll(q.Answer.Outline, "\n", " ")))
	}
	return Reply{Text: t, Private: tn.chat.Kind != Private}
}
