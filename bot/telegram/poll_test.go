package telegram_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// TestEmptyUpdatesDoNotSpin runs against an endpoint that answers
// getUpdates at once with nothing, ignoring the timeout.
func TestEmptyUpdatesDoNotSpin(t *testing.T) {
	srv := newServer(t)
	srv.Fail("getUpdates", -1, telegramfake.EmptyUpdates())
	launch(t, srv, newScripted(), nil)
	if err := srv.WaitCalls(waitCtx(t), "getUpdates", 1); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if n := srv.CallCount("getUpdates"); n > 4 {
		t.Errorf("%d getUpdates calls in a second: the loop spins", n)
	}
}

// TestCancelStopsLongPoll checks that cancelling Run aborts the long poll
// in flight at once.
func TestCancelStopsLongPoll(t *testing.T) {
	srv := newServer(t)
	h := start(t, srv, newScripted(), nil)
	begin := time.Now()
	if err := h.stop(); err != nil {
		t.Errorf("Run = %v, want nil on a clean stop", err)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("Run returned %v after the cancel", d)
	}
	// The fake sees the aborted request go away.
	waitFor(t, srv, func() bool { return srv.Polling() == 0 })
}

// gated is a replier whose handling of "slow" messages waits for a gate.
func gated(r *scripted, gate <-chan struct{}) {
	r.handle = func(ctx context.Context, ev bot.Event) []bot.Reply {
		if ev.Text == "slow" {
			select {
			case <-gate:
			case <-ctx.Done():
				return nil
			}
		}
		return []bot.Reply{{Text: bot.TextOf("done: " + ev.Text)}}
	}
}

// maxOffset returns the highest offset getUpdates was called with.
func maxOffset(srv *telegramfake.Server) int {
	high := 0
	for _, r := range srv.Requests() {
		if r.Method == "getUpdates" {
			n, _ := strconv.Atoi(r.Params["offset"])
			high = max(high, n)
		}
	}
	return high
}

// TestAckAfterHandling checks that an update is acknowledged only once
// handled, that other chats go on meanwhile, and that one chat's updates
// are handled in order.
func TestAckAfterHandling(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	gate := make(chan struct{})
	gated(r, gate)
	start(t, srv, r, nil)
	ctx := waitCtx(t)

	srv.SendText(dm, alice, "slow") // update 1
	if ev := r.next(t); ev.Text != "slow" {
		t.Fatalf("event %q", ev.Text)
	}
	srv.SendText(dm, alice, "after slow") // update 2: waits for update 1
	for i := range 3 {                    // updates 3-5: another chat goes on
		srv.SendText(telegramfake.PrivateChat(bob), bob, "bob "+strconv.Itoa(i))
	}
	if _, err := srv.WaitMessages(ctx, bob.ID, 3); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Messages(alice.ID)); n != 0 {
		t.Fatalf("alice got %d replies while her first update is being handled", n)
	}
	if off := maxOffset(srv); off > 1 {
		t.Fatalf("getUpdates offset %d acknowledged update 1 before it was handled", off)
	}

	close(gate)
	msgs, err := srv.WaitMessages(ctx, alice.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].PlainText != "done: slow" || msgs[1].PlainText != "done: after slow" {
		t.Errorf("alice's replies out of order: %q, %q", msgs[0].PlainText, msgs[1].PlainText)
	}
	waitFor(t, srv, func() bool { return maxOffset(srv) == 6 && srv.PendingUpdates() == 0 })
}

// TestUnhandledUpdatesComeAgain stops the bot while an update is being
// handled past the drain timeout: it is not acknowledged, and the next run
// gets it again.
func TestUnhandledUpdatesComeAgain(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	gated(r, make(chan struct{}))
	h := start(t, srv, r, nil, telegram.WithDrainTimeout(200*time.Millisecond))
	id := srv.SendText(dm, alice, "slow")
	r.next(t)
	begin := time.Now()
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("stopped in %v", d)
	}
	if n := srv.PendingUpdates(); n != 1 {
		t.Fatalf("%d pending updates, want 1 (not acknowledged)", n)
	}

	r2 := newScripted()
	start(t, srv, r2, nil)
	if ev := r2.next(t); ev.MessageID != strconv.Itoa(id) || ev.Text != "slow" {
		t.Errorf("the next run got %+v, want message %d again", ev, id)
	}
}

// TestSlowUpdateDoesNotHoldBackOthers: while one chat's update is slow to
// handle, every poll brings it back (it is not acknowledged); another
// chat's update sent after such a poll still gets its reply, and the loop
// does not spin on the repeats.
func TestSlowUpdateDoesNotHoldBackOthers(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	gate := make(chan struct{})
	defer close(gate)
	gated(r, gate)
	start(t, srv, r, nil)

	srv.SendText(dm, alice, "slow")
	r.next(t)
	// The poll after update 1 was dispatched answers at once with update
	// 1 again; bob writes only after it.
	calls := srv.CallCount("getUpdates")
	waitFor(t, srv, func() bool { return srv.CallCount("getUpdates") > calls })
	time.Sleep(50 * time.Millisecond)
	srv.SendText(telegramfake.PrivateChat(bob), bob, "hello")
	msgs, err := srv.WaitMessages(waitCtx(t), bob.ID, 1)
	if err != nil {
		t.Fatalf("bob's update waited for alice's slow one: %v", err)
	}
	if msgs[0].PlainText != "done: hello" {
		t.Errorf("bob got %q", msgs[0].PlainText)
	}
	calls = srv.CallCount("getUpdates")
	time.Sleep(2 * time.Second)
	// Pauses of 0.1, 0.2, 0.4, 0.8, 1 s: about 5 calls; a loop that did
	// not pause would make hundreds.
	if n := srv.CallCount("getUpdates") - calls; n > 8 {
		t.Errorf("%d getUpdates calls in 2 s while one update is slow: the loop spins", n)
	}
}

// TestDrainSendsInFlightReplies stops the bot while an update is being
// handled: its replies still go out and it is acknowledged.
func TestDrainSendsInFlightReplies(t *testing.T) {
	srv := newServer(t)
	r := newScripted()
	gate := make(chan struct{})
	gated(r, gate)
	h := start(t, srv, r, nil)
	srv.SendText(dm, alice, "slow")
	r.next(t)
	go func() {
		time.Sleep(100 * time.Millisecond)
		close(gate)
	}()
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if m, ok := srv.LastMessage(alice.ID); !ok || m.PlainText != "done: slow" {
		t.Errorf("the reply did not go out during the drain: %+v", m)
	}
	if n := srv.PendingUpdates(); n != 0 {
		t.Errorf("%d updates pending after a clean drain", n)
	}
}

// TestPollingErrorsBackOff checks that getUpdates failures are logged and
// retried, never fatal.
func TestPollingErrorsBackOff(t *testing.T) {
	srv := newServer(t)
	srv.Fail("getUpdates", 1, telegramfake.ServerError(502))
	srv.Fail("getUpdates", 1, telegramfake.ResetConnection())
	srv.Fail("getUpdates", 1, telegramfake.ErrorResponse(409, "Conflict: terminated by other getUpdates request"))
	srv.Fail("getUpdates", 1, telegramfake.TooManyRequests(1))
	r := newScripted()
	h := start(t, srv, r, nil)
	srv.SendCommand(dm, alice, "help", "")
	if _, err := srv.WaitMessages(waitCtx(t), alice.ID, 1); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(h.logs.String(), `msg="telegram getUpdates failed"`); n != 4 {
		t.Errorf("%d getUpdates failures logged, want 4:\n%s", n, h.logs.String())
	}
}
