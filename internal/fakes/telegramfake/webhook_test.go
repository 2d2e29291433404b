package telegramfake_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// receiver is a webhook endpoint that records updates.
type receiver struct {
	*httptest.Server
	mu      sync.Mutex
	updates []tgbotapi.Update
	secrets []string
	fail    int // answer 500 to this many deliveries first
}

// newReceiver starts a webhook endpoint decoding updates with tgbotapi.
func newReceiver(t *testing.T, fail int) *receiver {
	rc := &receiver{fail: fail}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.mu.Lock()
		defer rc.mu.Unlock()
		if rc.fail > 0 {
			rc.fail--
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		var bot tgbotapi.BotAPI
		u, err := bot.HandleUpdate(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		rc.updates = append(rc.updates, *u)
		rc.secrets = append(rc.secrets, r.Header.Get(telegramfake.SecretTokenHeader))
	}))
	t.Cleanup(rc.Close)
	return rc
}

// got returns the received updates and secret headers.
func (rc *receiver) got() ([]tgbotapi.Update, []string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]tgbotapi.Update(nil), rc.updates...), append([]string(nil), rc.secrets...)
}

func TestWebhookDelivery(t *testing.T) {
	srv, bot := newBot(t, telegramfake.WithWebhookRetry(10e6))
	ctx := testCtx(t)
	rc := newReceiver(t, 1)
	resp, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": rc.URL, "secret_token": "s3cret_token-1"})
	if err != nil || resp.Description != "Webhook was set" {
		t.Fatalf("setWebhook = %+v, %v", resp, err)
	}
	_, err = bot.GetUpdates(tgbotapi.UpdateConfig{})
	wantAPIError(t, err, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")

	dm := telegramfake.PrivateChat(alice)
	id := srv.SendCommand(dm, alice, "start", "")
	if err := srv.Wait(ctx, func() bool { u, _ := rc.got(); return len(u) == 1 }); err != nil {
		t.Fatal(err)
	}
	ups, secrets := rc.got()
	if ups[0].Message.MessageID != id || !ups[0].Message.IsCommand() || secrets[0] != "s3cret_token-1" {
		t.Fatalf("delivered %+v with secret %q", ups[0], secrets[0])
	}
	info, err := bot.GetWebhookInfo()
	if err != nil || info.URL != rc.URL || info.PendingUpdateCount != 0 ||
		info.LastErrorMessage != "Wrong response from the webhook: 500 Internal Server Error" {
		t.Fatalf("GetWebhookInfo = %+v, %v", info, err)
	}

	if _, err := bot.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		t.Fatal(err)
	}
	srv.SendText(dm, alice, "polling again")
	if got, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil || len(got) != 1 {
		t.Fatalf("GetUpdates after deleteWebhook = %+v, %v", got, err)
	}
	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://example.com/hook"}); err == nil {
		t.Fatal("setWebhook accepted a non-loopback URL")
	}
}

func TestDeliverWebhookHelper(t *testing.T) {
	ctx := testCtx(t)
	rc := newReceiver(t, 0)
	update := []byte(`{"update_id":7,"message":{"message_id":1,"date":1,"chat":{"id":1001,"type":"private"},"text":"hi"}}`)
	status, err := telegramfake.DeliverWebhook(ctx, rc.URL, "tok", update)
	if err != nil || status != http.StatusOK {
		t.Fatalf("DeliverWebhook = %d, %v", status, err)
	}
	ups, secrets := rc.got()
	if len(ups) != 1 || ups[0].UpdateID != 7 || ups[0].Message.Text != "hi" || secrets[0] != "tok" {
		t.Fatalf("received %+v %v", ups, secrets)
	}
	if _, err := telegramfake.DeliverWebhook(ctx, "http://192.0.2.1/hook", "", update); err == nil {
		t.Fatal("DeliverWebhook accepted a non-loopback URL")
	}
}
