package telegram_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// recordingObserver is a bot.SendObserver that remembers what it was told.
type recordingObserver struct {
	mu    sync.Mutex
	kinds []string
}

// SendFailed records a failed try.
func (o *recordingObserver) SendFailed(p bot.Platform, kind string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if p != bot.Telegram {
		kind = "wrong platform " + string(p)
	}
	o.kinds = append(o.kinds, kind)
}

// take returns the kinds recorded since the last take.
func (o *recordingObserver) take() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := o.kinds
	o.kinds = nil
	return out
}

// TestSendObserver checks that each failed try of a send is reported once
// with its kind, and that what is not a failure of a send is not.
func TestSendObserver(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	obs := &recordingObserver{}
	retry := fastRetry
	retry.MaxTries, retry.AttemptTimeout = 6, 300*time.Millisecond
	a, _ := newAdapter(t, srv, nil, telegram.WithSendObserver(obs), telegram.WithRetryPolicy(retry))

	// Every kind of transient failure, then success: one report per try.
	srv.Fail("sendMessage", 1, telegramfake.TooManyRequests(1))
	srv.Fail("sendMessage", 1, telegramfake.ServerError(500))
	srv.Fail("sendMessage", 1, telegramfake.ProxyError(502))
	srv.Fail("sendMessage", 1, telegramfake.ResetConnection())
	srv.Fail("sendMessage", 1, telegramfake.Hang())
	sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("after five failures")})
	want := []string{bot.SendRateLimited, bot.SendServer, bot.SendServer, bot.SendNetwork, bot.SendNetwork}
	if got := obs.take(); !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}

	// Permanent failures: reported once, not retried.
	srv.SetBlocked(alice.ID, true)
	if _, err := a.Send(waitCtx(t), aliceChat, bot.Reply{Text: bot.TextOf("blocked")}); err == nil {
		t.Fatal("send to a chat that blocked the bot succeeded")
	}
	srv.SetBlocked(alice.ID, false)
	srv.Fail("sendMessage", 1, telegramfake.ErrorResponse(400, "Bad Request: message text is empty"))
	if _, err := a.Send(waitCtx(t), aliceChat, bot.Reply{Text: bot.TextOf("bad")}); err == nil {
		t.Fatal("a 400 answer gave no error")
	}
	if got, want := obs.take(), []string{bot.SendUndeliverable, bot.SendOther}; !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}

	// Rejected HTML is a failed try (other), then the plain text goes out;
	// an edit that changes nothing is not a failure.
	srv.Fail("sendMessage", 1, telegramfake.ErrorResponse(400, `Bad Request: can't parse entities: Unsupported start tag "x" at byte offset 0`))
	id := sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("fallback")})
	sendOnce(t, a, aliceChat, bot.Reply{Text: bot.TextOf("fallback"), Edit: id})
	if got, want := obs.take(), []string{bot.SendOther}; !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}

	// A try cut short by the caller (shutdown) is not a platform failure.
	srv.Fail("sendMessage", 1, telegramfake.Hang())
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := a.Send(ctx, aliceChat, bot.Reply{Text: bot.TextOf("cancelled")}); err == nil {
		t.Fatal("a cancelled send succeeded")
	}
	if got := obs.take(); len(got) != 0 {
		t.Errorf("a cancelled try reported %q", got)
	}
}

// TestSendObserverWhileReplying checks the failures of replies to
// updates, a button press's answer included, and that polling failures
// are not sends.
func TestSendObserverWhileReplying(t *testing.T) {
	srv := newServer(t)
	obs := &recordingObserver{}
	r := newScripted()
	srv.Fail("getUpdates", 1, telegramfake.ServerError(502))
	start(t, srv, r, nil, telegram.WithSendObserver(obs))
	ctx := waitCtx(t)

	srv.Fail("sendMessage", 2, telegramfake.ServerError(503))
	srv.SendCommand(dm, alice, "next", "")
	msgs, err := srv.WaitMessages(ctx, alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	srv.Fail("answerCallbackQuery", 1, telegramfake.ResetConnection())
	qid, err := srv.PressButton(dm, alice, msgs[0].MessageID, "hint:q1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitCallbackAnswer(ctx, qid); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitMessages(ctx, alice.ID, 2); err != nil {
		t.Fatal(err)
	}
	want := []string{bot.SendServer, bot.SendServer, bot.SendNetwork}
	if got := obs.take(); !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}
}
