package telegramfake_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

func TestTooManyRequests(t *testing.T) {
	srv, bot := newBot(t)
	srv.AddChat(telegramfake.PrivateChat(alice))
	srv.Fail("sendMessage", 1, telegramfake.TooManyRequests(7))
	_, err := bot.Send(tgbotapi.NewMessage(alice.ID, "hi"))
	wantAPIError(t, err, 429, "Too Many Requests: retry after 7")
	if e := apiErr(t, err); e.RetryAfter != 7 {
		t.Fatalf("RetryAfter = %d, want 7", e.RetryAfter)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(alice.ID, "hi")); err != nil {
		t.Fatalf("second send: %v", err)
	}
	reqs := srv.Requests()
	if n := len(reqs); n != 3 || reqs[1].Status != 429 || reqs[1].Fault != "error 429" || reqs[2].Status != 200 {
		t.Fatalf("Requests = %+v", reqs)
	}
	if n := len(srv.Messages(alice.ID)); n != 1 {
		t.Fatalf("%d messages recorded, want 1", n)
	}
}

func TestServerErrors(t *testing.T) {
	tests := []struct {
		name     string
		fault    telegramfake.Fault
		wantCode int // 0: not a Bot API error
		wantDesc string
	}{
		{"500 JSON", telegramfake.ServerError(500), 500, "Internal Server Error"},
		{"502 JSON", telegramfake.ServerError(502), 502, "Bad Gateway"},
		{"403 JSON", telegramfake.ErrorResponse(403, "Forbidden: bot was blocked by the user"), 403, "Forbidden: bot was blocked by the user"},
		{"502 HTML from a proxy", telegramfake.ProxyError(502), 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, bot := newBot(t)
			srv.Fail("", 1, tt.fault)
			_, err := bot.GetMe()
			if tt.wantCode != 0 {
				wantAPIError(t, err, tt.wantCode, tt.wantDesc)
			} else {
				var e *tgbotapi.Error
				if err == nil || errors.As(err, &e) {
					t.Fatalf("GetMe error = %v, want a JSON decoding error", err)
				}
			}
			if _, err := bot.GetMe(); err != nil {
				t.Fatalf("after the fault: %v", err)
			}
		})
	}

	srv := telegramfake.New(testToken)
	defer srv.Close()
	srv.Fail("getme", 1, telegramfake.ProxyError(502))
	resp, err := http.Get(srv.URL() + "/bot" + testToken + "/getMe")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 502 || !strings.Contains(string(body), "<title>502 Bad Gateway</title>") ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("proxy error = %d %q", resp.StatusCode, body)
	}
}

func TestHangAndReset(t *testing.T) {
	srv := telegramfake.New(testToken)
	defer srv.Close()
	bot, err := tgbotapi.NewBotAPIWithClient(testToken, srv.Endpoint(), &http.Client{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv.AddChat(telegramfake.PrivateChat(alice))

	srv.Fail("getMe", 1, telegramfake.Hang())
	start := time.Now()
	if _, err := bot.GetMe(); err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("hung GetMe = %v after %v, want a client timeout", err, time.Since(start))
	}
	srv.Fail("sendMessage", 1, telegramfake.ResetConnection())
	if _, err := bot.Send(tgbotapi.NewMessage(alice.ID, "x")); err == nil {
		t.Fatal("send over a reset connection succeeded")
	}
	if _, err := bot.Send(tgbotapi.NewMessage(alice.ID, "x")); err != nil {
		t.Fatalf("send after reset: %v", err)
	}
	if n := len(srv.Messages(alice.ID)); n != 1 {
		t.Fatalf("%d messages recorded, want 1", n)
	}
}

func TestResetDuringLongPoll(t *testing.T) {
	srv, bot := newBot(t)
	ch := pollAsync(bot, tgbotapi.UpdateConfig{Timeout: 60})
	if err := srv.WaitPolling(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if n := srv.ResetPolling(); n != 1 {
		t.Fatalf("ResetPolling = %d, want 1", n)
	}
	if r := await(t, ch); r.err == nil {
		t.Fatalf("GetUpdates = %+v, want a connection error", r.updates)
	}
	srv.SendText(telegramfake.PrivateChat(alice), alice, "still there?")
	if ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 60}); err != nil || len(ups) != 1 {
		t.Fatalf("GetUpdates after reset = %+v, %v", ups, err)
	}
}

func TestEmptyUpdatesProxy(t *testing.T) {
	srv, bot := newBot(t)
	srv.Fail("getUpdates", -1, telegramfake.EmptyUpdates())
	srv.SendText(telegramfake.PrivateChat(alice), alice, "lost behind the proxy")
	start := time.Now()
	for range 3 {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 50})
		if err != nil || len(ups) != 0 {
			t.Fatalf("GetUpdates = %+v, %v", ups, err)
		}
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("empty answers took %v, want immediate", took)
	}
	if n := srv.CallCount("getUpdates"); n != 3 {
		t.Fatalf("CallCount(getUpdates) = %d, want 3", n)
	}
	srv.ClearFaults()
	if ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 50}); err != nil || len(ups) != 1 {
		t.Fatalf("GetUpdates after ClearFaults = %+v, %v", ups, err)
	}
}

func TestDelayFault(t *testing.T) {
	srv, bot := newBot(t)
	srv.Fail("getMe", 1, telegramfake.Delay(50*time.Millisecond))
	start := time.Now()
	if _, err := bot.GetMe(); err != nil || time.Since(start) < 50*time.Millisecond {
		t.Fatalf("delayed GetMe = %v after %v", err, time.Since(start))
	}
}

func TestAutomaticRateLimit(t *testing.T) {
	clock := newFakeClock()
	srv, bot := newBot(t, telegramfake.WithClock(clock.Now), telegramfake.WithRateLimit(telegramfake.DefaultRateLimit()))
	srv.AddChat(telegramfake.PrivateChat(alice))
	group := telegramfake.Group(-5001, "Group")
	srv.AddChat(group)

	if _, err := bot.Send(tgbotapi.NewMessage(alice.ID, "1")); err != nil {
		t.Fatal(err)
	}
	_, err := bot.Send(tgbotapi.NewMessage(alice.ID, "2"))
	wantAPIError(t, err, 429, "Too Many Requests: retry after 1")
	if e := apiErr(t, err); e.RetryAfter != 1 {
		t.Fatalf("RetryAfter = %d", e.RetryAfter)
	}
	clock.Advance(time.Second)
	if _, err := bot.Send(tgbotapi.NewMessage(alice.ID, "2")); err != nil {
		t.Fatalf("after waiting: %v", err)
	}

	// 20 messages a minute in a group, one per second in any chat.
	for i := range 20 {
		clock.Advance(time.Second)
		if _, err := bot.Send(tgbotapi.NewMessage(group.ID, "g")); err != nil {
			t.Fatalf("group message %d: %v", i+1, err)
		}
	}
	clock.Advance(time.Second)
	_, err = bot.Send(tgbotapi.NewMessage(group.ID, "g"))
	wantAPIError(t, err, 429, "Too Many Requests: retry after 40")

	var statuses []int
	for _, r := range srv.Requests() {
		if r.Method == "sendMessage" {
			statuses = append(statuses, r.Status)
		}
	}
	if len(statuses) != 24 || statuses[1] != 429 || statuses[23] != 429 {
		t.Fatalf("sendMessage statuses = %v", statuses)
	}
}
