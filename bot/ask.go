package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// ask answers /next: the person's open question again if there is one,
// else a new pick. args "new" asks a new question past the daily cap (and
// replaces an open one); "review" allows a review before it is due.
func (b *Bot) ask(ctx context.Context, tn *turn, args string) ([]Reply, error) {
	mode := pickNext
	switch strings.ToLower(strings.TrimSpace(args)) {
	case "new", "新题":
		mode = pickNew
	case "review", "early", "复习":
		mode = pickAny
	}
	if mode != pickNew {
		if p, q, ok, err := b.openQuestion(ctx, tn, ""); err != nil || ok {
			if err != nil {
				return nil, err
			}
			return b.restateQuestion(tn, p, q), nil
		}
	}
	p, err := b.pickQuestion(ctx, tn.user, tn.chat, tn.now, mode)
	if err != nil {
		return nil, err
	}
	if p.capped {
		return b.capReached(tn, p), nil
	}
	if p.q == nil {
		msg := tn.t("题库里暂时没有别的题可问了。", "There is no other question to ask right now.")
		if tn.chat.Topic != "" {
			msg += tn.tf("（当前只练「%s」，用 /topic 切换回全部主题）", " (practising only “%s”; /topic with no name goes back to all topics)", topicLabel(tn, tn.chat.Topic))
		}
		return []Reply{{Text: TextOf(msg), Private: tn.chat.Kind != Private}}, nil
	}
	if err := b.open(ctx, tn, p); err != nil {
		return nil, err
	}
	return []Reply{b.questionReply(tn, p.q, tn.user.Key, p)}, nil
}

// restateQuestion shows the person's open question again, as a new
// message that replies also answer.
func (b *Bot) restateQuestion(tn *turn, p Pending, q *bank.Question) []Reply {
	r := b.questionReply(tn, q, tn.user.Key, pick{isNew: p.New})
	r.Text = append(TextOf(tn.t("你还有一道题没答完：", "You have an open question:")), r.Text...)
	return []Reply{r}
}

// capReached says that the daily cap of new questions is reached and what
// the person can do.
func (b *Bot) capReached(tn *turn, p pick) []Reply {
	msg := tn.tf("今天已经练了 %d 道新题（每天上限 %d）——到明天之前只安排复习，现在没有到期的复习。想再来一道新题：/next new",
		"%d new questions today (the daily cap is %d) — reviews only until tomorrow, and none is due now. For one more new question: /next new",
		p.newToday, b.cfg.NewPerDay)
	return []Reply{{
		Text: TextOf(msg),
		Buttons: [][]Button{{
			{Label: tn.t("➕ 再来一道新题", "➕ One more new question"), Action: "next:new"},
			{Label: tn.t("🔁 提前复习", "🔁 Review early"), Action: "next:review"},
		}},
		Private: tn.chat.Kind != Private,
	}}
}

// open records that a question was asked: the person's open question and
// the chat's last question. (A new question counts toward the daily cap
// when it is answered, not when it is shown.)
func (b *Bot) open(ctx context.Context, tn *turn, p pick) error {
	pending := Pending{ChatKey: tn.chat.Key, UserKey: tn.user.Key, QuestionID: p.q.ID, AskedAt: tn.now, New: p.isNew}
	if err := b.store.PutPending(ctx, pending); err != nil {
		return fmt.Errorf("open question: %w", err)
	}
	tn.chat.LastAsked = p.q.ID
	if err := b.store.PutChat(ctx, tn.chat); err != nil {
		return fmt.Errorf("save chat: %w", err)
	}
	return nil
}

// questionReply is the message that asks a question, with its buttons.
func (b *Bot) questionReply(tn *turn, q *bank.Question, userKey string, p pick) Reply {
	var t Text
	label := tn.t("新题", "New")
	switch {
	case p.due:
		label = tn.t("复习", "Review")
	case !p.isNew:
		label = tn.t("提前复习", "Early review")
	}
	head := []Span{B("❓ " + label)}
	if q.Topic != "" {
		head = append(head, P(" · "+q.Topic))
	}
	t.Add(head...)
	for _, line := range strings.Split(q.Prompt, "\n") {
		t.Add(B(line))
	}
	if q.Note != "" {
		t.Add(I("（" + q.Note + "）"))
	}
	t.Blank()
	t.Add(P(howToAnswer(tn)))
	return Reply{
		Text: t,
		Buttons: [][]Button{
			{{Label: tn.t("✍️ 作答", "✍️ Answer"), Action: "answer:" + q.ID, Form: true}},
			{
				{Label: tn.t("💡 提示", "💡 Hint"), Action: "hint:" + q.ID},
				{Label: tn.t("⏭ 跳过", "⏭ Skip"), Action: "skip:" + q.ID},
				{Label: tn.t("📖 看答案", "📖 Reveal"), Action: "reveal:" + q.ID},
			},
		},
		Track: questionTrack(q.ID, userKey),
		Kind:  KindQuestion,
	}
}

// howToAnswer is the line under a question that says how to answer it:
// in a chat, reply and tap; in a terminal, type (a paragraph ends with an
// empty line) and use commands.
func howToAnswer(tn *turn) string {
	if tn.chat.Platform == Console {
		return tn.t("输入你的回答，空一行发送（可以多行）；/hint 提示 · /skip 跳过 · /reveal 看答案。",
			"Type your answer and send it with an empty line (it may run over several lines); /hint for a hint · /skip · /reveal.")
	}
	return tn.t("直接回复这条消息作答；需要提示点「提示」。", "Reply to this message with your answer; tap Hint if you are stuck.")
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
func (b *Bot) hint(ctx context.Context, tn *turn, qid string) ([]Reply, error) {
	p, q, ok, err := b.openQuestion(ctx, tn, qid)
	if err != nil || !ok {
		return b.noOpenQuestion(tn), err
	}
	a := q.Answer
	stages := hintStages(a)
	var t Text
	if p.Hints >= len(stages) {
		t.Add(P(tn.t("💡 没有更多提示了：要点都已经给出。用自己的话作答，或者 /reveal 看参考答案。",
			"💡 No more hints: every key point has been shown. Answer in your own words, or /reveal the reference answer.")))
		return []Reply{{Text: t, Private: tn.chat.Kind != Private, ReplyTo: p.MessageID}}, nil
	}
	p.Hints++
	n := tn.tf("💡 提示 %d/%d", "💡 Hint %d of %d", p.Hints, len(stages))
	switch stages[p.Hints-1] {
	case hintOutline:
		t.Add(B(n + tn.t(" · 提纲", " · outline")))
		for _, l := range strings.Split(a.Outline, "\n") {
			t.AddQuote(P(l))
		}
	case hintInitials:
		t.Add(B(n + tn.tf(" · %d 个要点，开头是：", " · %d key points, starting with:", len(a.KeyPoints))))
		var starts []string
		for _, kp := range a.KeyPoints {
			starts = append(starts, initial(kp.Text)+"…")
		}
		t.Add(P(strings.Join(starts, tn.t("、", ", "))))
	default:
		t.Add(B(n + tn.t(" · 全部要点：", " · all the key points:")))
		for _, kp := range a.KeyPoints {
			t.Add(P("• " + kp.Text))
		}
		t.Add(P(tn.t("现在试着用自己的话串起来作答。", "Now try to answer in your own words.")))
	}
	if cap := ratingCap(a, p.Hints); cap < grade.Easy {
		t.Add(I(tn.tf("（用了提示，建议评分最高「%s」）", "(With hints, the suggested rating is at most “%s”.)", ratingLabel(tn, cap))))
	}
	if err := b.store.PutPending(ctx, p); err != nil {
		return nil, fmt.Errorf("save hint: %w", err)
	}
	return []Reply{{Text: t, Private: tn.chat.Kind != Private, ReplyTo: p.MessageID}}, nil
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
