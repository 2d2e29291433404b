package telegram_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/internal/testkit"
)

// closedEndpoint returns an endpoint where nothing listens.
func closedEndpoint(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/bot%s/%s"
}

// TestTokenNeverLeaks provokes failures whose raw errors carry the token
// (the SDK puts it in every URL) and checks errors and logs.
func TestTokenNeverLeaks(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)

	// Connection refused: Send's error and Run's retry logs.
	refused := closedEndpoint(t)
	a, logs := newAdapter(t, srv, func(c *telegram.Config) { c.APIEndpoint = refused })
	_, err := a.Send(waitCtx(t), aliceChat, bot.Reply{Text: bot.TextOf("x")})
	if err == nil || !strings.Contains(err.Error(), "connection refused") || !strings.Contains(err.Error(), "[REDACTED]") {
		t.Errorf("Send to a closed port = %v, want a redacted connection error", err)
	} else {
		assertNoToken(t, "error", err.Error())
	}
	h := launch(t, srv, newScripted(), func(c *telegram.Config) { c.APIEndpoint = refused })
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(h.logs.String(), "getMe failed") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := h.stop(); err != nil {
		t.Errorf("Run stopped while connecting = %v, want nil", err)
	}
	if !strings.Contains(h.logs.String(), "[REDACTED]") {
		t.Errorf("no redacted connection error logged:\n%s", h.logs.String())
	}

	// 5xx answers and resets during polling and sending.
	srv.Fail("getUpdates", 2, telegramfake.ResetConnection())
	srv.Fail("sendMessage", -1, telegramfake.ServerError(500))
	h = start(t, srv, newScripted(), nil)
	srv.SendCommand(dm, alice, "next", "")
	waitFor(t, srv, func() bool { return srv.CallCount("sendMessage") >= 5 })
	_, err = h.a.Send(waitCtx(t), aliceChat, bot.Reply{Text: bot.TextOf("x")})
	if err == nil {
		t.Fatal("Send succeeded against a failing server")
	}
	assertNoToken(t, "error", err.Error())
	h.stop()
	for _, l := range []*testkit.SyncBuffer{logs, h.logs} {
		assertNoToken(t, "logs", l.String())
	}
	if !strings.Contains(h.logs.String(), "telegram reply failed") {
		t.Errorf("the failed reply is not logged:\n%s", h.logs.String())
	}
}
