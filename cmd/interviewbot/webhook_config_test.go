package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestWebhookRefusesPlainHTTPAndNoSecret: webhook mode with an http:// URL
// (Telegram posts only to HTTPS) or without a secret token (the secret
// from the environment missing) stops at start-up with a message that
// names the key, before any call reaches Telegram.
func TestWebhookRefusesPlainHTTPAndNoSecret(t *testing.T) {
	const token = "424242:webhook-SECRET-token"
	srv := telegramfake.New(token)
	defer srv.Close()
	t.Setenv("IB_TELEGRAM_TOKEN", token)
	t.Setenv("IB_WEBHOOK_SECRET", "")
	for _, tt := range []struct{ url, secret, key string }{
		{"http://bot.example.com/telegram", "s3cret", "telegram.webhook.url"},
		{"https://bot.example.com/telegram", "${IB_WEBHOOK_SECRET}", "telegram.webhook.secret_token"},
	} {
		dir := t.TempDir()
		cfg := filepath.Join(dir, "config.yaml")
		err := os.WriteFile(cfg, []byte(fmt.Sprintf(`
telegram:
  token: ${IB_TELEGRAM_TOKEN}
  api_endpoint: %s
  mode: webhook
  webhook:
    listen: 127.0.0.1:0
    url: %s
    secret_token: %s
`, srv.Endpoint(), tt.url, tt.secret)), 0o600)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		var stderr bytes.Buffer
		code := run(ctx, []string{"run", "--config", cfg, "--db", filepath.Join(dir, "bot.db")}, strings.NewReader(""), &bytes.Buffer{}, &stderr)
		cancel()
		if code == 0 || !strings.Contains(stderr.String(), tt.key) {
			t.Errorf("url %s, secret %q: exit %d, stderr:\n%s\nwant a failure naming %s", tt.url, tt.secret, code, stderr.String(), tt.key)
		}
		if strings.Contains(stderr.String(), token) {
			t.Errorf("stderr shows the token:\n%s", stderr.String())
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d calls reached Telegram, want none", n)
	}
}
