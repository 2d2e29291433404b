package telegramfake_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// pollResult is the outcome of a GetUpdates call run in a goroutine.
type pollResult struct {
	updates []tgbotapi.Update
	err     error
	took    time.Duration
}

// pollAsync runs GetUpdates in a goroutine.
func pollAsync(bot *tgbotapi.BotAPI, cfg tgbotapi.UpdateConfig) <-chan pollResult {
	ch := make(chan pollResult, 1)
	go func() {
		start := time.Now()
		ups, err := bot.GetUpdates(cfg)
		ch <- pollResult{ups, err, time.Since(start)}
	}()
	return ch
}

// await receives a poll result or fails after a bound.
func await(t *testing.T, ch <-chan pollResult) pollResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("GetUpdates did not return")
		return pollResult{}
	}
}

func TestLongPollMessageAndCommand(t *testing.T) {
	srv, bot := newBot(t)
	ctx := testCtx(t)
	dm := telegramfake.PrivateChat(alice)

	// A long poll waits until a message arrives.
	ch := pollAsync(bot, tgbotapi.UpdateConfig{Timeout: 30})
	if err := srv.WaitPolling(ctx); err != nil {
		t.Fatal(err)
	}
	id := srv.SendText(dm, alice, "hello")
	r := await(t, ch)
	if r.err != nil || len(r.updates) != 1 {
		t.Fatalf("GetUpdates = %+v, %v", r.updates, r.err)
	}
	u := r.updates[0]
	if u.Message == nil || u.Message.MessageID != id || u.Message.Text != "hello" || u.Message.IsCommand() ||
		u.Message.From.UserName != "alice" || u.Message.Chat.Type != "private" || u.FromChat().ID != alice.ID {
		t.Fatalf("update = %+v", u)
	}

	srv.SendCommand(dm, alice, "start@test_bot", "deep link")
	srv.SendCommand(dm, alice, "/next", "")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: u.UpdateID + 1, Timeout: 30})
	if err != nil || len(ups) != 2 {
		t.Fatalf("GetUpdates = %+v, %v", ups, err)
	}
	cmd := ups[0].Message
	if !cmd.IsCommand() || cmd.Command() != "start" || cmd.CommandWithAt() != "start@test_bot" || cmd.CommandArguments() != "deep link" {
		t.Fatalf("command message = %+v", cmd)
	}
	if next := ups[1].Message; next.Command() != "next" || next.CommandArguments() != "" {
		t.Fatalf("second command = %+v", next)
	}
	if n := srv.PendingUpdates(); n != 2 {
		t.Fatalf("PendingUpdates = %d, want 2 (fetched but not confirmed)", n)
	}
	ups, err = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[1].UpdateID + 1})
	if err != nil || len(ups) != 0 || srv.PendingUpdates() != 0 {
		t.Fatalf("after confirming: %+v, %v, pending %d", ups, err, srv.PendingUpdates())
	}
}

func TestGetUpdatesOffsetAndLimit(t *testing.T) {
	srv, bot := newBot(t)
	dm := telegramfake.PrivateChat(alice)
	for _, text := range []string{"a", "b", "c", "d"} {
		srv.SendText(dm, alice, text)
	}
	texts := func(ups []tgbotapi.Update) string {
		s := ""
		for _, u := range ups {
			s += u.Message.Text
		}
		return s
	}
	steps := []struct {
		name          string
		offset, limit int
		want          string
		pending       int
	}{
		{"no offset returns oldest", 0, 2, "ab", 4},
		{"unconfirmed are returned again", 0, 0, "abcd", 4},
		{"offset confirms earlier ones", 2, 1, "b", 3},
		{"negative offset keeps the last ones", -1, 0, "d", 1},
		{"offset past the end confirms all", 100, 0, "", 0},
	}
	for _, st := range steps {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: st.offset, Limit: st.limit})
		if err != nil || texts(ups) != st.want || srv.PendingUpdates() != st.pending {
			t.Fatalf("%s: got %q (err %v, pending %d), want %q pending %d", st.name, texts(ups), err, srv.PendingUpdates(), st.want, st.pending)
		}
	}
}

func TestLongPollTimeout(t *testing.T) {
	_, bot := newBot(t, telegramfake.WithLongPollUnit(20*time.Millisecond))
	start := time.Now()
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 5}) // 5 × 20 ms
	took := time.Since(start)
	if err != nil || len(ups) != 0 {
		t.Fatalf("GetUpdates = %+v, %v", ups, err)
	}
	if took < 90*time.Millisecond || took > 2*time.Second {
		t.Fatalf("long poll took %v, want about 100ms", took)
	}
}

func TestLongPollReleasedOnCancel(t *testing.T) {
	srv := telegramfake.New(testToken)
	defer srv.Close()
	ctx := testCtx(t)
	pollCtx, cancel := context.WithCancel(ctx)
	bot, err := tgbotapi.NewBotAPIWithClient(testToken, srv.Endpoint(), ctxClient{pollCtx, &http.Client{}})
	if err != nil {
		t.Fatal(err)
	}
	ch := pollAsync(bot, tgbotapi.UpdateConfig{Timeout: 60})
	if err := srv.WaitPolling(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	if r := await(t, ch); r.err == nil || r.took > 2*time.Second {
		t.Fatalf("GetUpdates after cancel = %v after %v, want a prompt error", r.err, r.took)
	}
	// The server notices the closed connection and drops the long poll.
	if err := srv.Wait(ctx, func() bool { return srv.Polling() == 0 }); err != nil {
		t.Fatalf("long poll still held: %v", err)
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-1]; last.Method != "getUpdates" || last.Status != 0 {
		t.Fatalf("last request = %+v, want an unanswered getUpdates", last)
	}
}

func TestSecondPollerConflicts(t *testing.T) {
	srv, bot := newBot(t)
	ch := pollAsync(bot, tgbotapi.UpdateConfig{Timeout: 60})
	if err := srv.WaitPolling(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatal(err)
	}
	r := await(t, ch)
	wantAPIError(t, r.err, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
}

func TestPrivacyMode(t *testing.T) {
	group := telegramfake.Supergroup(-1009876543210, "Study group")
	tests := []struct {
		name    string
		privacy bool
		admin   bool
		send    func(srv *telegramfake.Server, botMsg int) int
		want    bool
	}{
		{"plain text", true, false, func(s *telegramfake.Server, _ int) int { return s.SendText(group, alice, "hello") }, false},
		{"plain text without privacy", false, false, func(s *telegramfake.Server, _ int) int { return s.SendText(group, alice, "hello") }, true},
		{"plain text, bot is admin", true, true, func(s *telegramfake.Server, _ int) int { return s.SendText(group, alice, "hello") }, true},
		{"command", true, false, func(s *telegramfake.Server, _ int) int { return s.SendCommand(group, alice, "start", "") }, true},
		{"command to this bot", true, false, func(s *telegramfake.Server, _ int) int { return s.SendCommand(group, alice, "start@test_bot", "") }, true},
		{"command to another bot", true, false, func(s *telegramfake.Server, _ int) int { return s.SendCommand(group, alice, "start@other_bot", "") }, false},
		{"mention", true, false, func(s *telegramfake.Server, _ int) int { return s.SendText(group, alice, "hey @test_bot, next one") }, true},
		{"reply to the bot", true, false, func(s *telegramfake.Server, m int) int {
			id, _ := s.SendReply(group, alice, m, "my answer")
			return id
		}, true},
		{"reply to a user", true, false, func(s *telegramfake.Server, _ int) int {
			id, _ := s.SendReply(group, alice, s.SendText(group, bob, "question?"), "answer")
			return id
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, bot := newBot(t, telegramfake.WithPrivacyMode(tt.privacy))
			if tt.admin {
				srv.SetMember(group, srv.Bot(), telegramfake.StatusAdministrator)
			}
			srv.AddChat(group)
			sent, err := bot.Send(tgbotapi.NewMessage(group.ID, "Question 1"))
			if err != nil {
				t.Fatal(err)
			}
			id := tt.send(srv, sent.MessageID)
			ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, u := range ups {
				got = got || (u.Message != nil && u.Message.MessageID == id)
			}
			if got != tt.want {
				t.Fatalf("delivered = %v, want %v (updates %+v)", got, tt.want, ups)
			}
			if bot.Self.CanReadAllGroupMessages == tt.privacy {
				t.Fatalf("getMe can_read_all_group_messages = %v with privacy %v", bot.Self.CanReadAllGroupMessages, tt.privacy)
			}
		})
	}
}

func TestReplyEditAndRawUpdates(t *testing.T) {
	srv, bot := newBot(t)
	dm := telegramfake.PrivateChat(alice)
	srv.AddChat(dm)
	q, err := bot.Send(tgbotapi.NewMessage(alice.ID, "Q: what is RPO?"))
	if err != nil {
		t.Fatal(err)
	}
	replyID, err := srv.SendReply(dm, alice, q.MessageID, "recovery point objective")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.EditText(dm, alice, replyID, "recovery point objective: max data loss"); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SendUpdate([]byte(`{"my_chat_member":{"chat":{"id":1001,"type":"private"},"from":{"id":1001,"is_bot":false,"first_name":"Alice"},"date":1,
		"old_chat_member":{"user":{"id":123456,"is_bot":true,"first_name":"Test Bot"},"status":"member"},
		"new_chat_member":{"user":{"id":123456,"is_bot":true,"first_name":"Test Bot"},"status":"kicked"}}}`)); err != nil {
		t.Fatal(err)
	}
	if id, err := srv.SendUpdate([]byte(`{"chat_member":{}}`)); err != nil || id != 0 {
		t.Fatalf("chat_member update = %d, %v; want filtered out by default", id, err)
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 3 {
		t.Fatalf("GetUpdates = %+v, %v", ups, err)
	}
	reply := ups[0].Message
	if reply.ReplyToMessage == nil || reply.ReplyToMessage.MessageID != q.MessageID || !reply.ReplyToMessage.From.IsBot ||
		reply.ReplyToMessage.Text != "Q: what is RPO?" {
		t.Fatalf("reply = %+v", reply)
	}
	if e := ups[1].EditedMessage; e == nil || e.MessageID != replyID || e.EditDate == 0 || e.Text != "recovery point objective: max data loss" {
		t.Fatalf("edited = %+v", ups[1])
	}
	if m := ups[2].MyChatMember; m == nil || m.NewChatMember.Status != "kicked" || ups[2].UpdateID != ups[1].UpdateID+1 {
		t.Fatalf("raw update = %+v", ups[2])
	}
	if _, err := srv.SendReply(dm, alice, 999, "x"); err == nil {
		t.Fatal("SendReply to a missing message succeeded")
	}
}

func TestAllowedUpdates(t *testing.T) {
	srv, bot := newBot(t)
	dm := telegramfake.PrivateChat(alice)
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{AllowedUpdates: []string{"callback_query"}}); err != nil {
		t.Fatal(err)
	}
	srv.SendText(dm, alice, "filtered")
	if n := srv.PendingUpdates(); n != 0 {
		t.Fatalf("PendingUpdates = %d, want 0", n)
	}
}
