package engine

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bank/textnorm"
	"github.com/interviewbot/interviewbot/bot"
)

// Questions from a list of questions without answers (and any question the
// notes leave unanswered) are asked like the others, but a reply to one is
// not graded: there is nothing to grade it against, and a 0% score or an
// "off topic" warning would be wrong. The feedback says so, shows the
// outline when the notes give one, and asks the person to rate their reply
// with the four review buttons. Until they tap, the review is scheduled as
// Good.

//
// A question whose notes give a reference answer but nothing to grade it
// against is rated the same way, with the reference shown: one without
// key points, or one whose reference is a word, a number, an option or a
// one-line command ("True", "4", "ls -la") that no author marked points in
// (the words of such a reference are no ideas to cover: "ls -al" is as
// right as "ls -la"). A reply that is such a short reference itself is
// said to match it.

// selfRatedDefault is the rating a self-rated reply counts as until the
// person taps one.
const selfRatedDefault = grade.Good

// shortReferenceRunes is the longest reference answer taken for a short
// one: a word, a number, an option, a one-line command.
const shortReferenceRunes = 40

// selfRatedQuestion reports whether replies to q are rated by the person
// instead of graded: it has no reference answer, or nothing to grade one
// against.
func selfRatedQuestion(q *bank.Question) bool {
	if !q.HasReference() {
		return true
	}
	for _, a := range q.Answers() {
		for _, kp := range a.KeyPoints {
			if kp.Origin != bank.OriginTerm {
				return false
			}
		}
		if len(a.KeyPoints) > 0 && !isShortReference(a.Text) {
			return false
		}
	}
	return true
}

// isShortReference reports whether a reference answer is one short line.
func isShortReference(text string) bool {
	text = strings.TrimSpace(text)
	return text != "" && !strings.Contains(text, "\n") && utf8.RuneCountInString(text) <= shortReferenceRunes
}

// matchesShortReference reports whether a reply is q's short reference
// answer itself, give or take case, spacing and punctuation ("true" for
// "True", "4." for "4").
func matchesShortReference(q *bank.Question, reply string) bool {
	for _, a := range q.Answers() {
		if !isShortReference(a.Text) {
			continue
		}
		if ref := textnorm.Compact(a.Text); ref != "" && ref == textnorm.Compact(reply) {
			return true
		}
	}
	return false
}

// selfRated records a reply to a question without a reference answer and
// returns the feedback that asks the person to rate it.
func (b *Bot) selfRated(ctx context.Context, tn *turn, q *bank.Question, p *bot.Pending, text string) ([]bot.Reply, error) {
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
		a := bot.Attempt{
			UserKey: tn.user.Key, ChatKey: tn.chat.Key, QuestionID: q.ID, Time: tn.now, Kind: bot.AttemptSelfRated,
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
		saved, err := b.store.RecordAttempt(ctx, bot.AttemptCommit{Attempt: a, Card: &card, User: u, Pending: p})
		if err != nil {
			return nil, fmt.Errorf("record self-rated attempt: %w", err)
		}
		tn.user, att = u, &saved
	}
	var replies []bot.Reply
	if p != nil && p.MessageID != "" {
		edit := b.answeredQuestion(tn, q, p.MessageID, 0)
		edit.Text[len(edit.Text)-1] = bot.Line{Spans: []bot.Span{bot.I(tn.t("selfrate.answered_rated_by_you"))}}
		replies = append(replies, edit)
	}
	return append(replies, b.selfRatedReply(tn, q, *att, card)), nil
}

// selfRatedReply says why the reply is not graded, shows the reference
// answer (or the outline) when the notes give one, and offers the rating
// buttons: none marked as suggested, unless the reply is the short
// reference itself.
func (b *Bot) selfRatedReply(tn *turn, q *bank.Question, att bot.Attempt, card bot.ReviewCard) bot.Reply {
	match := matchesShortReference(q, att.Reply)
	t := selfRatedVerdict(tn, q, match)
	b.addDelivery(tn, &t)
	addSelfRatedReference(tn, &t, q)
	t.Blank()
	t.Add(bot.P(tn.t("selfrate.rate_yourself")))
	t.Add(bot.I(tn.t("selfrate.next_review_counted_as",
		formatWhen(tn, card.Card.Due, tn.now, b.zoneFor(tn.chat, tn.user)), ratingLabel(tn, selfRatedDefault))))
	buttons := ratingButtons(tn, att.ID, selfRatedDefault)
	for i := range buttons {
		buttons[i].Suggested = match && buttons[i].Suggested
	}
	return bot.Reply{Text: t, Buttons: [][]bot.Button{buttons, {nextButton(tn)}}, Private: tn.chat.Kind != bot.Private, ReplyTo: tn.ev.MessageID, Kind: bot.KindFeedback}
}

// selfRatedVerdict says why a reply to q is not graded.
func selfRatedVerdict(tn *turn, q *bank.Question, match bool) bot.Text {
	var t bot.Text
	switch {
	case !q.HasReference():
		t.Add(bot.B(tn.t("selfrate.no_reference_not_graded")))
		if q.Answer.Outline != "" {
			t.Add(bot.B(tn.t("feedback.outline")), bot.P(strings.ReplaceAll(q.Answer.Outline, "\n", " ")))
		}
	case match:
		t.Add(bot.B(tn.t("selfrate.matches_reference")))
	default:
		t.Add(bot.B(tn.t("selfrate.nothing_to_grade_against")))
	}
	return t
}

// addSelfRatedReference adds q's reference answer, when it has one.
func addSelfRatedReference(tn *turn, t *bot.Text, q *bank.Question) {
	if q.HasReference() {
		t.Blank()
		t.Add(bot.B(tn.t("commands.reference_answer")))
		addAnswer(tn, t, q.Answer)
	}
}

// SelfRatedFeedback is the feedback `interviewbot grade` prints for a
// reply to a question the person rates themselves (see selfRatedQuestion),
// in language lang; ok is false for a question that is graded.
func SelfRatedFeedback(lang string, q *bank.Question, reply string) (t bot.Text, ok bool) {
	if !selfRatedQuestion(q) {
		return bot.Text{}, false
	}
	tn := &turn{lang: lang}
	t = selfRatedVerdict(tn, q, matchesShortReference(q, reply))
	addSelfRatedReference(tn, &t, q)
	t.Blank()
	t.Add(bot.P(tn.t("selfrate.rate_yourself")))
	return t, true
}

// noReferenceToReveal answers /reveal on a question without a reference
// answer: there is nothing to show, and nothing is recorded.
func noReferenceToReveal(tn *turn, q *bank.Question) bot.Reply {
	t := bot.TextOf(tn.t("selfrate.no_reference_answer_first"))
	if q.Answer.Outline != "" {
		t.Add(bot.B(tn.t("feedback.outline")), bot.P(strings.ReplaceAll(q.Answer.Outline, "\n", " ")))
	}
	return bot.Reply{Text: t, Private: tn.chat.Kind != bot.Private}
}
