package engine_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

func TestAskAnswerFeedback(t *testing.T) {
	h := newHarness(t)
	rs := h.cmd("next", "")
	if len(rs) != 1 || rs[0].Kind != bot.KindQuestion {
		t.Fatalf("want one question, got %q", text(rs))
	}
	mustContain(t, text(rs), "什么是 RPO 和 RTO？", "容灾")
	acts := strings.Join(actions(rs), " ")
	mustContain(t, acts, "answer:rpo", "hint:rpo", "skip:rpo", "reveal:rpo")

	rs = h.say("RPO 决定能丢多少数据，RTO 是恢复时间，所以要定好备份频率。")
	if len(rs) != 2 {
		t.Fatalf("want the question edited and feedback, got %d replies: %q", len(rs), text(rs))
	}
	if rs[0].Edit == "" || len(rs[0].Buttons) != 0 {
		t.Errorf("the question message should be edited without buttons: %+v", rs[0])
	}
	mustContain(t, rs[0].Text.Plain(), "已作答")
	fb := rs[1]
	mustContain(t, fb.Text.Plain(), "覆盖 3/3 个要点 · 100%", "参考答案")
	var suggested string
	for _, b := range fb.Buttons[0] {
		if b.Suggested {
			suggested = b.Action
		}
	}
	if !strings.HasSuffix(suggested, ":4") {
		t.Errorf("full coverage should suggest Easy, got %q", suggested)
	}

	atts, err := h.db.Attempts(h.ctx, h.user.Key())
	if err != nil || len(atts) != 1 {
		t.Fatalf("attempts %v %v", atts, err)
	}
	if a := atts[0]; a.Coverage != 1 || a.QuestionID != "rpo" || a.Rating != 4 || a.CardBefore == nil {
		t.Errorf("attempt = %+v", a)
	}
	card, err := h.db.Card(h.ctx, h.user.Key(), "rpo")
	if err != nil || !card.Card.Due.After(h.clock.Now().Add(24*time.Hour)) {
		t.Errorf("card due %v (err %v), want days ahead", card.Card.Due, err)
	}
	if _, err := h.db.Pending(h.ctx, h.chat.Key(), h.user.Key()); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("the question should be closed, pending err = %v", err)
	}
	// Text with no open question gets a helpful answer.
	mustContain(t, text(h.say("还有吗")), "现在没有待回答的题", "/next")
}

func TestReplyToQuestionMessageAnswersThatQuestion(t *testing.T) {
	h := newHarness(t)
	first := h.cmd("next", "")
	if askedQuestion(t, first) != "rpo" {
		t.Fatalf("first question %q", text(first))
	}
	firstMsg := "m" + strconv.Itoa(h.msgID)
	second := h.cmd("next", "new")
	if askedQuestion(t, second) == "rpo" {
		t.Fatal("asked the same question twice in a row")
	}
	rs := h.event(bot.Event{Kind: bot.EventMessage, Text: "RPO 是可以丢多少数据，RTO 是多久恢复", ReplyTo: firstMsg})
	atts, _ := h.db.Attempts(h.ctx, h.user.Key())
	if len(atts) != 1 || atts[0].QuestionID != "rpo" {
		t.Fatalf("answer graded against %+v; replies %q", atts, text(rs))
	}
	// The second question is still open.
	if p, err := h.db.Pending(h.ctx, h.chat.Key(), h.user.Key()); err != nil || p.QuestionID == "rpo" {
		t.Errorf("open question %+v %v", p, err)
	}
}

func TestHintsGoFromOutlineToKeyPoints(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	mustContain(t, text(h.cmd("hint", "")), "提纲", "定义 → 区别 → 例子")
	mustContain(t, text(h.cmd("hint", "")), "3 个要点", "恢复…")
	mustContain(t, text(h.press("hint:rpo")), "恢复点目标（RPO）", "备份频率")
	h.say("RPO 是可以丢多少数据")
	atts, _ := h.db.Attempts(h.ctx, h.user.Key())
	if atts[0].Hints != 3 {
		t.Errorf("hints recorded %d, want 3", atts[0].Hints)
	}
}

func TestSkipAndRevealAndRating(t *testing.T) {
	h := newHarness(t)
	first := askedQuestion(t, h.cmd("next", ""))
	rs := h.cmd("skip", "")
	mustContain(t, text(rs), "已跳过")
	next := askedQuestion(t, rs)
	if next == first {
		t.Error("skip asked the skipped question again")
	}
	rs = h.press("reveal:" + next)
	mustContain(t, text(rs), "参考答案", "记为没答出")
	card, err := h.db.Card(h.ctx, h.user.Key(), next)
	if err != nil || card.Card.Due.After(h.clock.Now().Add(49*time.Hour)) {
		t.Errorf("a reveal rates Again: due %v err %v", card.Card.Due, err)
	}
	atts, _ := h.db.Attempts(h.ctx, h.user.Key())
	if len(atts) != 2 || atts[0].Kind != bot.AttemptSkip || atts[1].Kind != bot.AttemptReveal || atts[1].Rating != 1 {
		t.Fatalf("attempts %+v", atts)
	}

	// A tapped rating replaces the suggested one, from the card as it was.
	h.cmd("next", "")
	rs = h.say("完全不知道")
	var again, easy string
	for _, b := range rs[len(rs)-1].Buttons[0] {
		switch {
		case strings.HasSuffix(b.Action, ":1"):
			again = b.Action
		case strings.HasSuffix(b.Action, ":4"):
			easy = b.Action
		}
	}
	if again == "" || easy == "" {
		t.Fatalf("rating buttons missing: %v", actions(rs))
	}
	mustContain(t, text(h.press(easy)), "简单", "下次复习")
	atts, _ = h.db.Attempts(h.ctx, h.user.Key())
	last := atts[len(atts)-1]
	card, _ = h.db.Card(h.ctx, h.user.Key(), last.QuestionID)
	if last.Rating != 4 || last.Suggested != 1 || !card.Card.Due.After(h.clock.Now().Add(72*time.Hour)) {
		t.Errorf("rerated attempt %+v, due %v", last, card.Card.Due)
	}
}

func TestHostileReplies(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	mustContain(t, text(h.say("   👍 。。")), "回答是空的")
	if atts, _ := h.db.Attempts(h.ctx, h.user.Key()); len(atts) != 0 {
		t.Fatal("an empty reply must not be recorded")
	}
	rs := h.say(strings.Repeat("<b>&amp;</b> RPO ", 8000) + "\xff\xfe")
	mustContain(t, text(rs), "回答太长", "无法识别的字节", "覆盖")
	atts, _ := h.db.Attempts(h.ctx, h.user.Key())
	if len(atts) != 1 {
		t.Fatalf("the long reply should be recorded once, got %d", len(atts))
	}
	h.cmd("next", "")
	rs = h.say("<script>alert(1)</script> & **bold** `code`")
	mustContain(t, text(rs), "覆盖")
}

// TestDontKnowIsRecordedKindly: "不知道" is an attempt like any other (the
// card is due again soon) and the feedback encourages instead of asking
// whether it answered another question.
func TestDontKnowIsRecordedKindly(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	fb := text(h.say("我不知道"))
	mustContain(t, fb, "没关系", "覆盖 0/3", "漏掉", "参考答案")
	if strings.Contains(fb, "另一道题") {
		t.Errorf("an admission was taken for an answer to another question:\n%s", fb)
	}
	atts, _ := h.db.Attempts(h.ctx, h.user.Key())
	if len(atts) != 1 || atts[0].Coverage != 0 || atts[0].Rating != 1 {
		t.Fatalf("attempts = %+v, want one at 0%% rated Again", atts)
	}
}

func TestUnknownCommandAndGroupQuiet(t *testing.T) {
	h := newHarness(t)
	mustContain(t, text(h.cmd("frobnicate", "")), "不认识 /frobnicate", "/help")
	group := bot.Chat{Platform: bot.Telegram, ID: "-5", Kind: bot.Group, Title: "study"}
	if rs := h.event(bot.Event{Kind: bot.EventMessage, Chat: group, Text: "大家好"}); len(rs) != 0 {
		t.Errorf("chatter in a group should get no reply, got %q", text(rs))
	}
	rs := h.event(bot.Event{Kind: bot.EventCommand, Chat: group, Command: "subscribe", Args: "09:00"})
	mustContain(t, text(rs), "只有群管理员")
	rs = h.event(bot.Event{Kind: bot.EventCommand, Chat: group, Command: "subscribe", Args: "09:00", Admin: true})
	mustContain(t, text(rs), "已订阅")
}

func TestLanguageAndTimezone(t *testing.T) {
	h := newHarness(t)
	mustContain(t, text(h.cmd("lang", "en")), "English from now on")
	mustContain(t, text(h.cmd("next", "")), "New", "Reply to this message")
	mustContain(t, text(h.cmd("timezone", "Mars/Base")), "is not a time zone")
	mustContain(t, text(h.cmd("timezone", "Europe/Berlin")), "Europe/Berlin")
	u, _ := h.db.User(h.ctx, h.user.Key())
	if u.TZ != "Europe/Berlin" || u.Lang != "en" {
		t.Errorf("user %+v", u)
	}
	// A person whose platform speaks English gets English by default.
	en := bot.User{Platform: bot.Telegram, ID: "200", Name: "Bob", Lang: "en-US"}
	rs := h.event(bot.Event{Kind: bot.EventCommand, Command: "start", User: en, Chat: bot.Chat{Platform: bot.Telegram, ID: "200", Kind: bot.Private}})
	mustContain(t, text(rs), "mock interviewer")
}

func TestSubscribeSaysWhenAndRejectsBadSpecs(t *testing.T) {
	h := newHarness(t) // 08:00 UTC = 16:00 Asia/Shanghai
	mustContain(t, text(h.cmd("subscribe", "")), "09:00", "每天", "Asia/Shanghai", "明天 09:00")
	mustContain(t, text(h.cmd("subscribe", "21:30 mon-fri Europe/Berlin")), "21:30", "工作日", "Europe/Berlin", "今天 21:30")
	mustContain(t, text(h.cmd("subscribe", "25:99")), "时间「25:99」", "/subscribe 09:00")
	c, _ := h.db.Chat(h.ctx, h.chat.Key())
	if c.Schedule == nil || c.Schedule.At != "21:30" || c.Schedule.Days != "mon-fri" {
		t.Errorf("schedule %+v", c.Schedule)
	}
	mustContain(t, text(h.cmd("unsubscribe", "")), "已取消")
}

func TestTopics(t *testing.T) {
	h := newHarness(t)
	mustContain(t, text(h.cmd("topics", "")), "容灾", "数据库", "/topic 数据库")
	mustContain(t, text(h.cmd("topic", "数据")), "只练「数据库」")
	for range 2 {
		q := askedQuestion(t, h.cmd("next", ""))
		if q != "mvcc" && q != "wal" {
			t.Errorf("asked %s outside the topic", q)
		}
	}
	mustContain(t, text(h.cmd("topic", "量子力学")), "没有找到主题")
}

func TestStatsExportForget(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	h.say("RPO 是能丢多少数据")
	mustContain(t, text(h.cmd("stats", "")), "已作答 1 次", "平均覆盖 33%", "连续 1 天", "练过 1/4 题")

	rs := h.cmd("export", "")
	if len(rs) != 1 || rs[0].Attachment == nil {
		t.Fatalf("export: %+v", rs)
	}
	var ex engine.UserExport
	if err := json.Unmarshal(rs[0].Attachment.Data, &ex); err != nil {
		t.Fatal(err)
	}
	if len(ex.Attempts) != 1 || ex.Attempts[0].Reply != "RPO 是能丢多少数据" || len(ex.Cards) != 1 || ex.Cards[0].Prompt == "" {
		t.Errorf("export %+v", ex)
	}

	mustContain(t, text(h.cmd("forget", "")), "永久删除")
	if _, err := h.db.User(h.ctx, h.user.Key()); err != nil {
		t.Fatal("nothing is deleted before the confirmation")
	}
	mustContain(t, text(h.press("forget:yes")), "已删除")
	if _, err := h.db.User(h.ctx, h.user.Key()); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("user still there: %v", err)
	}
	if atts, _ := h.db.Attempts(h.ctx, h.user.Key()); len(atts) != 0 {
		t.Errorf("attempts still there: %v", atts)
	}
	// A stale confirmation deletes nothing.
	h.cmd("next", "")
	h.cmd("forget", "")
	h.clock.Add(time.Hour)
	h.press("forget:yes")
	if _, err := h.db.User(h.ctx, h.user.Key()); err != nil {
		t.Errorf("an expired confirmation must not delete: %v", err)
	}
}

func TestAttemptSurvivesRestart(t *testing.T) {
	h := newHarness(t)
	h.cmd("next", "")
	h.say("RPO 是能丢多少数据，RTO 是多久恢复")
	h.restart()
	mustContain(t, text(h.cmd("stats", "")), "已作答 1 次")
	atts, err := h.db.Attempts(h.ctx, h.user.Key())
	if err != nil || len(atts) != 1 {
		t.Fatalf("after restart: %v %v", atts, err)
	}
}
