package bot

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
)

// ask picks a question for the turn's person and asks it.
func (b *Bot) ask(ctx context.Context, tn *turn) ([]Reply, error) {
	p, err := b.pickQuestion(ctx, tn.user, tn.chat, tn.now)
	if err != nil {
		return nil, err
	}
	if p.q == nil {
		msg := tn.t("题库里暂时没有别的题可问了。", "There is no other question to ask right now.")
		if tn.chat.Topic != "" {
			msg += tn.tf("（当前只练「%s」，用 /topic 切换回全部主题）", " (practising only “%s”; /topic with no name goes back to all topics)", tn.chat.Topic)
		}
		return []Reply{{Text: TextOf(msg), Private: tn.chat.Kind != Private}}, nil
	}
	if err := b.open(ctx, tn, p); err != nil {
		return nil, err
	}
	return []Reply{b.questionReply(tn.lang, p.q, tn.user.Key, p)}, nil
}

// open records that a question was asked: the person's open question, the
// chat's last question, the daily count of new questions.
func (b *Bot) open(ctx context.Context, tn *turn, p pick) error {
	pending := Pending{ChatKey: tn.chat.Key, UserKey: tn.user.Key, QuestionID: p.q.ID, AskedAt: tn.now, New: p.isNew}
	if err := b.store.PutPending(ctx, pending); err != nil {
		return fmt.Errorf("open question: %w", err)
	}
	tn.chat.LastAsked = p.q.ID
	if err := b.store.PutChat(ctx, tn.chat); err != nil {
		return fmt.Errorf("save chat: %w", err)
	}
	if p.isNew {
		today := localDay(tn.now, b.zoneFor(tn.chat, tn.user))
		if tn.user.NewDay != today {
			tn.user.NewDay, tn.user.NewCount = today, 0
		}
		tn.user.NewCount++
		if err := b.store.PutUser(ctx, tn.user); err != nil {
			return fmt.Errorf("save user: %w", err)
		}
	}
	return nil
}

// questionReply is the message that asks a question, with its buttons.
func (b *Bot) questionReply(lang string, q *bank.Question, userKey string, p pick) Reply {
	tt := &turn{lang: lang}
	var t Text
	label := tt.t("新题", "New")
	switch {
	case p.due:
		label = tt.t("复习", "Review")
	case !p.isNew:
		label = tt.t("提前复习", "Early review")
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
	t.Add(P(tt.t("直接回复这条消息作答；需要提示点「提示」。", "Reply to this message with your answer; tap Hint if you are stuck.")))
	return Reply{
		Text: t,
		Buttons: [][]Button{
			{{Label: tt.t("✍️ 作答", "✍️ Answer"), Action: "answer:" + q.ID, Form: true}},
			{
				{Label: tt.t("💡 提示", "💡 Hint"), Action: "hint:" + q.ID},
				{Label: tt.t("⏭ 跳过", "⏭ Skip"), Action: "skip:" + q.ID},
				{Label: tt.t("📖 看答案", "📖 Reveal"), Action: "reveal:" + q.ID},
			},
		},
		Track: questionTrack(q.ID, userKey),
		Kind:  KindQuestion,
	}
}

// hint gives the next hint for the open question: the outline, then the
// first characters of each key point, then the key points themselves.
func (b *Bot) hint(ctx context.Context, tn *turn, qid string) ([]Reply, error) {
	p, q, ok, err := b.openQuestion(ctx, tn, qid)
	if err != nil || !ok {
		return b.noOpenQuestion(tn), err
	}
	p.Hints++
	a := q.Answer
	var t Text
	level := p.Hints
	if a.Outline == "" && level == 1 {
		level = 2 // no outline: start with the shape of the key points
	}
	switch {
	case level >= 2 && len(a.KeyPoints) == 0:
		t.Add(P(tn.t("💡 笔记里没有更多提示了：这道题没有参考答案，按你的理解作答，之后自己评分。",
			"💡 The notes have no more hints: this question has no reference answer. Answer as you understand it, then rate yourself.")))
	case level == 1:
		t.Add(B(tn.t("💡 提示 1 · 提纲", "💡 Hint 1 · outline")))
		for _, l := range strings.Split(a.Outline, "\n") {
			t.AddQuote(P(l))
		}
	case level == 2:
		t.Add(B(tn.tf("💡 提示 · %d 个要点，开头是：", "💡 Hint · %d key points, starting with:", len(a.KeyPoints))))
		var starts []string
		for _, kp := range a.KeyPoints {
			starts = append(starts, initial(kp.Text)+"…")
		}
		t.Add(P(strings.Join(starts, tn.t("、", ", "))))
	default:
		t.Add(B(tn.t("💡 要点全在这里了：", "💡 Here are all the key points:")))
		for _, kp := range a.KeyPoints {
			t.Add(P("• " + kp.Text))
		}
		t.Add(P(tn.t("现在试着用自己的话串起来作答。", "Now try to answer in your own words.")))
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
