package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
	"github.com/interviewbot/interviewbot/bot"
)

// Mock interviews: /interview [N] [topic] asks N questions in a row (due
// and weak ones first), follows up once on an important missed point, and
// ends with a report card and a chart. A session lives in the store, so a
// restart resumes it; one left idle is paused and resumed on request, its
// clock stopped meanwhile.

const (
	defaultSessionLength = 5
)

// activeSession returns the person's session in this chat, if any.
func (b *Bot) activeSession(ctx context.Context, tn *turn) (bot.Session, bool, error) {
	if tn.chat.Kind != bot.Private {
		return bot.Session{}, false, nil
	}
	s, err := b.store.ActiveSession(ctx, tn.user.Key)
	if errors.Is(err, bot.ErrNotFound) || err == nil && s.ChatKey != tn.chat.Key {
		return bot.Session{}, false, nil
	}
	if err != nil {
		return bot.Session{}, false, fmt.Errorf("load session: %w", err)
	}
	return s, true, nil
}

// interview answers /interview [N] [topic]: it starts a session, or resumes
// the one in progress.
func (b *Bot) interview(ctx context.Context, tn *turn, args string) ([]bot.Reply, error) {
	if tn.chat.Kind != bot.Private {
		return []bot.Reply{{Text: bot.TextOf(tn.t("interview.mock_interviews_happen_private")), Private: true}}, nil
	}
	n, topic, notes, bad := b.interviewArgs(tn, args)
	if s, ok, err := b.activeSession(ctx, tn); err != nil || ok {
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(args) == "" {
			return b.resumeSession(ctx, tn, s)
		}
		return b.sessionRunning(ctx, tn, s, n, topic, bad)
	}
	if bad != "" {
		return []bot.Reply{{Text: bot.TextOf(bad)}}, nil
	}
	plan, err := b.planSession(ctx, tn, n, topic)
	if err != nil {
		return nil, err
	}
	if len(plan) == 0 {
		return []bot.Reply{{Text: bot.TextOf(tn.t("interview.no_questions_ask"))}}, nil
	}
	if len(plan) < n {
		notes = append(notes, tn.t("interview.only_n_questions_ask", len(plan)))
	}
	s := bot.Session{
		ID: tn.now.UTC().Format(time.RFC3339Nano), UserKey: tn.user.Key, ChatKey: tn.chat.Key, Topic: topic,
		Questions: plan, Stage: bot.StageQuestion, AskedAt: tn.now, LastActive: tn.now, Started: tn.now,
		Items: []bot.SessionItem{},
	}
	if err := b.store.PutSession(ctx, s); err != nil {
		return nil, fmt.Errorf("start session: %w", err)
	}
	intro := bot.TextOf(append(notes, tn.t("interview.mock_interview_n_questions",
		len(plan), formatDuration(tn, b.cfg.AnswerTarget)))...)
	q, _ := b.bank.Lookup(plan[0])
	return []bot.Reply{{Text: intro}, b.sessionQuestion(tn, s, q)}, nil
}

// interviewArgs reads /interview's arguments: an optional count, then an
// optional topic. notes say how a count out of range was taken; bad, when
// set, says why the arguments cannot be taken (a topic that does not
// exist).
func (b *Bot) interviewArgs(tn *turn, args string) (n int, topic string, notes []string, bad string) {
	n = defaultSessionLength
	rest := strings.TrimSpace(args)
	if f := strings.Fields(rest); len(f) > 0 {
		if v, err := strconv.Atoi(f[0]); err == nil {
			n = min(max(v, 1), bot.MaxSessionLength)
			switch {
			case v < 1:
				notes = append(notes, tn.t("interview.interview_has_at_least"))
			case v > bot.MaxSessionLength:
				notes = append(notes, tn.t("interview.interview_has_at_most", bot.MaxSessionLength, bot.MaxSessionLength))
			}
			rest = strings.TrimSpace(strings.TrimPrefix(rest, f[0]))
		}
	}
	if rest != "" {
		t, ok := b.findTopic(rest)
		if !ok {
			return n, "", notes, tn.t("interview.no_topic_x_topics", rest)
		}
		topic = t
	}
	return n, topic, notes, ""
}

// sessionRunning answers /interview with arguments while an interview
// runs: it says so, what the new request would have asked (or why it could
// not be taken), how to end the running one first, and asks its current
// question again.
func (b *Bot) sessionRunning(ctx context.Context, tn *turn, s bot.Session, n int, topic, bad string) ([]bot.Reply, error) {
	replies, err := b.resumeSession(ctx, tn, s)
	if err != nil || len(replies) == 0 {
		return replies, err
	}
	wanted := tn.t("interview.n_questions", n)
	if topic != "" {
		wanted = tn.t("interview.n_questions_topic", n, topicLabel(tn, topic))
	}
	t := bot.TextOf(tn.t("interview.already_running", s.Index+1, len(s.Questions), wanted))
	if bad != "" {
		t = bot.TextOf(bad, tn.t("interview.already_running_short", s.Index+1, len(s.Questions)))
	}
	if len(replies) > 1 {
		replies[0] = bot.Reply{Text: t}
	} else {
		replies = append([]bot.Reply{{Text: t}}, replies...)
	}
	return replies, nil
}

// planSession draws questions the way an interviewer would: due reviews
// first, then weak ones, then new ones, then the rest; within a topic when
// one is given, else spread across topics; no repeats.
func (b *Bot) planSession(ctx context.Context, tn *turn, n int, topic string) ([]string, error) {
	cards, err := b.store.Cards(ctx, tn.user.Key)
	if err != nil {
		return nil, fmt.Errorf("load cards: %w", err)
	}
	byQ := map[string]bot.ReviewCard{}
	for _, c := range cards {
		if q, ok := b.bank.Lookup(c.QuestionID); ok {
			byQ[q.ID] = c
		}
	}
	type cand struct {
		q    *bank.Question
		tier int
		key  float64
	}
	var cands []cand
	for i, q := range b.bank.Questions() {
		if !inTopic(q, topic) || selfRatedQuestion(q) {
			continue // a mock interview grades every answer
		}
		c, seen := byQ[q.ID]
		switch {
		case seen && c.Attempts > 0 && !c.Card.Due.After(tn.now):
			cands = append(cands, cand{q, 0, float64(c.Card.Due.Unix())})
		case seen && c.Attempts > 0 && c.LastCoverage < 0.6:
			cands = append(cands, cand{q, 1, c.LastCoverage})
		case !seen || c.Attempts == 0:
			cands = append(cands, cand{q, 2, float64(i)})
		default:
			cands = append(cands, cand{q, 3, c.LastCoverage})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].tier != cands[j].tier {
			return cands[i].tier < cands[j].tier
		}
		return cands[i].key < cands[j].key
	})
	// Spread: no topic gives more than its share of the questions (with
	// five topics, three questions come from three of them), but at most
	// half of them either.
	perTopic := map[string]int{}
	topics := map[string]bool{}
	for _, c := range cands {
		topics[c.q.Topic] = true
	}
	limit := int(math.Ceil(float64(n) / float64(max(2, len(topics)))))
	var plan []string
	taken := map[string]bool{}
	pick := func(spread bool) {
		for _, c := range cands {
			if len(plan) == n {
				return
			}
			if taken[c.q.ID] || spread && topic == "" && len(b.bank.Topics()) > 1 && perTopic[c.q.Topic] >= limit {
				continue
			}
			taken[c.q.ID] = true
			perTopic[c.q.Topic]++
			plan = append(plan, c.q.ID)
		}
	}
	pick(true)
	pick(false) // fill up if spreading left places empty
	return plan, nil
}

// sessionQuestion asks the session's current question.
func (b *Bot) sessionQuestion(tn *turn, s bot.Session, q *bank.Question) bot.Reply {
	var t bot.Text
	head := []bot.Span{bot.B(tn.t("interview.question_n_n", s.Index+1, len(s.Questions)))}
	if q.Topic != "" {
		head = append(head, bot.P(" · "+q.Topic))
	}
	t.Add(head...)
	for _, line := range strings.Split(q.Prompt, "\n") {
		t.Add(bot.B(line))
	}
	return bot.Reply{Text: t, Buttons: sessionButtons(tn, q.ID), Track: questionTrack(q.ID, tn.user.Key), Kind: bot.KindQuestion}
}

func sessionButtons(tn *turn, qid string) [][]bot.Button {
	return [][]bot.Button{{
		{Label: tn.t("ask.answer"), Action: "answer:" + qid, Form: true},
		{Label: tn.t("ask.skip"), Action: "skip:" + qid},
		{Label: tn.t("interview.end"), Action: "end"},
	}}
}

// sessionFollowUp asks the follow-up of the current question.
func (b *Bot) sessionFollowUp(tn *turn, s bot.Session) bot.Reply {
	var t bot.Text
	t.Add(bot.B(tn.t("interview.follow_up")))
	t.Add(bot.B(s.FollowUp.Prompt))
	return bot.Reply{Text: t, Buttons: sessionButtons(tn, s.Questions[s.Index]), Kind: bot.KindQuestion}
}

// checkIdle pauses a session that sat idle, so its clock does not count
// the pause; it returns the replies offering to resume, or nil.
func (b *Bot) checkIdle(ctx context.Context, tn *turn, s *bot.Session) ([]bot.Reply, error) {
	if !s.Paused && tn.now.Sub(s.LastActive) <= b.cfg.SessionIdle {
		return nil, nil
	}
	if !s.Paused {
		s.Paused = true
		if err := b.store.PutSession(ctx, *s); err != nil {
			return nil, err
		}
	}
	return []bot.Reply{{
		Text: bot.TextOf(tn.t("interview.mock_interview_stopped_at", s.Index+1, len(s.Questions))),
		Buttons: [][]bot.Button{{
			{Label: tn.t("interview.continue"), Action: "interview:resume"},
			{Label: tn.t("interview.end_report"), Action: "end"},
		}},
	}}, nil
}

// resumeSession asks the current question (or follow-up) again, its clock
// starting now.
func (b *Bot) resumeSession(ctx context.Context, tn *turn, s bot.Session) ([]bot.Reply, error) {
	s.Paused, s.AskedAt, s.LastActive = false, tn.now, tn.now
	if err := b.store.PutSession(ctx, s); err != nil {
		return nil, err
	}
	note := bot.Reply{Text: bot.TextOf(tn.t("interview.back_mock_interview_question", s.Index+1, len(s.Questions)))}
	if s.Stage == bot.StageFollowUp && s.FollowUp != nil {
		return []bot.Reply{note, b.sessionFollowUp(tn, s)}, nil
	}
	q, ok := b.bank.Lookup(s.Questions[s.Index])
	if !ok {
		return b.sessionAdvance(ctx, tn, s, nil)
	}
	return []bot.Reply{note, b.sessionQuestion(tn, s, q)}, nil
}

// sessionAnswer handles text typed during a session: the answer to the
// current question or follow-up.
func (b *Bot) sessionAnswer(ctx context.Context, tn *turn, s bot.Session, text string) ([]bot.Reply, error) {
	// An answer typed into a paused (or idle) interview resumes it and is
	// graded; how long it took is not known.
	var replies []bot.Reply
	untimed := s.Paused || tn.now.Sub(s.LastActive) > b.cfg.SessionIdle
	if untimed {
		s.Paused, s.LastActive = false, tn.now
		replies = append(replies, bot.Reply{Text: bot.TextOf(tn.t("interview.back_mock_interview_question", s.Index+1, len(s.Questions)))})
	}
	r, err := b.gradeSessionAnswer(ctx, tn, s, text, untimed)
	if err != nil || len(r) == 0 {
		return r, err
	}
	return append(replies, r...), nil
}

// gradeSessionAnswer grades an answer to the session's current question or
// follow-up and moves the session on.
func (b *Bot) gradeSessionAnswer(ctx context.Context, tn *turn, s bot.Session, text string, untimed bool) ([]bot.Reply, error) {
	q, ok := b.bank.Lookup(s.Questions[s.Index])
	if !ok {
		return b.sessionAdvance(ctx, tn, s, nil)
	}
	msg := incomingMessage(tn.ev)
	if msg != "" && msg == s.LastMessage {
		return b.sessionRedelivered(ctx, tn, s, q)
	}
	if tn.prior != nil && (s.Stage == bot.StageFollowUp || !q.HasID(tn.prior.QuestionID)) {
		// Recorded from this message, but not as the answer to the point
		// the session is at: only show its feedback again.
		return b.replayAnswer(ctx, tn)
	}
	s.LastMessage = msg
	seconds := int(tn.now.Sub(s.AskedAt).Seconds())
	timing := " · ⏱ " + formatDuration(tn, time.Duration(seconds)*time.Second)
	if untimed {
		seconds, timing = 0, tn.t("interview.untimed")
	}
	if s.Stage == bot.StageFollowUp && s.FollowUp != nil {
		res := b.grader.Grade(followUpQuestion(q, *s.FollowUp), text)
		if res.Empty {
			return graded{empty: true}.emptyReply(tn), nil
		}
		item := &s.Items[len(s.Items)-1]
		item.FollowUp = &bot.FollowUpResult{Point: s.FollowUp.Point, Coverage: res.Coverage, Seconds: seconds, Untimed: untimed}
		var t bot.Text
		t.Add(bot.B(tn.t("interview.follow_up_n_covered", percent(res.Coverage))), bot.P(timing))
		if res.Coverage < 1 {
			if also := otherPointsCovered(b.grader, q, *s.FollowUp, item.Missed, text); len(also) > 0 {
				t.Add(bot.P(tn.t("interview.follow_up_also", quoteList(tn, also), s.FollowUp.Point)))
			}
		}
		t.Add(bot.P(tn.t("interview.reference") + excerpt(plainReference(s.FollowUp.Reference, ""), s.FollowUp.Point, 90)))
		return b.sessionAdvance(ctx, tn, s, []bot.Reply{{Text: t, Kind: bot.KindFeedback}})
	}
	g, err := b.recordAnswer(ctx, tn, q, nil, nil, text)
	if err != nil || g.empty {
		return g.emptyReply(tn), err
	}
	s.Items = append(s.Items, bot.SessionItem{
		QuestionID: q.ID, AttemptID: g.att.ID, Coverage: g.res.Coverage, Seconds: seconds, Untimed: untimed, Missed: g.att.Missed,
	})
	var t bot.Text
	if time.Duration(seconds)*time.Second > b.cfg.AnswerTarget {
		timing += tn.t("interview.over_x_target", formatDuration(tn, b.cfg.AnswerTarget))
	}
	t.Add(bot.B(coverageLine(tn, g.res)), bot.P(timing))
	if len(g.att.Missed) > 0 {
		t.Add(bot.P(tn.t("group.missed") + strings.Join(g.att.Missed, tn.t("list.sep"))))
	}
	if tn.voice != nil {
		t.Add(bot.P(deliveryLine(tn, tn.voice.spoken)))
		addTranscript(tn, &t)
	}
	feedback := bot.Reply{Text: t, Kind: bot.KindFeedback}
	if fu := followUpFor(tn, q, g.res); fu != nil {
		s.Stage, s.FollowUp, s.AskedAt, s.LastActive = bot.StageFollowUp, fu, tn.now, tn.now
		if err := b.store.PutSession(ctx, s); err != nil {
			return nil, err
		}
		return []bot.Reply{feedback, b.sessionFollowUp(tn, s)}, nil
	}
	return b.sessionAdvance(ctx, tn, s, []bot.Reply{feedback})
}

// followUpFor returns the follow-up an interviewer would ask about the
// most important missed point, or nil when nothing important was missed.
// A point that names the question's subject (a word of its prompt, topic
// or file name) is no point to ask about. The most important is the
// first, in the answer's order, of another idea than the ones the reply
// got to: a point from the same sentence as a point covered is the other
// half of what was just said ("you mentioned
// Bug or edge cases — what about product features?"). The points are
// quoted, so a phrase cut from the notes reads as one, and an English term
// is not glued to the Chinese words around it.
func followUpFor(tn *turn, q *bank.Question, res grade.Result) *bot.FollowUp {
	if len(res.Missed) == 0 || res.Coverage >= 1 {
		return nil
	}
	answered := map[string]bool{}
	for _, p := range append(append([]grade.Point(nil), res.Covered...), res.Partial...) {
		answered[p.Reference] = true
	}
	// A point that only names the question's subject is never asked about;
	// one from a sentence answered is asked only when nothing else is left.
	var missed grade.Point
	for _, p := range res.Missed {
		if p.Reference == "" || namesSubject(q, p.Text) {
			continue
		}
		if missed.Reference == "" {
			missed = p
		}
		if !answered[p.Reference] {
			missed = p
			break
		}
	}
	if missed.Reference == "" {
		return nil
	}
	var prompt string
	switch {
	case len(res.Covered) > 0:
		prompt = tn.t("interview.follow_up_covered", res.Covered[0].Text, missed.Text)
	case len(res.Partial) > 0:
		prompt = tn.t("interview.follow_up_partial", res.Partial[0].Text, missed.Text)
	default:
		prompt = tn.t("interview.follow_up_missed", missed.Text)
	}
	return &bot.FollowUp{Point: missed.Text, Prompt: prompt, Reference: missed.Reference}
}

// followUpQuestion is the question a follow-up is graded as: its one key
// point, against that point's reference sentence.
func followUpQuestion(q *bank.Question, fu bot.FollowUp) *bank.Question {
	kp := bank.KeyPoint{Text: fu.Point, Sentence: fu.Reference}
	for _, a := range q.Answers() {
		for _, p := range a.KeyPoints {
			if p.Text == fu.Point {
				kp = p
			}
		}
	}
	return &bank.Question{ID: q.ID + "#follow-up", Prompt: fu.Prompt, Answer: bank.Answer{Text: fu.Reference, KeyPoints: []bank.KeyPoint{kp}}}
}

// sessionSkip moves on from the current question (rated as a miss, so it
// comes back soon) or from the follow-up.
func (b *Bot) sessionSkip(ctx context.Context, tn *turn, s bot.Session) ([]bot.Reply, error) {
	if r, err := b.checkIdle(ctx, tn, &s); r != nil || err != nil {
		return r, err
	}
	if s.Stage == bot.StageFollowUp && s.FollowUp != nil {
		s.Items[len(s.Items)-1].FollowUp = &bot.FollowUpResult{Point: s.FollowUp.Point, Skipped: true}
		return b.sessionAdvance(ctx, tn, s, []bot.Reply{{Text: bot.TextOf(tn.t("interview.follow_up_skipped"))}})
	}
	item := bot.SessionItem{QuestionID: s.Questions[s.Index], Skipped: true, Seconds: int(tn.now.Sub(s.AskedAt).Seconds())}
	if q, ok := b.bank.Lookup(item.QuestionID); ok {
		att, err := b.recordMiss(ctx, tn, q, bot.AttemptSkip)
		if err != nil {
			return nil, err
		}
		item.AttemptID, item.Missed = att.ID, att.Missed
	}
	s.Items = append(s.Items, item)
	return b.sessionAdvance(ctx, tn, s, []bot.Reply{{Text: bot.TextOf(tn.t("interview.skipped_one_comes_back"))}})
}

// recordMiss records a question not answered (a skip in an interview) as
// a miss: rated Again, so it comes back soon.
func (b *Bot) recordMiss(ctx context.Context, tn *turn, q *bank.Question, kind string) (bot.Attempt, error) {
	card, err := b.cardFor(ctx, tn.user.Key, q)
	if err != nil {
		return bot.Attempt{}, err
	}
	before := card.Card
	card.Card = b.review(before, tn.now, grade.Again)
	card.Attempts++
	card.LastCoverage, card.LastAt = 0, tn.now
	att := bot.Attempt{UserKey: tn.user.Key, ChatKey: tn.chat.Key, QuestionID: q.ID, Time: tn.now, Kind: kind,
		Missed: keyPointTexts(q.Answer.KeyPoints), Suggested: int(grade.Again), Rating: int(grade.Again), CardBefore: &before}
	u := tn.user
	countNew(&u, card, localDay(tn.now, b.zoneFor(tn.chat, tn.user)))
	saved, err := b.store.RecordAttempt(ctx, bot.AttemptCommit{Attempt: att, Card: &card, User: u})
	if err == nil {
		tn.user = u
	}
	return saved, err
}

// sessionAdvance moves to the next question, or ends the session with its
// report after the last.
func (b *Bot) sessionAdvance(ctx context.Context, tn *turn, s bot.Session, replies []bot.Reply) ([]bot.Reply, error) {
	s.Index++
	s.Stage, s.FollowUp, s.AskedAt, s.LastActive = bot.StageQuestion, nil, tn.now, tn.now
	if s.Index >= len(s.Questions) {
		return b.finishSession(ctx, tn, s, replies)
	}
	if err := b.store.PutSession(ctx, s); err != nil {
		return nil, err
	}
	q, ok := b.bank.Lookup(s.Questions[s.Index])
	if !ok {
		return b.sessionAdvance(ctx, tn, s, replies)
	}
	return append(replies, b.sessionQuestion(tn, s, q)), nil
}

// endSession answers /end: the session ends now with its report.
func (b *Bot) endSession(ctx context.Context, tn *turn) ([]bot.Reply, error) {
	s, ok, err := b.activeSession(ctx, tn)
	if err != nil {
		return nil, err
	}
	if !ok {
		return []bot.Reply{{Text: bot.TextOf(tn.t("interview.no_mock_interview_progress"))}}, nil
	}
	return b.finishSession(ctx, tn, s, nil)
}

// finishSession ends a session and returns its report card.
func (b *Bot) finishSession(ctx context.Context, tn *turn, s bot.Session, replies []bot.Reply) ([]bot.Reply, error) {
	s.Done, s.Ended, s.Stage, s.FollowUp = true, tn.now, bot.StageQuestion, nil
	if err := b.store.PutSession(ctx, s); err != nil {
		return nil, fmt.Errorf("end session: %w", err)
	}
	report, err := b.reportCard(ctx, tn, s)
	if err != nil {
		return nil, err
	}
	return append(replies, report), nil
}

// formatDuration writes a duration for a person: "1分05秒", "1m05s".
func formatDuration(tn *turn, d time.Duration) string {
	sec := int(d.Round(time.Second).Seconds())
	m, s := sec/60, sec%60
	switch {
	case m == 0:
		return tn.t("duration.seconds", s)
	case s == 0:
		return tn.t("duration.minutes", m)
	default:
		return tn.t("duration.minutes_seconds", m, s)
	}
}
