package telegram_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestConversation runs a question, an answer and a rating in a private
// chat: /next gets a question with buttons whose id reaches the core
// through Sent, the answer (a reply to the question) edits the question
// and gets feedback, a button press is answered and delivered.
func TestConversation(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	start(t, srv, r, nil)
	ctx := waitCtx(t)

	cmdID := srv.SendCommand(dm, alice, "next", "")
	ev := r.next(t)
	if ev.Kind != bot.EventCommand || ev.Command != "next" || ev.Args != "" {
		t.Fatalf("event = %+v, want command next", ev)
	}
	wantUser := bot.User{Platform: bot.Telegram, ID: "1001", Name: "Alice Liddell", Lang: "zh-hans"}
	if ev.User != wantUser || ev.Chat.ID != "1001" || ev.Chat.Kind != bot.Private || ev.Chat.Platform != bot.Telegram {
		t.Errorf("user %+v chat %+v", ev.User, ev.Chat)
	}
	if !ev.Admin || ev.MessageID != strconv.Itoa(cmdID) || ev.Time.IsZero() {
		t.Errorf("admin %v, message id %q (want %d), time %v", ev.Admin, ev.MessageID, cmdID, ev.Time)
	}
	msgs, err := srv.WaitMessages(ctx, alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	q := msgs[0]
	if q.PlainText != questionText || q.ParseMode != "HTML" {
		t.Errorf("question %q (parse mode %q)", q.PlainText, q.ParseMode)
	}
	var labels []string
	for _, row := range q.Keyboard {
		var l []string
		for _, b := range row {
			l = append(l, b.Text+"="+b.CallbackData)
		}
		labels = append(labels, strings.Join(l, ","))
	}
	if got := strings.Join(labels, " | "); got != "Hint=hint:q1 | Skip=skip:q1,Reveal=reveal:q1" {
		t.Errorf("keyboard = %s (the form button must be left out)", got)
	}
	waitFor(t, srv, func() bool { return len(r.sentCalls()) == 1 })
	if s := r.sentCalls()[0]; s.Track != "q1" || s.MessageID != strconv.Itoa(q.MessageID) || s.Chat.ID != "1001" {
		t.Errorf("Sent = %+v, want q1 with message %d", s, q.MessageID)
	}

	answerID, err := srv.SendReply(dm, alice, q.MessageID, "RPO is the data we may lose <b>&</b>")
	if err != nil {
		t.Fatal(err)
	}
	ev = r.next(t)
	if ev.Kind != bot.EventMessage || ev.ReplyTo != strconv.Itoa(q.MessageID) || ev.Text != "RPO is the data we may lose <b>&</b>" {
		t.Fatalf("answer event = %+v", ev)
	}
	msgs, err = srv.WaitMessages(ctx, alice.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, srv, func() bool { m, _ := srv.Message(alice.ID, q.MessageID); return m.Edited })
	edited, _ := srv.Message(alice.ID, q.MessageID)
	if edited.PlainText != questionText+" (answered)" || edited.Keyboard != nil {
		t.Errorf("edited question = %q, keyboard %v", edited.PlainText, edited.Keyboard)
	}
	fb := msgs[1]
	if fb.ReplyToMessageID != answerID || !strings.Contains(fb.PlainText, "you wrote: RPO is the data we may lose <b>&</b>") {
		t.Errorf("feedback = %q replying to %d, want a reply to %d", fb.PlainText, fb.ReplyToMessageID, answerID)
	}
	if data, ok := fb.ButtonData("✓ Good"); !ok || data != "rate:3" {
		t.Errorf("suggested button missing: %+v", fb.Keyboard)
	}

	qid, err := srv.PressButton(dm, alice, fb.MessageID, "rate:3")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitCallbackAnswer(ctx, qid); err != nil {
		t.Fatal(err)
	}
	ev = r.next(t)
	if ev.Kind != bot.EventAction || ev.Action != "rate:3" || ev.MessageID != strconv.Itoa(fb.MessageID) || ev.User.ID != "1001" {
		t.Errorf("action event = %+v", ev)
	}
	msgs, err = srv.WaitMessages(ctx, alice.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[2].PlainText != "pressed rate:3" {
		t.Errorf("reply to the button = %q", msgs[2].PlainText)
	}
}

// waitFor waits until cond holds, re-checking on every change of the fake.
func waitFor(t *testing.T, srv *telegramfake.Server, cond func() bool) {
	t.Helper()
	if err := srv.Wait(waitCtx(t), cond); err != nil {
		t.Fatal(err)
	}
}

// TestCommandAddressing checks /cmd@thisbot, case and arguments, and that
// /cmd@otherbot is left to the other bot.
func TestCommandAddressing(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	r.handle = func(context.Context, bot.Event) []bot.Reply { return nil }
	start(t, srv, r, nil)

	srv.SendCommand(group, alice, "next@test_bot", "")
	srv.SendCommand(group, alice, "next@otherbot", "")
	srv.SendCommand(group, alice, "TOPIC@Test_Bot", "数据库  设计 ")
	srv.SendText(group, alice, "/hint\u3000please")
	for _, want := range []struct{ cmd, args string }{{"next", ""}, {"topic", "数据库  设计"}, {"hint", "please"}} {
		ev := r.next(t)
		if ev.Kind != bot.EventCommand || ev.Command != want.cmd || ev.Args != want.args || ev.Chat.Kind != bot.Group {
			t.Errorf("event = %+v, want /%s %q", ev, want.cmd, want.args)
		}
	}
	if n := len(r.allEvents()); n != 3 {
		t.Errorf("%d events, want 3 (/next@otherbot ignored)", n)
	}
}

// TestGroupAdmin checks Event.Admin from getChatMember, cached.
func TestGroupAdmin(t *testing.T) {
	srv := newServer(t)
	srv.SetMember(group, alice, telegramfake.StatusCreator)
	srv.SetMember(group, bob, telegramfake.StatusMember)
	srv.SetMember(group, carol, telegramfake.StatusAdministrator)
	r := newScripted()
	r.handle = func(context.Context, bot.Event) []bot.Reply { return nil }
	start(t, srv, r, nil)

	for _, c := range []struct {
		u     telegramfake.User
		admin bool
	}{{alice, true}, {bob, false}, {carol, true}, {bob, false}, {alice, true}} {
		srv.SendCommand(group, c.u, "subscribe", "09:00")
		if ev := r.next(t); ev.Admin != c.admin || ev.User.ID != strconv.FormatInt(c.u.ID, 10) {
			t.Errorf("user %d: admin %v, want %v", c.u.ID, ev.Admin, c.admin)
		}
	}
	if n := srv.CallCount("getChatMember"); n != 3 {
		t.Errorf("getChatMember called %d times, want 3 (cached)", n)
	}
	srv.SendCommand(dm, alice, "subscribe", "")
	if ev := r.next(t); !ev.Admin {
		t.Error("private chat: Admin = false")
	}
}

// TestSetMyCommands checks the menu in English (default) and Chinese.
func TestSetMyCommands(t *testing.T) {
	srv := newServer(t)
	start(t, srv, newScripted(), nil)
	specs := bot.Commands()
	for _, lang := range []string{"", "zh"} {
		cmds := srv.Commands(telegramfake.CommandScope{}, lang)
		if len(cmds) != len(specs) {
			t.Fatalf("lang %q: %d commands, want %d", lang, len(cmds), len(specs))
		}
		want := "en"
		if lang != "" {
			want = lang
		}
		for i, c := range cmds {
			if c.Command != specs[i].Name || c.Description != specs[i].Description[want] {
				t.Errorf("lang %q: command %d = %+v", lang, i, c)
			}
		}
	}
	if srv.CallCount("deleteWebhook") == 0 {
		t.Error("polling did not delete the webhook first")
	}
}

// TestSetMyCommandsFailureIsAWarning checks that the bot runs without its
// menu.
func TestSetMyCommandsFailureIsAWarning(t *testing.T) {
	srv := newServer(t)
	srv.Fail("setMyCommands", -1, telegramfake.ServerError(500))
	r := newScripted()
	h := start(t, srv, r, nil)
	srv.SendCommand(dm, alice, "help", "")
	if _, err := srv.WaitMessages(waitCtx(t), alice.ID, 1); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.logs.String(), `level=WARN msg="telegram setMyCommands failed"`) {
		t.Errorf("no warning logged:\n%s", h.logs.String())
	}
}

// TestChannelPost checks posts in a channel.
func TestChannelPost(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	r.handle = func(context.Context, bot.Event) []bot.Reply { return nil }
	start(t, srv, r, nil)
	if _, err := srv.SendUpdate([]byte(`{"channel_post":{"message_id":7,"date":1700000000,
		"chat":{"id":-1009,"type":"channel","title":"Daily questions"},
		"sender_chat":{"id":-1009,"type":"channel","title":"Daily questions"},"text":"/next"}}`)); err != nil {
		t.Fatal(err)
	}
	ev := r.next(t)
	if ev.Kind != bot.EventCommand || ev.Chat.Kind != bot.Channel || ev.Chat.Title != "Daily questions" || ev.MessageID != "7" || !ev.Admin {
		t.Errorf("event = %+v", ev)
	}
}

// TestIgnoredUpdates checks that edits, bots, blank texts and service
// messages reach nobody and break nothing, while stickers and photos
// without a caption reach the core as media (it tells the person that
// answers are typed or spoken).
func TestIgnoredUpdates(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	start(t, srv, r, nil)
	for _, u := range []string{
		`{"message":{"message_id":1,"date":1,"chat":{"id":1001,"type":"private"},"from":{"id":999,"is_bot":true,"first_name":"B"},"text":"/next"}}`,
		`{"message":{"message_id":2,"date":1,"chat":{"id":1001,"type":"private"},"from":{"id":1001,"first_name":"A"},"sticker":{"file_id":"x","file_unique_id":"y","width":1,"height":1,"is_animated":false}}}`,
		`{"message":{"message_id":3,"date":1,"chat":{"id":1001,"type":"private"},"from":{"id":1001,"first_name":"A"},"photo":[{"file_id":"p","file_unique_id":"q","width":1,"height":1}]}}`,
		`{"message":{"message_id":4,"date":1,"chat":{"id":1001,"type":"private"},"from":{"id":1001,"first_name":"A"},"text":"   "}}`,
		`{"message":{"message_id":5,"date":1,"chat":{"id":1001,"type":"private"},"text":"no sender"}}`,
		`{"message":{"message_id":6,"date":1,"chat":{"id":1001,"type":"private"},"from":{"id":1001,"first_name":"A"},"text":"/","entities":[{"type":"bot_command","offset":0,"length":99}]}}`,
	} {
		if _, err := srv.SendUpdate([]byte(u)); err != nil {
			t.Fatal(err)
		}
	}
	srv.AddChat(dm)
	if err := srv.EditText(dm, alice, srv.SendText(dm, alice, "first"), "edited"); err != nil {
		t.Fatal(err)
	}
	srv.SendText(dm, alice, "second")
	for _, kind := range []bot.MediaKind{bot.MediaSticker, bot.MediaPhoto} {
		if ev := r.next(t); ev.Kind != bot.EventMessage || ev.Text != "" || ev.Media == nil || ev.Media.Kind != kind || ev.Media.Open != nil {
			t.Errorf("event %+v, want a %s", ev, kind)
		}
	}
	for _, want := range []string{"/", "first", "second"} {
		if ev := r.next(t); ev.Text != want || ev.Media != nil {
			t.Errorf("event text %q (media %v), want %q", ev.Text, ev.Media, want)
		}
	}
	if n := len(r.allEvents()); n != 5 {
		t.Errorf("%d events, want 5: %+v", n, r.allEvents())
	}
}

// TestPrivateReplyInGroup checks Reply.Private in a group: a direct
// message when the user started the bot; else (Telegram refuses: never
// started, or blocked) the group gets the reply's Unreachable line once, as
// a reply to the user's message, and never the private reply itself.
func TestPrivateReplyInGroup(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	r.handle = func(_ context.Context, ev bot.Event) []bot.Reply {
		line := bot.TextOf(ev.User.Name + ": start a private chat with me")
		if ev.Args == "quiet" {
			line = nil
		}
		return []bot.Reply{
			{Text: bot.TextOf("your export"), Private: true, Track: "export", Unreachable: line},
			{Text: bot.TextOf("your chart"), Private: true, Unreachable: line},
		}
	}
	start(t, srv, r, nil)
	ctx := waitCtx(t)

	// Alice never started the bot: Telegram knows no private chat.
	cmd := srv.SendCommand(group, alice, "export", "")
	msgs, err := srv.WaitMessages(ctx, group.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].ReplyToMessageID != cmd || msgs[0].PlainText != "Alice Liddell: start a private chat with me" {
		t.Errorf("group got %+v, want the Unreachable line replying to %d", msgs[0], cmd)
	}

	// Bob blocked the bot: 403.
	srv.AddChat(telegramfake.PrivateChat(bob))
	srv.SetBlocked(bob.ID, true)
	cmd = srv.SendCommand(group, bob, "export", "")
	if msgs, err = srv.WaitMessages(ctx, group.ID, 2); err != nil {
		t.Fatal(err)
	}
	if msgs[1].ReplyToMessageID != cmd || msgs[1].PlainText != "Bob: start a private chat with me" {
		t.Errorf("group got %+v after a 403, want the Unreachable line replying to %d", msgs[1], cmd)
	}
	// A private reply without a line leaves the group alone.
	srv.SendCommand(group, bob, "export", "quiet")

	// Carol started the bot: the reply goes to her alone.
	srv.AddChat(telegramfake.PrivateChat(carol))
	srv.SendCommand(group, carol, "export", "")
	dmMsgs, err := srv.WaitMessages(ctx, carol.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range srv.Messages(group.ID) {
		if strings.Contains(m.PlainText, "your") {
			t.Errorf("a private reply went to the group: %q", m.PlainText)
		}
	}
	if n := len(srv.Messages(group.ID)); n != 2 {
		t.Errorf("the group got %d messages, want 2 (one line for each person out of reach)", n)
	}
	waitFor(t, srv, func() bool { return len(r.sentCalls()) == 1 })
	if s := r.sentCalls()[0]; s.Chat.ID != "1003" || s.Chat.Kind != bot.Private || s.MessageID != strconv.Itoa(dmMsgs[0].MessageID) {
		t.Errorf("Sent = %+v, want the private chat and message %d", s, dmMsgs[0].MessageID)
	}
}

// TestRunErrors checks what Run refuses.
func TestRunErrors(t *testing.T) {
	srv := newServer(t)
	a, _ := newAdapter(t, srv, func(c *telegram.Config) { c.Token = "123456:WRONG" })
	if err := a.Run(t.Context(), newScripted()); err == nil || !strings.Contains(err.Error(), "Unauthorized") {
		t.Errorf("Run with a wrong token = %v", err)
	}
	if err := a.Run(t.Context(), nil); err == nil {
		t.Error("Run with a nil Replier succeeded")
	}
	if a.Platform() != bot.Telegram {
		t.Errorf("Platform = %q", a.Platform())
	}
}

// TestNewValidates checks that New names the wrong field and never
// contacts Telegram.
func TestNewValidates(t *testing.T) {
	ok := telegram.Config{Token: token}
	tests := []struct {
		edit  func(*telegram.Config)
		field string
	}{
		{func(c *telegram.Config) { c.Token = "" }, "Token"},
		{func(c *telegram.Config) { c.Token = "abc" }, "Token"},
		{func(c *telegram.Config) { c.Token = "12:a/b" }, "Token"},
		{func(c *telegram.Config) { c.APIEndpoint = "http://127.0.0.1/bot%s" }, "APIEndpoint"},
		{func(c *telegram.Config) { c.APIEndpoint = "ftp://x/bot%s/%s" }, "APIEndpoint"},
		{func(c *telegram.Config) { c.Mode = "push" }, "Mode"},
		{func(c *telegram.Config) { c.Mode = "webhook" }, "Webhook.Listen"},
		{func(c *telegram.Config) { c.Mode = "webhook"; c.Webhook.Listen = ":8443" }, "Webhook.URL"},
		{func(c *telegram.Config) {
			c.Mode, c.Webhook = "webhook", telegram.Webhook{Listen: ":8443", URL: "https://x/hook", SecretToken: "a b"}
		}, "Webhook.SecretToken"},
		{func(c *telegram.Config) { c.PollTimeout = -1 }, "PollTimeout"},
		{func(c *telegram.Config) { c.Limits.PerGroup = -1 }, "Limits.PerGroup"},
	}
	for _, tt := range tests {
		c := ok
		tt.edit(&c)
		_, err := telegram.New(c)
		if err == nil || !strings.Contains(err.Error(), "Config."+tt.field) {
			t.Errorf("New(%+v) = %v, want an error naming %s", c.Mode, err, tt.field)
		}
		if err != nil {
			assertNoToken(t, "error", err.Error())
		}
	}
	if _, err := telegram.New(ok); err != nil {
		t.Errorf("New with defaults: %v", err)
	}
}

// TestCallbackAnsweredWhenHandlingFails checks that a button press is
// answered even when the core panics, and that the bot goes on.
func TestCallbackAnsweredWhenHandlingFails(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	r.handle = func(_ context.Context, ev bot.Event) []bot.Reply {
		switch ev.Kind {
		case bot.EventAction:
			panic("core bug")
		case bot.EventCommand:
			return []bot.Reply{{Text: bot.TextOf("question"), Buttons: [][]bot.Button{{{Label: "Hint", Action: "hint"}}}}}
		}
		return []bot.Reply{{Text: bot.TextOf("still here")}}
	}
	h := start(t, srv, r, nil)
	ctx := waitCtx(t)
	srv.SendCommand(dm, alice, "next", "")
	msgs, err := srv.WaitMessages(ctx, alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	qid, err := srv.PressButton(dm, alice, msgs[0].MessageID, "hint")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitCallbackAnswer(ctx, qid); err != nil {
		t.Fatal(err)
	}
	srv.SendText(dm, alice, "hello")
	if _, err := srv.WaitMessages(ctx, alice.ID, 2); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.logs.String(), "panicked") {
		t.Error("the panic is not logged")
	}
}

// TestInvalidUTF8FromUser feeds an update whose text is not UTF-8.
func TestInvalidUTF8FromUser(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	r.handle = func(_ context.Context, ev bot.Event) []bot.Reply {
		return []bot.Reply{{Text: bot.Text{{Spans: []bot.Span{bot.B(ev.Text)}}}}}
	}
	start(t, srv, r, nil)
	srv.AddChat(dm)
	if _, err := srv.SendUpdate([]byte("{\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":1001,\"type\":\"private\"},\"from\":{\"id\":1001,\"first_name\":\"A\"},\"text\":\"bad \xff\xfe <b> \xe6\x95\"}}")); err != nil {
		t.Fatal(err)
	}
	msgs, err := srv.WaitMessages(waitCtx(t), alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := "bad \uFFFD\uFFFD <b> \uFFFD\uFFFD"; msgs[0].PlainText != want {
		t.Errorf("user sees %q, want %q", msgs[0].PlainText, want)
	}
}

// TestGroupPrivacyMode plays a group where the bot sees only commands and
// replies to its messages: the answer is a reply to the question.
func TestGroupPrivacyMode(t *testing.T) {
	srv := newServer(t, telegramfake.WithPrivacyMode(true))
	r := newScripted()
	start(t, srv, r, nil)
	ctx := waitCtx(t)
	srv.SendCommand(group, bob, "next@test_bot", "")
	msgs, err := srv.WaitMessages(ctx, group.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	srv.SendText(group, alice, "chatter the bot never sees")
	answer, err := srv.SendReply(group, alice, msgs[0].MessageID, "RTO is the downtime")
	if err != nil {
		t.Fatal(err)
	}
	if msgs, err = srv.WaitMessages(ctx, group.ID, 2); err != nil {
		t.Fatal(err)
	}
	if msgs[1].ReplyToMessageID != answer || !strings.Contains(msgs[1].PlainText, "RTO is the downtime") {
		t.Errorf("feedback %+v", msgs[1])
	}
	waitFor(t, srv, func() bool { m, _ := srv.Message(group.ID, msgs[0].MessageID); return m.Edited })
	if evs := r.allEvents(); len(evs) != 2 || evs[1].ReplyTo != strconv.Itoa(msgs[0].MessageID) || evs[1].User.Name != "Alice Liddell" {
		t.Errorf("events %+v", evs)
	}
}
