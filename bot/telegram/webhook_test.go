package telegram_test

import (
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestWebhook runs webhook mode: setWebhook with the secret, updates
// handled, requests without the secret refused; then polling mode takes
// over by deleting the webhook.
func TestWebhook(t *testing.T) {
	srv := newServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	const secret = "s3cret-Token_1"
	hookURL := "http://" + ln.Addr().String() + "/tg/hook"
	r := newScripted()
	h := launch(t, srv, r, func(c *telegram.Config) {
		c.Mode = telegram.ModeWebhook
		c.Webhook = telegram.Webhook{Listen: ln.Addr().String(), URL: hookURL, SecretToken: secret}
	}, telegram.WithListener(ln))
	waitFor(t, srv, func() bool { return srv.WebhookURL() == hookURL })

	srv.SendCommand(dm, alice, "next", "")
	msgs, err := srv.WaitMessages(waitCtx(t), alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].PlainText != questionText {
		t.Errorf("reply %q", msgs[0].PlainText)
	}
	waitFor(t, srv, func() bool { return srv.PendingUpdates() == 0 })

	update := []byte(`{"update_id":99,"message":{"message_id":50,"date":1,"chat":{"id":1001,"type":"private"},"from":{"id":1001,"first_name":"Alice"},"text":"/help"}}`)
	for _, c := range []struct {
		name, url, secret string
		want              int
	}{
		{"no secret", hookURL, "", http.StatusUnauthorized},
		{"wrong secret", hookURL, "s3cret-Token_2", http.StatusUnauthorized},
		{"wrong path", strings.TrimSuffix(hookURL, "hook") + "other", secret, http.StatusNotFound},
		{"right secret", hookURL, secret, http.StatusOK},
	} {
		status, err := telegramfake.DeliverWebhook(waitCtx(t), c.url, c.secret, update)
		if err != nil || status != c.want {
			t.Errorf("%s: status %d (%v), want %d", c.name, status, err, c.want)
		}
	}
	if ev := r.allEvents(); len(ev) != 2 || ev[1].Command != "help" {
		t.Errorf("events %+v, want /next then /help only", ev)
	}
	resp, err := http.Get(hookURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	if req := lastRequest(srv, "setWebhook"); req.Params["secret_token"] != secret || req.Params["url"] != hookURL {
		t.Errorf("setWebhook params %v", req.Params)
	}
	if err := h.stop(); err != nil {
		t.Errorf("Run = %v", err)
	}
	assertNoToken(t, "logs", strings.ReplaceAll(h.logs.String(), secret, "SECRET"))
	if strings.Contains(h.logs.String(), secret) {
		t.Error("the webhook secret is logged")
	}

	// Polling mode deletes the webhook and receives again.
	r2 := newScripted()
	start(t, srv, r2, nil)
	srv.SendCommand(dm, alice, "help", "")
	if ev := r2.next(t); ev.Command != "help" {
		t.Errorf("polling after webhook: %+v", ev)
	}
}

// lastRequest returns the last request of a method.
func lastRequest(srv *telegramfake.Server, method string) telegramfake.Request {
	reqs := srv.Requests()
	for i := len(reqs) - 1; i >= 0; i-- {
		if reqs[i].Method == method {
			return reqs[i]
		}
	}
	return telegramfake.Request{}
}
