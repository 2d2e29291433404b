package telegramfake_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

const testToken = "123456:AAH-test-token"

var (
	alice = telegramfake.User{ID: 1001, FirstName: "Alice", Username: "alice", LanguageCode: "en"}
	bob   = telegramfake.User{ID: 1002, FirstName: "Bob", Username: "bob"}
)

// newBot starts a fake server and a real tgbotapi client connected to it.
func newBot(t *testing.T, opts ...telegramfake.Option) (*telegramfake.Server, *tgbotapi.BotAPI) {
	t.Helper()
	srv := telegramfake.New(testToken, opts...)
	t.Cleanup(srv.Close)
	bot, err := tgbotapi.NewBotAPIWithClient(testToken, srv.Endpoint(), &http.Client{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("NewBotAPIWithClient: %v", err)
	}
	return srv, bot
}

// testCtx returns a context bounded well below the test timeout.
func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// ctxClient is a tgbotapi.HTTPClient that binds requests to a context, the
// way a context-aware adapter would (tgbotapi itself builds requests
// without one).
type ctxClient struct {
	ctx context.Context
	c   *http.Client
}

// Do sends the request under the client's context.
func (c ctxClient) Do(r *http.Request) (*http.Response, error) {
	return c.c.Do(r.WithContext(c.ctx))
}

// apiErr extracts the tgbotapi.Error of a failed call.
func apiErr(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *tgbotapi.Error", err, err)
	}
	return e
}

// wantAPIError checks a failed call's code and description.
func wantAPIError(t *testing.T, err error, code int, description string) {
	t.Helper()
	if err == nil {
		t.Fatalf("call succeeded, want error %d %q", code, description)
	}
	e := apiErr(t, err)
	if e.Code != code || e.Message != description {
		t.Fatalf("error = %d %q, want %d %q", e.Code, e.Message, code, description)
	}
}

// sendHTML sends an HTML message with tgbotapi.
func sendHTML(bot *tgbotapi.BotAPI, chatID int64, text string) (tgbotapi.Message, error) {
	m := tgbotapi.NewMessage(chatID, text)
	m.ParseMode = tgbotapi.ModeHTML
	return bot.Send(m)
}

// keyboard builds an inline keyboard of callback buttons label→data.
func keyboard(pairs ...string) tgbotapi.InlineKeyboardMarkup {
	var row []tgbotapi.InlineKeyboardButton
	for i := 0; i+1 < len(pairs); i += 2 {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(pairs[i], pairs[i+1]))
	}
	return tgbotapi.NewInlineKeyboardMarkup(row)
}

// fakeClock is a manually advanced clock for WithClock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// newFakeClock returns a clock at a fixed instant.
func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
}

// Now returns the clock's time.
func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
