package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
)

// Group practice: a question put to a whole group is a round. Every member
// may answer (a reply to the question, or the Answer form); each answer is
// graded for that member, stored in their own progress and answered
// privately where the platform allows. A summary closes the round after
// Config.RoundLength, or when an admin sends /reveal. /top ranks members.

// roundTrack is the Track of a round's question message.
func roundTrack(roundID, qid string) string { return "r:" + roundID + ":" + qid }

// roundReplayGap is how long a question rests in a group before it may be
// asked there again.
const roundReplayGap = 72 * time.Hour

// startRound picks the group's next question and opens a round with the
// given ID. Starting is idempotent: an existing round with the ID is
// returned as it is.
func (b *Bot) startRound(ctx context.Context, chat *bot.ChatRecord, id string, now time.Time) (bot.Round, *bank.Question, error) {
	if r, err := b.store.Round(ctx, chat.Key, id); err == nil {
		q, _ := b.bank.Lookup(r.QuestionID)
		return r, q, nil
	} else if !errors.Is(err, bot.ErrNotFound) {
		return bot.Round{}, nil, err
	}
	q, err := b.pickRoundQuestion(ctx, *chat, now)
	if err != nil || q == nil {
		return bot.Round{}, nil, err
	}
	r, err := b.store.StartRound(ctx, bot.Round{ChatKey: chat.Key, ID: id, QuestionID: q.ID, StartedAt: now, CloseAt: now.Add(b.cfg.RoundLength)})
	if err != nil {
		return bot.Round{}, nil, fmt.Errorf("start round: %w", err)
	}
	chat.LastAsked = q.ID
	if err := b.store.PutChat(ctx, *chat); err != nil {
		return bot.Round{}, nil, err
	}
	if rq, ok := b.bank.Lookup(r.QuestionID); ok {
		q = rq
	}
	return r, q, nil
}

// pickRoundQuestion chooses a group's next question: one the group has not
// had yet (in the notes' order, follow-ups after their question), else the
// one the group covered worst that has rested a few days, else the one it
// had longest ago; within the chat's topic, never the last one.
func (b *Bot) pickRoundQuestion(ctx context.Context, chat bot.ChatRecord, now time.Time) (*bank.Question, error) {
	rounds, err := b.store.Rounds(ctx, chat.Key)
	if err != nil {
		return nil, err
	}
	type history struct {
		last     time.Time
		coverage float64
	}
	asked := map[string]history{}
	for _, r := range rounds {
		q, ok := b.bank.Lookup(r.QuestionID)
		if !ok {
			continue
		}
		asked[q.ID] = history{last: r.StartedAt, coverage: averageCoverage(r)}
	}
	ok := func(q *bank.Question) bool {
		return inTopic(q, chat.Topic) && !q.HasID(chat.LastAsked)
	}
	for _, q := range b.bank.Questions() {
		if _, seen := asked[q.ID]; seen || !ok(q) {
			continue
		}
		if _, parentAsked := asked[q.Parent]; q.Parent != "" && !parentAsked {
			continue
		}
		return q, nil
	}
	var weakest, oldest *bank.Question
	for id, h := range asked {
		q, _ := b.bank.Lookup(id)
		if !ok(q) {
			continue
		}
		if now.Sub(h.last) >= roundReplayGap && (weakest == nil || h.coverage < asked[weakest.ID].coverage) {
			weakest = q
		}
		if oldest == nil || h.last.Before(asked[oldest.ID].last) {
			oldest = q
		}
	}
	if weakest != nil {
		return weakest, nil
	}
	return oldest, nil
}

func averageCoverage(r bot.Round) float64 {
	if len(r.Answers) == 0 {
		return 0
	}
	sum := 0.0
	for _, a := range r.Answers {
		sum += a.Coverage
	}
	return sum / float64(len(r.Answers))
}

// roundQuestionReply is the message that puts a round's question to the
// group. It says how to answer as the platform allows: by replying to it,
// with the Answer form, or either.
func (b *Bot) roundQuestionReply(lang string, caps bot.Capabilities, q *bank.Question, r bot.Round) bot.Reply {
	tt := &turn{lang: lang}
	var t bot.Text
	head := []bot.Span{bot.B(tt.t("group.group_question"))}
	if q.Topic != "" {
		head = append(head, bot.P(" · "+q.Topic))
	}
	t.Add(head...)
	for _, line := range strings.Split(q.Prompt, "\n") {
		t.Add(bot.B(line))
	}
	t.Blank()
	hours := int(b.cfg.RoundLength.Round(time.Hour).Hours())
	switch {
	case caps.GroupReplies && caps.Forms:
		t.Add(bot.P(tt.t("group.answer_by_replying_message", hours)))
	case caps.Forms:
		t.Add(bot.P(tt.t("group.answer_by_form", hours)))
	default:
		t.Add(bot.P(tt.t("group.answer_by_reply", hours)))
	}
	return bot.Reply{
		Text: t,
		Buttons: [][]bot.Button{{
			{Label: tt.t("ask.answer"), Action: "answer:" + q.ID, Form: true},
			{Label: tt.t("ask.hint"), Action: "hint:" + q.ID},
		}},
		Track: roundTrack(r.ID, q.ID),
		Kind:  bot.KindRound,
		Title: firstLineOf(q.Prompt, 100),
	}
}

// unreadReply answers a reply to a round's question where the platform
// does not let the bot read replies (it read this one only because it
// mentions the bot): one line saying how to answer, not graded.
func (b *Bot) unreadReply(tn *turn) []bot.Reply {
	line := bot.TextOf(tn.t("group.tap_answer_to_answer"))
	return []bot.Reply{{Text: line, Private: true, Unreachable: line, ReplyTo: tn.ev.MessageID}}
}

// groupNext answers /next in a group: the open round's question, or a new
// round.
func (b *Bot) groupNext(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	if r, err := b.store.OpenRound(ctx, tn.chat.Key); err == nil {
		return []bot.Reply{{
			Text:    bot.TextOf(tn.t("group.round_s_question_still")),
			ReplyTo: r.MessageID,
			Private: true,
		}}, nil
	} else if !errors.Is(err, bot.ErrNotFound) {
		return nil, err
	}
	r, q, err := b.startRound(ctx, &tn.chat, "n-"+tn.now.UTC().Format(time.RFC3339Nano), tn.now)
	if err != nil {
		return nil, err
	}
	if q == nil {
		return []bot.Reply{{Text: bot.TextOf(tn.t("group.no_other_question_right")), Private: true}}, nil
	}
	return []bot.Reply{b.roundQuestionReply(tn.lang, b.caps(tn.chat.Platform), q, r)}, nil
}

// groupHint gives a member a hint for the open round, privately.
func (b *Bot) groupHint(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	r, err := b.store.OpenRound(ctx, tn.chat.Key)
	if errors.Is(err, bot.ErrNotFound) {
		return []bot.Reply{{Text: bot.TextOf(tn.t("group.no_open_question")), Private: true}}, nil
	}
	if err != nil {
		return nil, err
	}
	q, ok := b.bank.Lookup(r.QuestionID)
	if !ok {
		return nil, fmt.Errorf("round question %s not in the bank", r.QuestionID)
	}
	var t bot.Text
	if q.Answer.Outline != "" {
		t.Add(bot.B(tn.t("group.outline")))
		for _, l := range strings.Split(q.Answer.Outline, "\n") {
			t.AddQuote(bot.P(l))
		}
	} else {
		var starts []string
		for _, kp := range q.Answer.KeyPoints {
			starts = append(starts, initial(kp.Text)+"…")
		}
		t.Add(bot.B(tn.t("group.n_key_points_starting", len(starts))), bot.P(strings.Join(starts, tn.t("list.sep"))))
	}
	return []bot.Reply{{Text: t, Private: true}}, nil
}

// groupReveal closes the open round now and posts its summary (the
// command table lets only admins).
func (b *Bot) groupReveal(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	r, err := b.store.OpenRound(ctx, tn.chat.Key)
	if errors.Is(err, bot.ErrNotFound) {
		return []bot.Reply{{Text: bot.TextOf(tn.t("group.no_open_question")), Private: true}}, nil
	}
	if err != nil {
		return nil, err
	}
	summary := b.roundSummary(tn.chat, r)
	closed, err := b.store.CloseRound(ctx, tn.chat.Key, r.ID, tn.now, nil)
	if err != nil || !closed {
		return nil, err
	}
	return []bot.Reply{summary}, nil
}

// closeDueRounds posts the summaries of rounds whose time is up, through
// the outbox. It returns how many it closed.
func (b *Bot) closeDueRounds(ctx context.Context, now time.Time) (int, error) {
	due, err := b.store.DueRounds(ctx, now)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, r := range due {
		if err := b.closeRound(ctx, r, now); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

// closeRound closes a round and enqueues its summary.
func (b *Bot) closeRound(ctx context.Context, r bot.Round, now time.Time) error {
	chat, err := b.store.Chat(ctx, r.ChatKey)
	if err != nil {
		return fmt.Errorf("close round %s: %w", r.ID, err)
	}
	d := bot.Delivery{
		ID: "summary/" + r.ChatKey + "/" + r.ID, Chat: chat.Chat(), Reply: b.roundSummary(chat, r),
		Created: now, NextTry: now,
	}
	if _, err := b.store.CloseRound(ctx, r.ChatKey, r.ID, now, &d); err != nil {
		return fmt.Errorf("close round %s: %w", r.ID, err)
	}
	return nil
}

// roundSummary is the one message that closes a round: who answered, the
// average coverage, the most missed key point, and the reference answer.
func (b *Bot) roundSummary(chat bot.ChatRecord, r bot.Round) bot.Reply {
	tn := &turn{lang: b.langFor(chat, bot.UserRecord{}, "")}
	var t bot.Text
	t.Add(bot.B(tn.t("group.round_summary")))
	q, ok := b.bank.Lookup(r.QuestionID)
	if ok {
		t.Add(bot.P("❓ " + firstLineOf(q.Prompt, 60)))
	}
	answers := make([]bot.RoundAnswer, 0, len(r.Answers))
	for _, a := range r.Answers {
		answers = append(answers, a)
	}
	sort.Slice(answers, func(i, j int) bool {
		if answers[i].Coverage != answers[j].Coverage {
			return answers[i].Coverage > answers[j].Coverage
		}
		return answers[i].At.Before(answers[j].At)
	})
	if len(answers) == 0 {
		t.Add(bot.P(tn.t("group.nobody_answered_round")))
	} else {
		t.Add(bot.P(tn.t("group.n_answered_average_coverage", len(answers), percent(averageCoverage(r)))))
		if point, n := mostMissed(q, answers); point != "" {
			t.Add(bot.P(tn.t("group.most_missed")), bot.B(point), bot.P(tn.t("group.n_of_n", n, len(answers))))
		}
		var names []string
		for _, a := range answers {
			names = append(names, fmt.Sprintf("%s %d%%", displayName(a), percent(a.Coverage)))
		}
		t.Add(bot.P("🏅 " + strings.Join(names, " · ")))
	}
	if ok {
		t.Blank()
		t.Add(bot.B(tn.t("commands.reference_answer")))
		addAnswer(tn, &t, q.Answer)
	}
	return bot.Reply{Text: t, Kind: bot.KindInfo}
}

// mostMissed returns the key point most members missed, and how many.
func mostMissed(q *bank.Question, answers []bot.RoundAnswer) (string, int) {
	counts := map[string]int{}
	for _, a := range answers {
		for _, m := range a.Missed {
			counts[m]++
		}
	}
	best, n := "", 0
	order := []string{}
	if q != nil {
		order = keyPointTexts(q.Answer.KeyPoints)
	}
	for p := range counts {
		if !slices.Contains(order, p) {
			order = append(order, p)
		}
	}
	for _, p := range order {
		if counts[p] > n {
			best, n = p, counts[p]
		}
	}
	return best, n
}

func displayName(a bot.RoundAnswer) string {
	if a.Name != "" {
		return a.Name
	}
	_, id, _ := strings.Cut(a.UserKey, ":")
	return id
}

// standing is a member's place on a group's leaderboard.
type standing struct {
	name                string
	week, total, streak int
}

// top answers /top: the week's and all-time leaderboards by points (a
// round's coverage as a percentage) and the answering streaks.
func (b *Bot) top(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	if tn.chat.Kind == bot.Private {
		return []bot.Reply{{Text: bot.TextOf(tn.t("group.leaderboard_study_groups_add"))}}, nil
	}
	rounds, err := b.store.Rounds(ctx, tn.chat.Key)
	if err != nil {
		return nil, err
	}
	loc := b.zoneFor(tn.chat, bot.UserRecord{})
	local := tn.now.In(loc)
	weekStart := time.Date(local.Year(), local.Month(), local.Day()-(int(local.Weekday())+6)%7, 0, 0, 0, 0, loc)
	members := map[string]*standing{}
	for _, r := range rounds {
		for key, a := range r.Answers {
			s := members[key]
			if s == nil {
				s = &standing{}
				members[key] = s
			}
			s.name = displayName(a)
			pts := percent(a.Coverage)
			s.total += pts
			if !a.At.Before(weekStart) {
				s.week += pts
			}
		}
	}
	for key, s := range members {
		for i := len(rounds) - 1; i >= 0; i-- {
			if _, answered := rounds[i].Answers[key]; answered {
				s.streak++
			} else if rounds[i].Closed {
				break // an open round not answered yet does not break a streak
			}
		}
	}
	var t bot.Text
	t.Add(bot.B(tn.t("group.leaderboard")))
	if len(members) == 0 {
		t.Add(bot.P(tn.t("group.nobody_has_answered_group")))
		return []bot.Reply{{Text: t}}, nil
	}
	list := make([]*standing, 0, len(members))
	for _, s := range members {
		list = append(list, s)
	}
	board := func(label string, score func(*standing) int) {
		sort.SliceStable(list, func(i, j int) bool {
			if score(list[i]) != score(list[j]) {
				return score(list[i]) > score(list[j])
			}
			return list[i].name < list[j].name
		})
		var parts []string
		for i, s := range list {
			if i == 10 || score(s) == 0 {
				break
			}
			parts = append(parts, fmt.Sprintf("%d. %s %d", i+1, s.name, score(s)))
		}
		if len(parts) == 0 {
			parts = []string{"—"}
		}
		t.Add(bot.B(label), bot.P(strings.Join(parts, " · ")))
	}
	board(tn.t("group.week"), func(s *standing) int { return s.week })
	board(tn.t("group.all_time"), func(s *standing) int { return s.total })
	board(tn.t("group.streak_rounds"), func(s *standing) int { return s.streak })
	t.Add(bot.I(tn.t("group.points_coverage_per_round")))
	return []bot.Reply{{Text: t}}, nil
}
