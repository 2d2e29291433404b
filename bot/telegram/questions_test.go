package telegram_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestReplacedQuestionsOnTelegram: a question asked again or replaced by a
// new one has its old message edited (a status line, no buttons), as an
// answered or skipped one does; a button left live on an old question (its
// edit failed) says which question is open instead of "no open question".
func TestReplacedQuestionsOnTelegram(t *testing.T) {
	srv := newServer(t)
	core, _ := newCore(t)
	start(t, srv, core, nil)
	ctx := waitCtx(t)
	ada := telegramfake.User{ID: 7, FirstName: "Ada", LanguageCode: "zh"}
	chat := telegramfake.PrivateChat(ada)
	n := 0
	next := func() telegramfake.SentMessage {
		t.Helper()
		n++
		ms, err := srv.WaitMessages(ctx, chat.ID, n)
		if err != nil {
			t.Fatalf("message %d: %v", n, err)
		}
		return ms[n-1]
	}
	msg := func(id int) telegramfake.SentMessage {
		t.Helper()
		m, _ := srv.Message(chat.ID, id)
		return m
	}

	srv.SendCommand(chat, ada, "next", "")
	first := next()
	srv.SendCommand(chat, ada, "next", "")
	again := next()
	if !strings.Contains(again.PlainText, "什么是 RPO 和 RTO？") {
		t.Fatalf("/next with a question open: %q", again.PlainText)
	}
	if m := msg(first.MessageID); !m.Edited || len(m.Buttons()) != 0 || !strings.Contains(m.PlainText, "下方") {
		t.Errorf("the first message of a question asked again: edited %v, buttons %v, %q", m.Edited, m.Buttons(), m.PlainText)
	}

	// A new question replaces the open one; editing its message fails, so
	// its buttons stay live (the adapter sends the edit as a new message,
	// without buttons, instead).
	srv.Fail("editMessageText", 1, telegramfake.ServerError(400))
	srv.SendCommand(chat, ada, "next", "new")
	if copied := next(); len(copied.Buttons()) != 0 || !strings.Contains(copied.PlainText, "换") {
		t.Errorf("the failed edit's copy: %q with %v", copied.PlainText, copied.Buttons())
	}
	second := next()
	if !strings.Contains(second.PlainText, "备份和快照有什么区别？") {
		t.Fatalf("/next new: %q", second.PlainText)
	}
	var hint string
	for _, b := range msg(again.MessageID).Buttons() {
		if strings.HasPrefix(b.CallbackData, "hint:") {
			hint = b.CallbackData
		}
	}
	if hint == "" {
		t.Fatal("the replaced question's buttons are gone although its edit failed")
	}
	if _, err := srv.PressButton(chat, ada, again.MessageID, hint); err != nil {
		t.Fatal(err)
	}
	stale := next()
	if !strings.Contains(stale.PlainText, "备份和快照有什么区别？") || stale.ReplyToMessageID != second.MessageID {
		t.Errorf("a stale Hint answered %q (replying to %d), want the open question named, replying to %d",
			stale.PlainText, stale.ReplyToMessageID, second.MessageID)
	}

	// Replaced without trouble: the old message says so and loses its
	// buttons.
	srv.SendCommand(chat, ada, "next", "new")
	third := next()
	if m := msg(second.MessageID); !m.Edited || len(m.Buttons()) != 0 || !strings.Contains(m.PlainText, "换") {
		t.Errorf("the replaced question's message: edited %v, buttons %v, %q", m.Edited, m.Buttons(), m.PlainText)
	}
	if strings.Contains(third.PlainText, "备份和快照有什么区别？") {
		t.Errorf("the third question repeats the second: %q", third.PlainText)
	}
}

// TestLongQuestionEditsOnlyItsLastPart: a question longer than one
// Telegram message is sent in parts, its buttons under the last; the edit
// that closes it replaces that last part only and posts nothing again.
func TestLongQuestionEditsOnlyItsLastPart(t *testing.T) {
	srv := newServer(t)
	long := func(status string) bot.Text {
		var t bot.Text
		for i := range 120 {
			t.Add(bot.B(fmt.Sprintf("第 %03d 行", i+1)), bot.P("：这是一道很长的题目，用来把消息撑过四千多个字符的长度。"))
		}
		t.Add(bot.I(status))
		return t
	}
	r := newScripted()
	r.handle = func(_ context.Context, ev bot.Event) []bot.Reply {
		if ev.Kind == bot.EventCommand {
			return []bot.Reply{{Text: long("回复作答"), Track: "q", Buttons: [][]bot.Button{{{Label: "跳过", Action: "skip:q"}}}}}
		}
		return []bot.Reply{{Text: long("⏭ 已跳过"), Edit: ev.MessageID}, {Text: bot.TextOf("已跳过。")}}
	}
	start(t, srv, r, nil)
	ctx := waitCtx(t)
	srv.AddChat(dm)
	srv.SendCommand(dm, alice, "next", "")
	waitFor(t, srv, func() bool { return len(r.sentCalls()) == 1 })
	parts := srv.Messages(alice.ID)
	if len(parts) < 2 {
		t.Fatalf("the question went in %d part(s)", len(parts))
	}
	last := parts[len(parts)-1]
	if _, err := srv.PressButton(dm, alice, last.MessageID, "skip:q"); err != nil {
		t.Fatal(err)
	}
	all, err := srv.WaitMessages(ctx, alice.ID, len(parts)+1)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(parts)+1 || all[len(all)-1].PlainText != "已跳过。" {
		t.Errorf("%d messages after the skip, want the %d parts and the note", len(all), len(parts))
	}
	for i, p := range parts[:len(parts)-1] {
		if m, _ := srv.Message(alice.ID, p.MessageID); m.Edited {
			t.Errorf("part %d was edited", i+1)
		}
	}
	m, _ := srv.Message(alice.ID, last.MessageID)
	if !m.Edited || !strings.HasSuffix(m.PlainText, "⏭ 已跳过") || strings.HasPrefix(m.PlainText, "第 001 行") || len(m.Buttons()) != 0 {
		t.Errorf("the last part after the skip: edited %v, %q…, buttons %v", m.Edited, m.PlainText[:40], m.Buttons())
	}
}
