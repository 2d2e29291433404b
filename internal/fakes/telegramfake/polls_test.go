package telegramfake_test

import (
	"net/http"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestPollsTerminatedOnce starts long polls one after another, each
// terminating the one before, while the fake's state keeps changing (a
// restarted bot that polls while its killed predecessor's poll still
// waits, again and again), then cuts the last one with ResetPolling. A
// terminated poll that also saw a change must end, not wait again and be
// terminated a second time (that closed a closed channel and left the fake
// locked). Every terminated poll answers 409, the reset one nothing.
func TestPollsTerminatedOnce(t *testing.T) {
	srv, _ := newBot(t)
	ctx := testCtx(t)
	const polls = 40
	errs := make(chan error, polls)
	conflicts := 0
	ended := func() {
		t.Helper()
		select {
		case err := <-errs:
			if err != nil && apiErrCode(err) == http.StatusConflict {
				conflicts++
			}
		case <-time.After(5 * time.Second):
			t.Fatal("a poll did not end")
		}
	}
	for i := range polls {
		api, err := tgbotapi.NewBotAPIWithClient(testToken, srv.Endpoint(), ctxClient{ctx: ctx, c: &http.Client{}})
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			_, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
			errs <- err
		}()
		// Poll i is waiting once it has ended poll i-1: it terminates the
		// old poll and starts waiting under one lock. Counting calls is not
		// enough: poll i is counted before it takes the lock, while poll
		// i-1 still waits.
		if i == 0 {
			if err := srv.Wait(ctx, func() bool { return srv.Polling() == 1 }); err != nil {
				t.Fatalf("poll %d: %v", i, err)
			}
		} else {
			ended()
		}
		srv.AddChat(telegramfake.PrivateChat(alice)) // a change every poll sees
	}
	if n := srv.ResetPolling(); n != 1 {
		t.Errorf("ResetPolling reset %d polls, want 1", n)
	}
	ended()
	if conflicts != polls-1 {
		t.Errorf("%d polls ended with 409, want %d", conflicts, polls-1)
	}
}

// apiErrCode returns the error code of a Bot API error, or 0.
func apiErrCode(err error) int {
	if e, ok := err.(*tgbotapi.Error); ok {
		return e.Code
	}
	return 0
}
