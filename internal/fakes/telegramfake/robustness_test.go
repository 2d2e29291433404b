package telegramfake_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

func TestMalformedRequests(t *testing.T) {
	srv := telegramfake.New(testToken)
	defer srv.Close()
	srv.AddChat(telegramfake.PrivateChat(alice))
	base := srv.URL() + "/bot" + testToken + "/"
	tests := []struct {
		name, method, ctype, body string
		status                    int
		desc                      string
	}{
		{"bad JSON body", "sendMessage", "application/json", `{"chat_id":`, 400, "Bad Request: can't parse JSON object"},
		{"bad multipart", "sendPhoto", "multipart/form-data; boundary=x", "garbage", 400, ""},
		{"missing chat_id", "sendMessage", "", enc("text", "hi"), 400, "Bad Request: chat_id is empty"},
		{"reply_markup not JSON", "sendMessage", "", enc("chat_id", "1001", "text", "x", "reply_markup", "{"),
			400, "Bad Request: can't parse reply keyboard markup JSON object"},
		{"reply_markup null button", "sendMessage", "", enc("chat_id", "1001", "text", "x", "reply_markup", `{"inline_keyboard":[[null]]}`),
			400, `Bad Request: can't parse inline keyboard button: Field "text" must be of type String`},
		{"text button inline", "sendMessage", "", enc("chat_id", "1001", "text", "x", "reply_markup", `{"inline_keyboard":[[{"text":"x"}]]}`),
			400, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"},
		{"callback data too long", "sendMessage", "", enc("chat_id", "1001", "text", "x", "reply_markup",
			`{"inline_keyboard":[[{"text":"x","callback_data":"`+strings.Repeat("d", 65)+`"}]]}`), 400, "Bad Request: BUTTON_DATA_INVALID"},
		{"reply to a missing message", "sendMessage", "", enc("chat_id", "1001", "text", "x", "reply_to_message_id", "77"),
			400, "Bad Request: message to be replied not found"},
		{"edit without message_id", "editMessageText", "", enc("chat_id", "1001", "text", "x"), 400, "Bad Request: message identifier is not specified"},
		{"commands not JSON", "setMyCommands", "", enc("commands", "nope"), 400, "Bad Request: can't parse commands JSON array"},
		{"bad scope", "getMyCommands", "", enc("scope", `{"type":"galaxy"}`), 400, "Bad Request: wrong bot command scope type specified"},
		{"bad offset is ignored", "getUpdates", "", enc("offset", "abc", "limit", "-5"), 200, ""},
		{"GET with query string", "getMe", "GET", "", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				resp *http.Response
				err  error
			)
			switch tt.ctype {
			case "GET":
				resp, err = http.Get(base + tt.method + "?x=1")
			case "":
				resp, err = http.Post(base+tt.method, "application/x-www-form-urlencoded", strings.NewReader(tt.body))
			default:
				resp, err = http.Post(base+tt.method, tt.ctype, strings.NewReader(tt.body))
			}
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			var out struct {
				OK          bool   `json:"ok"`
				Description string `json:"description"`
			}
			if err := json.Unmarshal(raw, &out); err != nil {
				t.Fatalf("body %q is not JSON: %v", raw, err)
			}
			if resp.StatusCode != tt.status || (tt.desc != "" && out.Description != tt.desc) || out.OK != (tt.status == 200) {
				t.Fatalf("%s = %d %s, want %d %q", tt.method, resp.StatusCode, raw, tt.status, tt.desc)
			}
		})
	}
}

// enc form-encodes key/value pairs.
func enc(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v.Encode()
}

func TestCloseReleasesWaitingRequests(t *testing.T) {
	srv := telegramfake.New(testToken)
	bot, err := tgbotapi.NewBotAPIWithClient(testToken, srv.Endpoint(), &http.Client{})
	if err != nil {
		t.Fatal(err)
	}
	srv.Fail("getMe", 1, telegramfake.Hang())
	hung := make(chan error, 1)
	go func() { _, err := bot.GetMe(); hung <- err }()
	polled := pollAsync(bot, tgbotapi.UpdateConfig{Timeout: 600})
	ctx := testCtx(t)
	if err := srv.WaitPolling(ctx); err != nil {
		t.Fatal(err)
	}
	if err := srv.WaitCalls(ctx, "getMe", 2); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("Close blocked on waiting requests")
	}
	if err := <-hung; err == nil {
		t.Error("hung GetMe succeeded after Close")
	}
	if r := await(t, polled); r.err == nil {
		t.Error("long poll succeeded after Close")
	}
	srv.Close() // idempotent
}
