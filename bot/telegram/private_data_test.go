package telegram_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestPrivateDataNeverInGroup: members whose private chat the bot cannot
// reach (one never started the bot, one blocked it) ask in a group for
// what is theirs alone: /export, /stats. None of it may reach the group;
// each gets a short line saying to start a private chat. Before issue 14
// the whole export (the JSON of every answer) was posted to the group.
func TestPrivateDataNeverInGroup(t *testing.T) {
	srv := newServer(t)
	core, _ := newCore(t)
	start(t, srv, core, nil)
	ctx := waitCtx(t)
	group := telegramfake.Supergroup(-1002, "study")
	never := telegramfake.User{ID: 71, FirstName: "Never", LanguageCode: "zh"}
	blocked := telegramfake.User{ID: 72, FirstName: "Blocked", LanguageCode: "zh"}
	srv.AddChat(telegramfake.PrivateChat(blocked))
	srv.SetBlocked(blocked.ID, true)
	const secret = "Zebra-answer-71 我的私人回答"

	sent := 0
	for _, u := range []telegramfake.User{never, blocked} {
		// An answer of theirs, so there is data to leak.
		srv.SendCommand(group, u, "next", "")
		sent++
		msgs, err := srv.WaitMessages(ctx, group.ID, sent)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := srv.SendReply(group, u, msgs[len(msgs)-1].MessageID, secret); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"export", "stats"} {
			srv.SendCommand(group, u, cmd, "")
		}
	}
	waitFor(t, srv, func() bool { return srv.PendingUpdates() == 0 })
	for _, m := range srv.Messages(group.ID) {
		if m.Document != nil || strings.Contains(m.PlainText, secret) || strings.Contains(m.PlainText, `"attempts"`) {
			t.Errorf("private data posted in the group: %s %.200q (document %v)", m.Method, m.PlainText, m.Document != nil)
		}
	}
}
