package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
)

// message handles typed text: an answer to the question it replies to, or
// to the person's open question. In a group, text that answers nothing is
// ignored, so the chat stays quiet.
func (b *Bot) message(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	if err := b.findPrior(ctx, tn); err != nil {
		return nil, err
	}
	if s, ok, err := b.activeSession(ctx, tn); err != nil || ok {
		if err != nil {
			return nil, err
		}
		return b.sessionAnswer(ctx, tn, s, tn.ev.Text)
	}
	if tn.prior != nil {
		return b.replayAnswer(ctx, tn)
	}
	if tn.ev.ReplyTo != "" {
		m, err := b.store.QuestionMessage(ctx, tn.chat.Key, tn.ev.ReplyTo)
		switch {
		case err == nil && (m.UserKey == "" || m.UserKey == tn.user.Key):
			q, ok := b.bank.Lookup(m.QuestionID)
			if !ok {
				return []bot.Reply{{Text: bot.TextOf(tn.t("answer.question_no_longer_notes")), Private: true}}, nil
			}
			if m.UserKey == "" && tn.chat.Kind != bot.Private {
				if !b.caps(tn.chat.Platform).GroupReplies {
					return b.unreadReply(tn), nil
				}
				return b.groupAnswer(ctx, tn, q, tn.ev.Text)
			}
			p, err := b.pendingFor(ctx, tn, q.ID)
			if err != nil {
				return nil, err
			}
			return b.answer(ctx, tn, q, p, nil, tn.ev.Text)
		case err != nil && !errors.Is(err, bot.ErrNotFound):
			return nil, fmt.Errorf("look up replied message: %w", err)
		}
	}
	p, q, ok, err := b.openQuestion(ctx, tn, "")
	if err != nil {
		return nil, err
	}
	if !ok {
		if tn.chat.Kind != bot.Private {
			return nil, nil
		}
		return b.noOpenQuestion(tn), nil
	}
	return b.answer(ctx, tn, q, &p, nil, tn.ev.Text)
}

// openQuestion returns the person's open question in the chat. With qid
// set (a button on a question message) it must be that question.
func (b *Bot) openQuestion(ctx context.Context, tn *turn, qid string) (bot.Pending, *bank.Question, bool, error) {
	p, err := b.store.Pending(ctx, tn.chat.Key, tn.user.Key)
	if errors.Is(err, bot.ErrNotFound) {
		return bot.Pending{}, nil, false, nil
	}
	if err != nil {
		return bot.Pending{}, nil, false, fmt.Errorf("load open question: %w", err)
	}
	q, ok := b.bank.Lookup(p.QuestionID)
	if !ok || qid != "" && !q.HasID(qid) {
		return bot.Pending{}, nil, false, nil
	}
	// A button sits on the question message: its ID is known even before
	// the adapter reports the sent message (a fast tap can win that race).
	if p.MessageID == "" && qid != "" && tn.ev.Kind == bot.EventAction {
		p.MessageID = tn.ev.MessageID
	}
	return p, q, true, nil
}

// pendingFor returns the person's open question if it is qid, else nil.
func (b *Bot) pendingFor(ctx context.Context, tn *turn, qid string) (*bot.Pending, error) {
	p, q, ok, err := b.openQuestion(ctx, tn, qid)
	if err != nil || !ok || !q.HasID(qid) {
		return nil, err
	}
	return &p, nil
}

func (b *Bot) noOpenQuestion(tn *turn) []bot.Reply {
	return []bot.Reply{{
		Text:    bot.TextOf(tn.t("answer.no_open_question_send")),
		Buttons: [][]bot.Button{{{Label: tn.t("answer.ask_one"), Action: "next"}}},
		Private: tn.chat.Kind != bot.Private,
	}}
}

// groupAnswer grades a member's answer to a group question: in the open
// round when it is that round's question (a second answer replaces the
// first), else as the member's own practice.
func (b *Bot) groupAnswer(ctx context.Context, tn *turn, q *bank.Question, text string) ([]bot.Reply, error) {
	r, err := b.store.OpenRound(ctx, tn.chat.Key)
	switch {
	case err == nil && q.HasID(r.QuestionID):
		return b.answer(ctx, tn, q, nil, &r, text)
	case err != nil && !errors.Is(err, bot.ErrNotFound):
		return nil, err
	}
	replies, err := b.answer(ctx, tn, q, nil, nil, text)
	if err == nil && len(replies) > 0 {
		last := &replies[len(replies)-1]
		last.Text = append(bot.TextOf(tn.t("answer.round_over_answer_counts")), last.Text...)
	}
	return replies, err
}

// answer grades a reply, commits the attempt (durably, before anything is
// shown), and returns the feedback. With a round, the attempt is also the
// person's answer in that group round.
func (b *Bot) answer(ctx context.Context, tn *turn, q *bank.Question, p *bot.Pending, round *bot.Round, text string) ([]bot.Reply, error) {
	if selfRatedQuestion(q) {
		return b.selfRated(ctx, tn, q, p, text)
	}
	g, err := b.recordAnswer(ctx, tn, q, p, round, text)
	if err != nil || g.empty {
		return g.emptyReply(tn), err
	}
	var replies []bot.Reply
	if p != nil && p.MessageID != "" {
		replies = append(replies, b.answeredQuestion(tn, q, p.MessageID, g.res.Coverage))
	}
	return append(replies, b.feedbackReply(tn, q, g.res, g.att, g.card)), nil
}

// graded is a reply graded and recorded as an attempt.
type graded struct {
	res   grade.Result
	att   bot.Attempt
	card  bot.ReviewCard
	empty bool // nothing to grade: nothing recorded
}

// emptyReply is the answer to an empty reply; nil when the reply was not
// empty.
func (g graded) emptyReply(tn *turn) []bot.Reply {
	if !g.empty {
		return nil
	}
	return []bot.Reply{{
		Text:    bot.TextOf(tn.t("answer.reply_empty_only_spaces")),
		Private: tn.chat.Kind != bot.Private,
		ReplyTo: tn.ev.MessageID,
	}}
}

// recordAnswer grades a reply and commits it as an attempt with the card,
// the person's totals and streak, closing p and placing the answer in
// round when given, in one transaction. An empty reply records nothing.
func (b *Bot) recordAnswer(ctx context.Context, tn *turn, q *bank.Question, p *bot.Pending, round *bot.Round, text string) (graded, error) {
	if tn.prior != nil && q.HasID(tn.prior.QuestionID) {
		tn.recorded = true
		return b.replayedAnswer(ctx, tn, text)
	}
	res := b.grader.Grade(q, text)
	if res.Empty {
		return graded{res: res, empty: true}, nil
	}
	if p != nil {
		res.Rating = min(res.Rating, ratingCap(q.Answer, p.Hints))
	}
	card, err := b.cardFor(ctx, tn.user.Key, q)
	if err != nil {
		return graded{}, err
	}
	before := card.Card
	att := bot.Attempt{
		UserKey: tn.user.Key, ChatKey: tn.chat.Key, QuestionID: q.ID, Time: tn.now, Kind: bot.AttemptAnswer,
		Message: incomingMessage(tn.ev), Reply: attemptReply(tn, text), Spoken: attemptSpoken(tn), Coverage: res.Coverage,
		Covered: pointTexts(res.Covered), Partial: pointTexts(res.Partial), Missed: pointTexts(res.Missed),
		Variant: res.Variant, Suggested: int(res.Rating), Rating: int(res.Rating), CardBefore: &before,
	}
	if p != nil {
		att.Hints = p.Hints
		if !p.AskedAt.IsZero() {
			att.Seconds = int(tn.now.Sub(p.AskedAt).Seconds())
		}
	}
	card.Card = b.review(before, tn.now, res.Rating)
	card.Attempts++
	card.LastCoverage, card.LastAt = res.Coverage, tn.now
	card.BestCoverage = max(card.BestCoverage, res.Coverage)
	u := tn.user
	u.Answered++
	u.CoverageSum += res.Coverage
	noteSpoken(&u, tn, res.Coverage, true)
	today := localDay(tn.now, b.zoneFor(tn.chat, tn.user))
	updateStreak(&u, today)
	countNew(&u, card, today)
	commit := bot.AttemptCommit{Attempt: att, Card: &card, User: u, Pending: p}
	if round != nil {
		name := tn.ev.User.Name
		if name == "" {
			name = u.Name
		}
		commit.Round = &bot.RoundAnswerRef{ChatKey: round.ChatKey, RoundID: round.ID, Answer: bot.RoundAnswer{
			UserKey: u.Key, Name: name, Coverage: res.Coverage, Missed: att.Missed, At: tn.now,
		}}
	}
	saved, err := b.store.RecordAttempt(ctx, commit)
	if err != nil {
		return graded{}, fmt.Errorf("record attempt: %w", err)
	}
	tn.user, tn.recorded = u, true
	return graded{res: res, att: saved, card: card}, nil
}

// answeredQuestion edits the question message once answered: same text,
// a status line, no buttons, so the chat does not pile up live buttons.
func (b *Bot) answeredQuestion(tn *turn, q *bank.Question, messageID string, coverage float64) bot.Reply {
	return b.closedQuestion(tn, q, messageID, tn.t("answer.answered_n_covered", percent(coverage)))
}

// closedQuestion edits a question message that no longer takes answers
// (answered, skipped, asked again, replaced): its text with status as the
// last line, and no buttons.
func (b *Bot) closedQuestion(tn *turn, q *bank.Question, messageID, status string) bot.Reply {
	r := b.questionReply(tn, q, tn.user.Key, pick{isNew: true})
	r.Text = r.Text[:len(r.Text)-1] // drop the "reply to this message" line
	r.Text.Add(bot.I(status))
	r.Buttons, r.Track, r.Edit = nil, "", messageID
	return r
}

// notOpen answers a button of question qid, or a command, when that
// question is not open: which question is, replying to its message, or
// that none is.
func (b *Bot) notOpen(ctx context.Context, tn *turn, qid string) ([]bot.Reply, error) {
	if qid != "" {
		p, q, ok, err := b.openQuestion(ctx, tn, "")
		if err != nil {
			return nil, err
		}
		if ok {
			return []bot.Reply{{
				Text:    bot.TextOf(tn.t("answer.other_question_open", firstLineOf(q.Prompt, 60))),
				ReplyTo: p.MessageID,
				Private: tn.chat.Kind != bot.Private,
			}}, nil
		}
	}
	return b.noOpenQuestion(tn), nil
}

// reveal shows the reference answer without an answer: it counts as a miss
// (rated Again).
func (b *Bot) reveal(ctx context.Context, tn *turn, qid string) ([]bot.Reply, error) {
	p, q, ok, err := b.openQuestion(ctx, tn, qid)
	if err != nil {
		return nil, err
	}
	if !ok {
		return b.notOpen(ctx, tn, qid)
	}
	if !q.HasReference() {
		return []bot.Reply{noReferenceToReveal(tn, q)}, nil
	}
	card, err := b.cardFor(ctx, tn.user.Key, q)
	if err != nil {
		return nil, err
	}
	before := card.Card
	card.Card = b.review(before, tn.now, grade.Again)
	card.Attempts++
	card.LastCoverage, card.LastAt = 0, tn.now
	att := bot.Attempt{UserKey: tn.user.Key, ChatKey: tn.chat.Key, QuestionID: q.ID, Time: tn.now, Kind: bot.AttemptReveal,
		Missed: keyPointTexts(q.Answer.KeyPoints), Suggested: int(grade.Again), Rating: int(grade.Again), Hints: p.Hints, CardBefore: &before}
	u := tn.user
	countNew(&u, card, localDay(tn.now, b.zoneFor(tn.chat, tn.user)))
	if _, err := b.store.RecordAttempt(ctx, bot.AttemptCommit{Attempt: att, Card: &card, User: u, Pending: &p}); err != nil {
		return nil, fmt.Errorf("record reveal: %w", err)
	}
	tn.user = u
	var t bot.Text
	t.Add(bot.B(tn.t("answer.reference_answer_counts_as")))
	if len(q.Answer.KeyPoints) > 0 {
		t.Add(bot.B(tn.t("answer.key_points")), bot.P(strings.Join(keyPointTexts(q.Answer.KeyPoints), tn.t("list.sep"))))
	}
	t.Blank()
	addAnswer(tn, &t, q.Answer)
	var replies []bot.Reply
	if p.MessageID != "" {
		replies = append(replies, b.answeredQuestion(tn, q, p.MessageID, 0))
	}
	return append(replies, bot.Reply{Text: t, Buttons: [][]bot.Button{{nextButton(tn)}}, Private: tn.chat.Kind != bot.Private, Kind: bot.KindFeedback}), nil
}

// skip moves on: the question stays unscored, and the next one is asked.
func (b *Bot) skip(ctx context.Context, tn *turn, qid string) ([]bot.Reply, error) {
	p, q, ok, err := b.openQuestion(ctx, tn, qid)
	if err != nil {
		return nil, err
	}
	if !ok {
		return b.notOpen(ctx, tn, qid)
	}
	att := bot.Attempt{UserKey: tn.user.Key, ChatKey: tn.chat.Key, QuestionID: q.ID, Time: tn.now, Kind: bot.AttemptSkip, Hints: p.Hints}
	u := tn.user
	noteSkip(&u, q.ID, localDay(tn.now, b.zoneFor(tn.chat, tn.user)))
	if _, err := b.store.RecordAttempt(ctx, bot.AttemptCommit{Attempt: att, User: u, Pending: &p}); err != nil {
		return nil, fmt.Errorf("record skip: %w", err)
	}
	tn.user = u
	replies := []bot.Reply{{Text: bot.TextOf(tn.t("answer.skipped")), Private: tn.chat.Kind != bot.Private}}
	if p.MessageID != "" {
		replies = append([]bot.Reply{b.closedQuestion(tn, q, p.MessageID, tn.t("answer.skipped_2"))}, replies...)
	}
	next, err := b.ask(ctx, tn, "")
	if err != nil {
		return nil, err
	}
	return append(replies, next...), nil
}

// rerate replaces the rating of an attempt with the one the person tapped,
// applying it again from the card as it was before the attempt.
func (b *Bot) rerate(ctx context.Context, tn *turn, id uint64, rating grade.Rating) ([]bot.Reply, error) {
	att, err := b.store.Attempt(ctx, tn.user.Key, id)
	if errors.Is(err, bot.ErrNotFound) {
		return []bot.Reply{{Text: bot.TextOf(tn.t("answer.attempt_gone_rating_was")), Private: true}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load attempt: %w", err)
	}
	q, ok := b.bank.Lookup(att.QuestionID)
	if !ok || att.CardBefore == nil {
		return []bot.Reply{{Text: bot.TextOf(tn.t("answer.question_no_longer_notes")), Private: true}}, nil
	}
	card, err := b.cardFor(ctx, tn.user.Key, q)
	if err != nil {
		return nil, err
	}
	if !card.Card.LastReview.Equal(att.Time) {
		return []bot.Reply{{Text: bot.TextOf(tn.t("answer.answered_question_again_since")), Private: true}}, nil
	}
	card.Card = b.review(*att.CardBefore, att.Time, rating)
	if err := b.store.Rerate(ctx, tn.user.Key, id, int(rating), card); err != nil {
		return nil, fmt.Errorf("rerate: %w", err)
	}
	loc := b.zoneFor(tn.chat, tn.user)
	return []bot.Reply{{
		Text:    bot.TextOf(tn.t("answer.rated_x_next_review", ratingLabel(tn, rating), formatWhen(tn, card.Card.Due, tn.now, loc))),
		Private: true,
	}}, nil
}

func pointTexts(ps []grade.Point) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}

func keyPointTexts(kps []bank.KeyPoint) []string {
	out := make([]string, 0, len(kps))
	for _, kp := range kps {
		out = append(out, kp.Text)
	}
	return out
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func percent(f float64) int { return int(f*100 + 0.5) }

// incomingMessage is the platform ID of the typed message an event brings,
// or "" (a button press or a form has no message of its own).
func incomingMessage(ev bot.Event) string {
	if ev.Kind != bot.EventMessage {
		return ""
	}
	return ev.MessageID
}
