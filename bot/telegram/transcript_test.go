package telegram_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// expect checks messages one by one: each must contain its wanted parts
// (and none of the unwanted ones, after "!"), and there must be exactly as
// many messages as wanted.
func expect(t *testing.T, who string, msgs []telegramfake.SentMessage, want ...[]string) {
	t.Helper()
	var got []string
	for _, m := range msgs {
		got = append(got, m.PlainText)
	}
	if len(msgs) != len(want) {
		t.Errorf("%s received %d messages, want %d:\n%s", who, len(msgs), len(want), strings.Join(got, "\n---\n"))
		return
	}
	for i, parts := range want {
		for _, p := range parts {
			if no, ok := strings.CutPrefix(p, "!"); ok {
				if strings.Contains(got[i], no) {
					t.Errorf("%s's message %d shows %q:\n%s", who, i+1, no, got[i])
				}
			} else if !strings.Contains(got[i], p) {
				t.Errorf("%s's message %d lacks %q:\n%s", who, i+1, p, got[i])
			}
		}
	}
}

// TestGroupTranscriptOnTelegram plays a study group's round through the
// fake Bot API with the real core and checks what each member and the
// group receive, message by message. Ada (an admin) and Bob have started
// the bot; Cy has not, so Telegram lets the bot write to him only in the
// group. Bob floods /top; Cy answers after the summary; Bob presses buttons
// of Ada's card (one an earlier version posted in the group). The group
// receives the round question, one summary, what its admin asks for (a
// leaderboard), and for Cy, whom nothing else reaches, one line; never a
// card, a button of someone's, or the reference before the summary.
func TestGroupTranscriptOnTelegram(t *testing.T) {
	srv := newServer(t, telegramfake.WithPrivacyMode(true))
	// A generous flood limit: the flood of /top is answered once by the
	// core's repeat rule, not cut short by the throttle.
	core, db := newCore(t, func(c *engine.Config) { c.PersonBurst = 50 })
	h := start(t, srv, core, nil)
	ctx := waitCtx(t)
	ada := telegramfake.User{ID: 1, FirstName: "Ada", LanguageCode: "zh"}
	bob := telegramfake.User{ID: 2, FirstName: "Bob", LanguageCode: "zh"}
	cy := telegramfake.User{ID: 3, FirstName: "Cy", LanguageCode: "zh"}
	group := telegramfake.Group(-100, "study")
	groupChat := bot.Chat{Platform: bot.Telegram, ID: "-100", Kind: bot.Group}
	srv.AddChat(group)
	srv.SetMember(group, ada, telegramfake.StatusAdministrator)
	srv.SetMember(group, bob, telegramfake.StatusMember)
	srv.SetMember(group, cy, telegramfake.StatusMember)
	for _, u := range []telegramfake.User{ada, bob} {
		srv.SendCommand(telegramfake.PrivateChat(u), u, "start", "")
		if _, err := srv.WaitMessages(ctx, u.ID, 1); err != nil {
			t.Fatal(err)
		}
	}
	wait := func(chatID int64, n int) []telegramfake.SentMessage {
		t.Helper()
		ms, err := srv.WaitMessages(ctx, chatID, n)
		if err != nil {
			t.Fatalf("chat %d: %v", chatID, err)
		}
		return ms
	}

	// Bob opens a round; Ada and Bob answer by replying to it.
	srv.SendCommand(group, bob, "next", "")
	q := wait(group.ID, 1)[0]
	if _, err := srv.SendReply(group, ada, q.MessageID, "RPO 是能丢多少数据，RTO 是多久恢复，一起决定备份频率"); err != nil {
		t.Fatal(err)
	}
	adaCard := wait(ada.ID, 2)[1]
	if _, err := srv.SendReply(group, bob, q.MessageID, "RPO 是恢复点目标"); err != nil {
		t.Fatal(err)
	}
	wait(bob.ID, 2)

	// Cy taps the round's Hint: only he sees how to get hints.
	qid, err := srv.PressButton(group, cy, q.MessageID, q.Buttons()[0].CallbackData)
	if err != nil {
		t.Fatal(err)
	}
	if a, err := srv.WaitCallbackAnswer(ctx, qid); err != nil || !a.ShowAlert || !strings.Contains(a.Text, "/start") {
		t.Errorf("Cy's Hint answered %+v, %v; want an alert saying how to reach him", a, err)
	}

	// Bob sends /top twelve times at once: one leaderboard, to him alone.
	for range 12 {
		srv.SendCommand(group, bob, "top", "")
	}
	wait(bob.ID, 3)

	// Ada reveals: the summary. Then Cy answers late.
	srv.SendCommand(group, ada, "reveal", "")
	wait(group.ID, 2)
	cyLate, err := srv.SendReply(group, cy, q.MessageID, "RPO 是能丢多少数据")
	if err != nil {
		t.Fatal(err)
	}
	line := wait(group.ID, 3)[2]
	if line.ReplyToMessageID != cyLate {
		t.Errorf("Cy's line replies to %d, want his message %d", line.ReplyToMessageID, cyLate)
	}

	// Bob presses the buttons of a card of Ada's as an earlier version
	// posted it in the group (buttons without an owner): only he is told,
	// and nothing happens. (Cards now go to Ada alone, their buttons hers.)
	for _, b := range adaCard.Buttons() {
		if !strings.HasPrefix(b.CallbackData, "@1:") {
			t.Errorf("Ada's button %q names no owner", b.CallbackData)
		}
	}
	atts, _ := db.Attempts(ctx, bot.User{Platform: bot.Telegram, ID: "2"}.Key())
	if len(atts) != 1 {
		t.Fatalf("Bob's attempts: %+v", atts)
	}
	bobRating := atts[0].Rating
	oldCard := bot.Reply{Text: bot.TextOf("📊 覆盖 3/3 个要点 · 100%"), Buttons: [][]bot.Button{
		{{Label: "简单", Action: fmt.Sprintf("rate:%d:4", atts[0].ID)}}, {{Label: "➡️ 下一题", Action: "next"}}}}
	if _, err := h.a.Send(ctx, groupChat, oldCard); err != nil {
		t.Fatal(err)
	}
	old := wait(group.ID, 4)[3]
	for _, b := range old.Buttons() {
		qid, err := srv.PressButton(group, bob, old.MessageID, b.CallbackData)
		if err != nil {
			t.Fatal(err)
		}
		if a, err := srv.WaitCallbackAnswer(ctx, qid); err != nil || !a.ShowAlert || !strings.Contains(a.Text, "失效") {
			t.Errorf("Bob pressing %s answered %+v, %v; want an alert", b.CallbackData, a, err)
		}
	}
	srv.SendCommand(group, ada, "top", "")
	wait(group.ID, 5)
	if atts, _ := db.Attempts(ctx, bot.User{Platform: bot.Telegram, ID: "2"}.Key()); atts[0].Rating != bobRating {
		t.Errorf("Bob's rating changed from %d to %d by pressing Ada's button", bobRating, atts[0].Rating)
	}
	if _, err := db.OpenRound(ctx, bot.Chat{Platform: bot.Telegram, ID: "-100"}.Key()); err == nil {
		t.Error("a press of Ada's Next opened a round")
	}

	expect(t, "the group", srv.Messages(group.ID),
		[]string{"本轮题目", "什么是 RPO 和 RTO？", "!参考答案", "!恢复点目标是"},
		[]string{"本轮总结", "2 人作答", "参考答案"},
		[]string{"Cy", "回答已记录", "/start", "!覆盖", "!参考"},
		[]string{"覆盖 3/3"}, // the earlier version's card, posted by the test
		[]string{"排行榜", "Ada", "Bob"},
	)
	for i, m := range srv.Messages(group.ID) {
		if i != 0 && i != 3 && len(m.Buttons()) > 0 {
			t.Errorf("group message %d has buttons: %+v", i+1, m.Buttons())
		}
	}
	expect(t, "Ada", srv.Messages(ada.ID),
		[]string{"你好"},
		[]string{"覆盖 3/3", "参考答案"},
	)
	expect(t, "Bob", srv.Messages(bob.ID),
		[]string{"你好"},
		[]string{"覆盖", "参考答案"},
		[]string{"排行榜", "Ada", "Bob"},
	)
	if ms := srv.Messages(cy.ID); len(ms) != 0 {
		t.Errorf("Cy, who never started the bot, was sent %d private messages", len(ms))
	}
}

// TestGroupDataStaysPrivate: /export, /stats and the progress chart asked
// for in a group go to the member alone; a member Telegram does not let
// the bot write to gets one line in the group saying how, never their data.
func TestGroupDataStaysPrivate(t *testing.T) {
	srv := newServer(t, telegramfake.WithPrivacyMode(true))
	core, _ := newCore(t)
	start(t, srv, core, nil)
	ctx := waitCtx(t)
	bob := telegramfake.User{ID: 2, FirstName: "Bob", LanguageCode: "zh"}
	cy := telegramfake.User{ID: 3, FirstName: "Cy", LanguageCode: "zh"}
	group := telegramfake.Group(-100, "study")
	srv.AddChat(group)
	srv.SetMember(group, bob, telegramfake.StatusMember)
	srv.SetMember(group, cy, telegramfake.StatusMember)
	srv.SendCommand(telegramfake.PrivateChat(bob), bob, "start", "")
	if _, err := srv.WaitMessages(ctx, bob.ID, 1); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"export", "stats"} {
		srv.SendCommand(group, bob, cmd, "")
		srv.SendCommand(group, cy, cmd, "")
	}
	bobs, err := srv.WaitMessages(ctx, bob.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if bobs[1].Document == nil || !strings.Contains(bobs[2].PlainText, "我的进度") {
		t.Errorf("Bob's export and stats: %s %q / %q", bobs[1].Method, bobs[1].PlainText, bobs[2].PlainText)
	}
	var chart string
	for _, b := range bobs[2].Buttons() {
		if b.CallbackData == "chart" || strings.HasSuffix(b.CallbackData, ":chart") {
			chart = b.CallbackData
		}
	}
	if _, err := srv.PressButton(telegramfake.PrivateChat(bob), bob, bobs[2].MessageID, chart); err != nil {
		t.Fatal(err)
	}
	if ms, err := srv.WaitMessages(ctx, bob.ID, 4); err != nil || ms[3].Photo == nil {
		t.Errorf("Bob's chart: %v", err)
	}
	lines, err := srv.WaitMessages(ctx, group.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range lines {
		if m.Document != nil || m.Photo != nil || !strings.Contains(m.PlainText, "Cy") || !strings.Contains(m.PlainText, "/start") ||
			strings.Contains(m.PlainText, "进度") || strings.Contains(m.PlainText, "数据：") {
			t.Errorf("the group got %s %q, want one line for Cy", m.Method, m.PlainText)
		}
	}
	if n := len(srv.Messages(group.ID)); n != 2 {
		t.Errorf("the group got %d messages, want Cy's 2 lines", n)
	}
}
