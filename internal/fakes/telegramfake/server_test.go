package telegramfake_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

func TestGetMe(t *testing.T) {
	srv, bot := newBot(t, telegramfake.WithBotUsername("interview_bot", "Interviewer"))
	if bot.Self.ID != 123456 || !bot.Self.IsBot || bot.Self.UserName != "interview_bot" || bot.Self.FirstName != "Interviewer" {
		t.Fatalf("Self = %+v", bot.Self)
	}
	if got := srv.Endpoint(); got != srv.URL()+"/bot%s/%s" || !strings.HasPrefix(got, "http://127.0.0.1:") {
		t.Fatalf("Endpoint() = %q", got)
	}
	if n := srv.CallCount("getMe"); n != 1 {
		t.Fatalf("CallCount(getMe) = %d, want 1", n)
	}
}

func TestWrongTokenAndUnknownMethod(t *testing.T) {
	srv := telegramfake.New(testToken)
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}

	_, err := tgbotapi.NewBotAPIWithClient("654321:wrong", srv.Endpoint(), client)
	wantAPIError(t, err, 401, "Unauthorized")

	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/bot654321:wrong/getMe", 401, `{"description":"Unauthorized","error_code":401,"ok":false}`},
		{"/bot" + testToken + "/noSuchMethod", 404, `{"description":"Not Found","error_code":404,"ok":false}`},
		{"/nothing", 404, `{"description":"Not Found","error_code":404,"ok":false}`},
	}
	for _, tt := range tests {
		resp, err := client.Post(srv.URL()+tt.path, "application/x-www-form-urlencoded", nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !jsonEqual(t, body, tt.body) {
			t.Errorf("POST %s = %d %s, want %d %s", tt.path, resp.StatusCode, body, tt.status, tt.body)
		}
	}
}

func jsonEqual(t *testing.T, a []byte, b string) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

func TestJSONBodyAndCaseInsensitiveMethod(t *testing.T) {
	srv := telegramfake.New(testToken)
	defer srv.Close()
	srv.AddChat(telegramfake.PrivateChat(alice))
	body := `{"chat_id":1001,"text":"<i>hi</i>","parse_mode":"HTML",
		"reply_markup":{"inline_keyboard":[[{"text":"Go","callback_data":"go"}]]}}`
	resp, err := http.Post(srv.URL()+"/bot"+testToken+"/SENDMESSAGE", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		OK     bool             `json:"ok"`
		Result tgbotapi.Message `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || !out.OK {
		t.Fatalf("decode: %v, ok=%v", err, out.OK)
	}
	if out.Result.Text != "hi" || out.Result.ReplyMarkup == nil || out.Result.From == nil || !out.Result.From.IsBot {
		t.Fatalf("result = %+v", out.Result)
	}
	m, ok := srv.LastMessage(alice.ID)
	if !ok || m.Text != "<i>hi</i>" || m.PlainText != "hi" || m.Method != "sendMessage" {
		t.Fatalf("LastMessage = %+v", m)
	}
	if data, ok := m.ButtonData("Go"); !ok || data != "go" {
		t.Fatalf("ButtonData(Go) = %q, %v", data, ok)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Method != "sendMessage" || reqs[0].Status != 200 || reqs[0].Params["chat_id"] != "1001" {
		t.Fatalf("Requests() = %+v", reqs)
	}
}

func TestChatErrors(t *testing.T) {
	srv, bot := newBot(t)
	_, err := bot.Send(tgbotapi.NewMessage(42, "hello"))
	wantAPIError(t, err, 400, "Bad Request: chat not found")

	srv.AddChat(telegramfake.PrivateChat(alice))
	srv.SetBlocked(alice.ID, true)
	_, err = bot.Send(tgbotapi.NewMessage(alice.ID, "hello"))
	wantAPIError(t, err, 403, "Forbidden: bot was blocked by the user")

	group := telegramfake.Supergroup(-1001234567890, "Study group")
	srv.SetMember(group, srv.Bot(), telegramfake.StatusKicked)
	_, err = bot.Send(tgbotapi.NewMessage(group.ID, "hello"))
	wantAPIError(t, err, 403, "Forbidden: bot was kicked from the supergroup chat")
}

func TestChatMembers(t *testing.T) {
	srv, bot := newBot(t)
	group := telegramfake.Group(-4001, "Mock interviews")
	srv.SetMember(group, alice, telegramfake.StatusCreator)
	srv.SetMember(group, bob, telegramfake.StatusAdministrator)
	carol := telegramfake.User{ID: 1003, FirstName: "Carol"}
	srv.SendText(group, carol, "hi all")

	chat, err := bot.GetChat(tgbotapi.ChatInfoConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: group.ID}})
	if err != nil || chat.Type != "group" || chat.Title != "Mock interviews" {
		t.Fatalf("GetChat = %+v, %v", chat, err)
	}
	admins, err := bot.GetChatAdministrators(tgbotapi.ChatAdministratorsConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: group.ID}})
	if err != nil || len(admins) != 2 || admins[0].Status != "creator" || admins[0].User.ID != alice.ID ||
		admins[1].Status != "administrator" || !admins[1].CanDeleteMessages {
		t.Fatalf("GetChatAdministrators = %+v, %v", admins, err)
	}
	for _, tt := range []struct {
		user int64
		want string
	}{{alice.ID, "creator"}, {bob.ID, "administrator"}, {carol.ID, "member"}, {123456, "member"}} {
		m, err := bot.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: group.ID, UserID: tt.user}})
		if err != nil || m.Status != tt.want {
			t.Errorf("GetChatMember(%d) = %q, %v; want %q", tt.user, m.Status, err, tt.want)
		}
	}
	_, err = bot.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: group.ID, UserID: 777}})
	wantAPIError(t, err, 400, "Bad Request: user not found")

	srv.AddChat(telegramfake.PrivateChat(alice))
	_, err = bot.GetChatAdministrators(tgbotapi.ChatAdministratorsConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: alice.ID}})
	wantAPIError(t, err, 400, "Bad Request: there are no administrators in the private chat")
}

func TestChatAction(t *testing.T) {
	srv, bot := newBot(t)
	srv.AddChat(telegramfake.PrivateChat(alice))
	if _, err := bot.Request(tgbotapi.NewChatAction(alice.ID, tgbotapi.ChatTyping)); err != nil {
		t.Fatal(err)
	}
	_, err := bot.Request(tgbotapi.NewChatAction(alice.ID, "dancing"))
	wantAPIError(t, err, 400, "Bad Request: wrong parameter action in request")
	if got := srv.ChatActions(alice.ID); len(got) != 1 || got[0] != "typing" {
		t.Fatalf("ChatActions = %v", got)
	}
}

func TestCommands(t *testing.T) {
	srv, bot := newBot(t)
	ru := []tgbotapi.BotCommand{{Command: "start", Description: "Начать"}, {Command: "next", Description: "Следующий вопрос"}}
	scope := tgbotapi.NewBotCommandScopeAllPrivateChats()
	if _, err := bot.Request(tgbotapi.SetMyCommandsConfig{Commands: ru, Scope: &scope, LanguageCode: "ru"}); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "start", Description: "Start"})); err != nil {
		t.Fatal(err)
	}
	got, err := bot.GetMyCommandsWithConfig(tgbotapi.GetMyCommandsConfig{Scope: &scope, LanguageCode: "ru"})
	if err != nil || len(got) != 2 || got[1].Command != "next" {
		t.Fatalf("GetMyCommands(ru, private) = %+v, %v", got, err)
	}
	if got, err := bot.GetMyCommands(); err != nil || len(got) != 1 || got[0].Description != "Start" {
		t.Fatalf("GetMyCommands() = %+v, %v", got, err)
	}
	if got := srv.Commands(telegramfake.CommandScope{Type: "all_private_chats"}, "ru"); len(got) != 2 {
		t.Fatalf("Commands(private, ru) = %+v", got)
	}
	if got := srv.Commands(telegramfake.CommandScope{}, "ru"); len(got) != 0 {
		t.Fatalf("Commands(default, ru) = %+v, want none (no fallback)", got)
	}
	_, err = bot.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "Bad-Cmd", Description: "x"}))
	wantAPIError(t, err, 400, "Bad Request: BOT_COMMAND_INVALID")
	if _, err := bot.Request(tgbotapi.DeleteMyCommandsConfig{Scope: &scope, LanguageCode: "ru"}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands(telegramfake.CommandScope{Type: "all_private_chats"}, "ru"); len(got) != 0 {
		t.Fatalf("after delete: %+v", got)
	}
}
