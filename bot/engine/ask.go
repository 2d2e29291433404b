package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
)

// ask answers /next: the person's open question again if there is one,
// else a new pick. args "new" asks a new question past the daily cap (and
// replaces an open one); "review" a review before it is due (and replaces
// an open new question; an open review is shown again).
func (b *Bot) ask(ctx context.Context, tn *turn, args string) ([]bot.Reply, error) {
	mode := pickNext
	switch strings.ToLower(strings.TrimSpace(args)) {
	case "new", "新题":
		mode = pickNew
	case "review", "early", "复习":
		mode = pickReview
	}
	open, openQ, hasOpen, err := b.openQuestion(ctx, tn, "")
	if err != nil {
		return nil, err
	}
	if hasOpen && (mode == pickNext || mode == pickReview && !open.New) {
		return b.restateQuestion(tn, open, openQ), nil
	}
	p, err := b.pickQuestion(ctx, tn.user, tn.chat, tn.now, mode)
	if err != nil {
		return nil, err
	}
	if p.capped {
		return b.capReached(tn, p), nil
	}
	if p.q == nil && mode == pickReview {
		return []bot.Reply{{Text: bot.TextOf(tn.t("ask.nothing_to_review")), Buttons: [][]bot.Button{{nextButton(tn)}},
			Private: tn.chat.Kind != bot.Private}}, nil
	}
	if p.q == nil {
		msg := tn.t("ask.no_other_question_ask")
		if tn.chat.Topic != "" {
			msg += tn.t("ask.practising_only_x_topic", topicLabel(tn, tn.chat.Topic))
		}
		return []bot.Reply{{Text: bot.TextOf(msg), Private: tn.chat.Kind != bot.Private}}, nil
	}
	if err := b.open(ctx, tn, p); err != nil {
		return nil, err
	}
	var replies []bot.Reply
	if hasOpen && open.MessageID != "" {
		// The open question is replaced: its message stops taking answers.
		replies = append(replies, b.closedQuestion(tn, openQ, open.MessageID, tn.t("ask.replaced")))
	}
	return append(replies, b.questionReply(tn, p.q, tn.user.Key, p)), nil
}

// restateQuestion shows the person's open question again, as a new
// message that replies also answer; its earlier message stops taking
// answers and points below.
func (b *Bot) restateQuestion(tn *turn, p bot.Pending, q *bank.Question) []bot.Reply {
	var replies []bot.Reply
	if p.MessageID != "" {
		replies = append(replies, b.closedQuestion(tn, q, p.MessageID, tn.t("ask.asked_again_below")))
	}
	r := b.questionReply(tn, q, tn.user.Key, pick{isNew: p.New})
	r.Text = append(bot.TextOf(tn.t("ask.have_open_question")), r.Text...)
	return append(replies, r)
}

// capReached says that the daily cap of new questions is reached and what
// the person can do.
func (b *Bot) capReached(tn *turn, p pick) []bot.Reply {
	msg := tn.t("ask.n_new_questions_today",
		p.newToday, b.cfg.NewPerDay)
	return []bot.Reply{{
		Text: bot.TextOf(msg),
		Buttons: [][]bot.Button{{
			{Label: tn.t("ask.one_more_new_question"), Action: "next:new"},
			{Label: tn.t("ask.review_early"), Action: "next:review"},
		}},
		Private: tn.chat.Kind != bot.Private,
	}}
}

// open records that a question was asked: the person's open question and
// the chat's last question, in one transaction. (A new question counts
// toward the daily cap when it is answered, not when it is shown.)
func (b *Bot) open(ctx context.Context, tn *turn, p pick) error {
	pending := bot.Pending{ChatKey: tn.chat.Key, UserKey: tn.user.Key, QuestionID: p.q.ID, AskedAt: tn.now, New: p.isNew}
	chat := tn.chat
	chat.LastAsked = p.q.ID
	if err := b.store.OpenQuestion(ctx, pending, chat); err != nil {
		return fmt.Errorf("open question: %w", err)
	}
	tn.chat = chat
	return nil
}

// questionReply is the message that asks a question, with its buttons.
func (b *Bot) questionReply(tn *turn, q *bank.Question, userKey string, p pick) bot.Reply {
	var t bot.Text
	label := tn.t("ask.new")
	switch {
	case p.due:
		label = tn.t("ask.review")
	case !p.isNew:
		label = tn.t("ask.early_review")
	}
	head := []bot.Span{bot.B("❓ " + label)}
	if q.Topic != "" {
		head = append(head, bot.P(" · "+q.Topic))
	}
	t.Add(head...)
	for _, line := range strings.Split(q.Prompt, "\n") {
		t.Add(bot.B(line))
	}
	if q.Note != "" {
		t.Add(bot.I(tn.t("ask.note", q.Note)))
	}
	t.Blank()
	t.Add(bot.P(b.howToAnswer(tn)))
	return bot.Reply{
		Text: t,
		Buttons: [][]bot.Button{
			{{Label: tn.t("ask.answer"), Action: "answer:" + q.ID, Form: true}},
			{
				{Label: tn.t("ask.hint"), Action: "hint:" + q.ID},
				{Label: tn.t("ask.skip"), Action: "skip:" + q.ID},
				{Label: tn.t("ask.reveal"), Action: "reveal:" + q.ID},
			},
		},
		Track: questionTrack(q.ID, userKey),
		Kind:  bot.KindQuestion,
	}
}

// howToAnswer is the line under a question that says how to answer it:
// in a chat, reply and tap; in a terminal, type (a paragraph ends with an
// empty line; piped, an answer is a line) and use commands.
func (b *Bot) howToAnswer(tn *turn) string {
	switch caps := b.caps(tn.chat.Platform); {
	case !caps.Buttons && caps.LineMessages:
		return tn.t("ask.type_answer_one_line")
	case !caps.Buttons:
		return tn.t("ask.type_answer_send_empty")
	}
	return tn.t("ask.reply_message_answer_tap")
}

// The hints a question offers, in order: its outline (when it has one),
// the first characters of each key point, then the key points.
const (
	hintOutline = iota
	hintInitials
	hintPoints
)

// hintStages returns the hints an answer offers, in order.
func hintStages(a bank.Answer) []int {
	var out []int
	if strings.TrimSpace(a.Outline) != "" {
		out = append(out, hintOutline)
	}
	if len(a.KeyPoints) > 0 {
		out = append(out, hintInitials, hintPoints)
	}
	return out
}

// ratingCap is the highest rating an answer may be suggested after taking
// hints: any hint makes it at most Good, the full list of key points at
// most Hard.
func ratingCap(a bank.Answer, hints int) grade.Rating {
	stages := hintStages(a)
	switch {
	case hints <= 0:
		return grade.Easy
	case slices.Contains(stages[:min(hints, len(stages))], hintPoints):
		return grade.Hard
	}
	return grade.Good
}

// hint gives the next hint for the open question, each press revealing
// more, and says so when there is nothing more.
func (b *Bot) hint(ctx context.Context, tn *turn, qid string) ([]bot.Reply, error) {
	p, q, ok, err := b.openQuestion(ctx, tn, qid)
	if err != nil {
		return nil, err
	}
	if !ok {
		return b.notOpen(ctx, tn, qid)
	}
	a := q.Answer
	stages := hintStages(a)
	var t bot.Text
	if p.Hints >= len(stages) {
		if !q.HasReference() {
			t.Add(bot.P(tn.t("ask.no_more_hints_no_reference")))
		} else {
			t.Add(bot.P(tn.t("ask.no_more_hints_every")))
		}
		return []bot.Reply{{Text: t, Private: tn.chat.Kind != bot.Private, ReplyTo: p.MessageID}}, nil
	}
	p.Hints++
	n := tn.t("ask.hint_n_n", p.Hints, len(stages))
	switch stages[p.Hints-1] {
	case hintOutline:
		t.Add(bot.B(n + tn.t("ask.outline")))
		for _, l := range strings.Split(a.Outline, "\n") {
			t.AddQuote(bot.P(l))
		}
	case hintInitials:
		t.Add(bot.B(n + tn.t("ask.n_key_points_starting", len(a.KeyPoints))))
		var starts []string
		for _, kp := range a.KeyPoints {
			starts = append(starts, initial(kp.Text)+"…")
		}
		t.Add(bot.P(strings.Join(starts, tn.t("list.sep"))))
	default:
		t.Add(bot.B(n + tn.t("ask.all_key_points")))
		for _, kp := range a.KeyPoints {
			t.Add(bot.P("• " + kp.Text))
		}
		t.Add(bot.P(tn.t("ask.now_try_answer_own")))
	}
	if cap := ratingCap(a, p.Hints); cap < grade.Easy {
		t.Add(bot.I(tn.t("ask.hints_suggested_rating_at", ratingLabel(tn, cap))))
	}
	if err := b.store.PutPending(ctx, p); err != nil {
		return nil, fmt.Errorf("save hint: %w", err)
	}
	return []bot.Reply{{Text: t, Private: tn.chat.Kind != bot.Private, ReplyTo: p.MessageID}}, nil
}

// initial returns the first characters of a key point: two for Chinese,
// the first word for English.
func initial(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	if r < utf8.RuneSelf {
		if i := strings.IndexAny(s, " /"); i > 0 {
			return s[:i]
		}
		return s
	}
	rs := []rune(s)
	return string(rs[:min(2, len(rs))])
}
