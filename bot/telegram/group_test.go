package telegram_test

import (
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/storage"
)

const groupBank = `questions:
  - id: rpo
    prompt: 什么是 RPO 和 RTO？
    answer: |
      **恢复点目标（RPO）**是可以丢多少数据，**恢复时间目标（RTO）**是多久恢复，两者决定**备份频率**。
  - id: snapshot
    prompt: 备份和快照有什么区别？
    answer: |
      快照依赖原始存储，**不能替代备份**；备份是**独立的副本**，可以**跨区域保存**。
`

// newCore returns the real core over bbolt in a temporary directory; tweak
// may change its configuration first.
func newCore(t *testing.T, tweak ...func(*engine.Config)) (*engine.Bot, *storage.DB) {
	t.Helper()
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(groupBank)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	db, err := storage.Open(filepath.Join(t.TempDir(), "bot.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cfg := engine.Config{Bank: b, Store: db, Logger: slog.New(slog.DiscardHandler),
		Capabilities: map[bot.Platform]bot.Capabilities{bot.Telegram: capabilities(t)}}
	for _, f := range tweak {
		f(&cfg)
	}
	core, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return core, db
}

// capabilities returns what the Telegram adapter declares, as cmd hands it
// to the core.
func capabilities(t *testing.T) bot.Capabilities {
	t.Helper()
	a, err := telegram.New(telegram.Config{Token: token})
	if err != nil {
		t.Fatal(err)
	}
	return a.Capabilities()
}

// TestGroupRoundOnTelegram: three members answer one question in a group
// with privacy mode, by replying to it; each gets their own feedback by
// private message when they started the bot, else one line in the group
// saying how to get it; a non-admin cannot change the schedule; an admin's
// /reveal posts one summary with the right figures; after two rounds the
// admin's /top is right.
func TestGroupRoundOnTelegram(t *testing.T) {
	srv := newServer(t, telegramfake.WithPrivacyMode(true))
	core, db := newCore(t)
	start(t, srv, core, nil)
	ctx := waitCtx(t)

	ada := telegramfake.User{ID: 1, FirstName: "Ada", LanguageCode: "zh"}
	bob := telegramfake.User{ID: 2, FirstName: "Bob", LanguageCode: "zh"}
	cy := telegramfake.User{ID: 3, FirstName: "Cy", LanguageCode: "zh"}
	group := telegramfake.Group(-100, "study")
	srv.AddChat(group)
	srv.SetMember(group, ada, telegramfake.StatusAdministrator)
	srv.SetMember(group, bob, telegramfake.StatusMember)
	srv.SetMember(group, cy, telegramfake.StatusMember)
	// Ada and Bob have started the bot privately; Cy has not.
	for i, u := range []telegramfake.User{ada, bob} {
		srv.SendCommand(telegramfake.PrivateChat(u), u, "start", "")
		if _, err := srv.WaitMessages(ctx, u.ID, 1); err != nil {
			t.Fatalf("start %d: %v", i, err)
		}
	}

	groupMsgs := 0
	waitGroup := func(n int) []telegramfake.SentMessage {
		t.Helper()
		ms, err := srv.WaitMessages(ctx, group.ID, n)
		if err != nil {
			t.Fatalf("group messages: %v", err)
		}
		groupMsgs = len(ms)
		return ms
	}
	dm := func(u telegramfake.User, n int) telegramfake.SentMessage {
		t.Helper()
		ms, err := srv.WaitMessages(ctx, u.ID, n)
		if err != nil {
			t.Fatalf("private messages to %s: %v", u.FirstName, err)
		}
		return ms[n-1]
	}

	srv.SendCommand(group, bob, "next", "")
	q := waitGroup(1)[0]
	if !strings.Contains(q.PlainText, "什么是 RPO 和 RTO？") || !strings.Contains(q.PlainText, "本轮题目") {
		t.Fatalf("round question %q", q.PlainText)
	}
	reply := func(u telegramfake.User, text string) {
		t.Helper()
		if _, err := srv.SendReply(group, u, q.MessageID, text); err != nil {
			t.Fatal(err)
		}
	}
	reply(ada, "RPO 是能丢多少数据")
	if m := dm(ada, 2); !strings.Contains(m.PlainText, "覆盖 1/3") {
		t.Errorf("Ada's first feedback %q", m.PlainText)
	}
	reply(ada, "RPO 是能丢多少数据，RTO 是多久恢复，决定备份频率")
	if m := dm(ada, 3); !strings.Contains(m.PlainText, "覆盖 3/3") {
		t.Errorf("Ada's second feedback %q", m.PlainText)
	}
	reply(bob, "RPO 是恢复点目标，RTO 是恢复时间目标")
	if m := dm(bob, 2); !strings.Contains(m.PlainText, "覆盖 2/3") {
		t.Errorf("Bob's feedback %q", m.PlainText)
	}
	reply(cy, "不太清楚，好像和恢复有关")
	short := waitGroup(2)[1]
	if short.PlainText != "✅ Cy，你的回答已记录。想看反馈，请先私聊我（发 /start）。" || short.ReplyToMessageID == 0 || len(short.Buttons()) != 0 {
		t.Errorf("Cy's group reply %+v, want one line", short)
	}

	// A non-admin cannot change the group's schedule; the refusal is private.
	srv.SendCommand(group, bob, "subscribe", "09:00")
	if m := dm(bob, 3); !strings.Contains(m.PlainText, "只有群管理员") {
		t.Errorf("Bob's /subscribe answer %q", m.PlainText)
	}
	if c, _ := db.Chat(ctx, "telegram:-100"); c.Schedule != nil {
		t.Error("a member changed the group's schedule")
	}

	// The admin reveals: one summary message with the figures.
	srv.SendCommand(group, ada, "reveal", "")
	summary := waitGroup(3)[2]
	for _, want := range []string{"本轮总结", "3 人作答", "平均覆盖 56%", "最常漏掉：备份频率（2/3 人）", "Ada 100% · Bob 67% · Cy 0%", "参考答案"} {
		if !strings.Contains(summary.PlainText, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary.PlainText)
		}
	}

	// A second round, then the leaderboard.
	srv.SendCommand(group, ada, "next", "")
	q = waitGroup(4)[3]
	if !strings.Contains(q.PlainText, "备份和快照有什么区别") {
		t.Fatalf("second round %q", q.PlainText)
	}
	reply(ada, "快照不能替代备份，备份是独立的副本")
	dm(ada, 4)
	reply(bob, "备份可以跨区域保存")
	dm(bob, 4)
	srv.SendCommand(group, ada, "reveal", "")
	waitGroup(5)
	srv.SendCommand(group, ada, "top", "")
	top := waitGroup(6)[5]
	for _, want := range []string{"本周：1. Ada 167 · 2. Bob 100", "总榜：1. Ada 167 · 2. Bob 100", "连续作答（轮）：1. Ada 2 · 2. Bob 2"} {
		if !strings.Contains(top.PlainText, want) {
			t.Errorf("leaderboard lacks %q:\n%s", want, top.PlainText)
		}
	}
	if groupMsgs != 6 {
		t.Errorf("the group got %d messages, want 6 (2 questions, 1 line for Cy, 2 summaries, 1 leaderboard)", groupMsgs)
	}
}
