package telegram_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot/telegram/telegramtest"
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
	ada := telegramtest.User{ID: 7, FirstName: "Ada", LanguageCode: "zh"}
	chat := telegramtest.PrivateChat(ada)
	n := 0
	next := func() telegramtest.SentMessage {
		t.Helper()
		n++
		ms, err := srv.WaitMessages(ctx, chat.ID, n)
		if err != nil {
			t.Fatalf("message %d: %v", n, err)
		}
		return ms[n-1]
	}
	msg := func(id int) telegramtest.SentMessage {
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
	srv.Fail("editMessageText", 1, telegramtest.ServerError(400))
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
