package telegram_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
	"github.com/interviewbot/interviewbot/bot/telegram"
	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
	"github.com/interviewbot/interviewbot/internal/testkit"
	"github.com/interviewbot/interviewbot/storage"
)

// The platform faults of these tests go through the fake Bot API to the
// real adapter and the real core over bbolt. The adapter's own retry
// tests (send_test.go, poll_test.go) use a scripted core; these check what
// people and the store see.

// newCoreAt returns the real core over bbolt in a temporary directory,
// with the clock now (time.Now when nil).
func newCoreAt(t *testing.T, now func() time.Time) (*engine.Bot, *storage.DB) {
	t.Helper()
	b := testkit.Bank(t, "")
	db, err := storage.Open(filepath.Join(t.TempDir(), "bot.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	core, err := engine.New(engine.Config{Bank: b, Store: db, Now: now, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return core, db
}

// people returns n people who talk to the bot in their private chats.
func people(n int) []telegramfake.User {
	out := make([]telegramfake.User, n)
	for i := range out {
		out[i] = telegramfake.User{ID: 5000 + int64(i), FirstName: "P" + strconv.Itoa(i), LanguageCode: "zh"}
	}
	return out
}

// askEach sends /next for each person and waits for their questions.
func askEach(t *testing.T, srv *telegramfake.Server, ps []telegramfake.User) {
	t.Helper()
	for _, p := range ps {
		srv.SendCommand(telegramfake.PrivateChat(p), p, "next", "")
	}
	for _, p := range ps {
		if _, err := srv.WaitMessages(waitCtx(t), p.ID, 1); err != nil {
			t.Fatal(err)
		}
	}
}

// answerText is what person i answers.
func answerText(i int) string {
	return fmt.Sprintf("第%d个回答：RPO 是能丢多少数据，RTO 是多久恢复", i)
}

// countMessages returns how many messages of a chat contain s.
func countMessages(srv *telegramfake.Server, chatID int64, s string) int {
	n := 0
	for _, m := range srv.Messages(chatID) {
		if strings.Contains(m.PlainText, s) {
			n++
		}
	}
	return n
}

// settle waits until every update is acknowledged, that is handled: an
// update handled twice would still be in flight and hold the offset back.
func settle(t *testing.T, srv *telegramfake.Server) {
	t.Helper()
	if err := srv.Wait(waitCtx(t), func() bool { return srv.PendingUpdates() == 0 && srv.Polling() > 0 }); err != nil {
		t.Fatalf("updates not all handled: %v (%d pending)", err, srv.PendingUpdates())
	}
}

// checkAnsweredOnce checks that each person got exactly one feedback and
// has exactly one attempt in the store, with their text.
func checkAnsweredOnce(t *testing.T, srv *telegramfake.Server, db *storage.DB, ps []telegramfake.User) {
	t.Helper()
	for i, p := range ps {
		if n := countMessages(srv, p.ID, "📊 覆盖"); n != 1 {
			t.Errorf("%s got %d feedback messages, want 1", p.FirstName, n)
		}
		atts, err := db.Attempts(context.Background(), "telegram:"+strconv.FormatInt(p.ID, 10))
		if err != nil {
			t.Fatal(err)
		}
		if len(atts) != 1 || atts[0].Reply != answerText(i) {
			t.Errorf("%s: %d attempts in the store (%+v), want their one answer", p.FirstName, len(atts), atts)
		}
	}
}

// TestSendFaultsWhileAnswering runs bursts of failing sendMessage calls
// while several people answer at once: every feedback goes out exactly
// once, every answer is stored once, every update is acknowledged, and
// the waits follow the fault (retry_after for a 429, the attempt timeout
// for a hung request).
func TestSendFaultsWhileAnswering(t *testing.T) {
	const attemptTimeout = 300 * time.Millisecond
	repeat := func(f telegramfake.Fault, n int) []telegramfake.Fault {
		out := make([]telegramfake.Fault, n)
		for i := range out {
			out[i] = f
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		faults []telegramfake.Fault
		// fault and minWait: after a request that met the fault, the
		// chat's next sendMessage waits at least minWait.
		fault   string
		minWait time.Duration
	}{
		{"429 burst", repeat(telegramfake.TooManyRequests(1), 8), "error 429", time.Second},
		{"5xx burst", append(repeat(telegramfake.ServerError(502), 4), append(repeat(telegramfake.ProxyError(503), 2), repeat(telegramfake.ServerError(500), 2)...)...), "", 0},
		{"connection resets", repeat(telegramfake.ResetConnection(), 6), "", 0},
		// The attempt's clock starts in the client, before the fake
		// records the request, so the gap seen here can be a few
		// milliseconds short of the timeout (more under -race); a retry
		// that did not wait would come within milliseconds.
		{"hung requests", repeat(telegramfake.Hang(), 3), "hang", attemptTimeout - 50*time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			core, db := newCoreAt(t, nil)
			retry := fastRetry
			retry.AttemptTimeout = attemptTimeout
			start(t, srv, core, nil, telegram.WithRetryPolicy(retry))
			ps := people(6)
			askEach(t, srv, ps)

			for _, f := range tc.faults {
				srv.Fail("sendMessage", 1, f)
			}
			for i, p := range ps {
				srv.SendText(telegramfake.PrivateChat(p), p, answerText(i))
			}
			for _, p := range ps {
				if err := srv.Wait(waitCtx(t), func() bool { return countMessages(srv, p.ID, "📊 覆盖") > 0 }); err != nil {
					t.Fatalf("%s: no feedback: %v", p.FirstName, err)
				}
			}
			settle(t, srv)
			checkAnsweredOnce(t, srv, db, ps)

			// Every scripted fault was met, and the waits after it held.
			reqs := srv.Requests()
			met := 0
			for i, r := range reqs {
				if r.Method != "sendMessage" || r.Fault == "" {
					continue
				}
				met++
				if tc.fault == "" || r.Fault != tc.fault {
					continue
				}
				for _, next := range reqs[i+1:] {
					if next.Method == "sendMessage" && next.Params["chat_id"] == r.Params["chat_id"] {
						if d := next.Time.Sub(r.Time); d < tc.minWait {
							t.Errorf("chat %s: sendMessage again %v after a %s, want at least %v", r.Params["chat_id"], d, r.Fault, tc.minWait)
						}
						break
					}
				}
			}
			if met != len(tc.faults) {
				t.Errorf("%d faults met, want %d", met, len(tc.faults))
			}
		})
	}
}

// TestResetMidLongPoll cuts polls with connection resets: a long poll
// waiting for updates, while the people answer; then, while those answers
// are still being handled (their feedback is slow to send, so they are not
// acknowledged), the next two polls, while new updates wait. Nothing is
// lost and nothing is handled twice, although the polls after the resets
// get the unacknowledged answers again.
func TestResetMidLongPoll(t *testing.T) {
	srv := newServer(t)
	core, db := newCoreAt(t, nil)
	start(t, srv, core, nil)
	ps := people(4) // updates 1-4: /next
	askEach(t, srv, ps)
	settle(t, srv)

	// The feedback sends take 0.3, 0.6, 0.9 and 1.2 s.
	for i := range ps {
		srv.Fail("sendMessage", 1, telegramfake.Delay(time.Duration(i+1)*300*time.Millisecond))
	}
	calls := srv.CallCount("sendMessage")
	if n := srv.ResetPolling(); n != 1 {
		t.Fatalf("reset %d long polls, want 1", n)
	}
	for i, p := range ps { // updates 5-8: the answers
		srv.SendText(telegramfake.PrivateChat(p), p, answerText(i))
	}
	waitFor(t, srv, func() bool { return srv.CallCount("sendMessage") >= calls+len(ps) })
	if n := srv.PendingUpdates(); n != len(ps) {
		t.Errorf("%d updates unacknowledged while the answers are handled, want %d", n, len(ps))
	}

	srv.Fail("getUpdates", 2, telegramfake.ResetConnection())
	for _, p := range ps { // updates 9-12
		srv.SendCommand(telegramfake.PrivateChat(p), p, "stats", "")
	}
	for _, p := range ps {
		if err := srv.Wait(waitCtx(t), func() bool { return countMessages(srv, p.ID, "我的进度") > 0 }); err != nil {
			t.Fatalf("%s: no /stats reply: %v", p.FirstName, err)
		}
	}
	settle(t, srv)
	checkAnsweredOnce(t, srv, db, ps)
	for _, p := range ps {
		if n := countMessages(srv, p.ID, "我的进度"); n != 1 {
			t.Errorf("%s got %d /stats replies, want 1", p.FirstName, n)
		}
	}
	resets, again := 0, false
	for _, r := range srv.Requests() {
		if r.Method != "getUpdates" {
			continue
		}
		if r.Fault == "reset" {
			resets++
			continue
		}
		offset, _ := strconv.Atoi(r.Params["offset"])
		again = again || resets == 2 && r.Status == 200 && offset >= 5 && offset <= 8
	}
	if resets != 2 || !again {
		t.Errorf("%d polls reset; answers polled again after the resets: %v; want 2 and true", resets, again)
	}
}

// TestPushSendFailuresStayInTheOutbox sends a due push through the real
// adapter while Telegram fails: 5xx beyond the retry budget, then flood
// control asking for longer than a call may wait. The push stays in the
// outbox and goes out once when Telegram recovers; a push to a person who
// blocked the bot is given up and their schedule dropped.
func TestPushSendFailuresStayInTheOutbox(t *testing.T) {
	srv := newServer(t)
	clock := testkit.NewClock(time.Date(2026, 11, 25, 0, 59, 0, 0, time.UTC)) // 08:59 in Shanghai
	core, db := newCoreAt(t, clock.Now)
	h := start(t, srv, core, nil)
	ctx := waitCtx(t)
	ada, bob := people(2)[0], people(2)[1]
	for _, sub := range []struct {
		p    telegramfake.User
		spec string
	}{{ada, "09:00"}, {bob, "09:30"}} {
		srv.SendCommand(telegramfake.PrivateChat(sub.p), sub.p, "subscribe", sub.spec+" daily Asia/Shanghai")
		if _, err := srv.WaitMessages(ctx, sub.p.ID, 1); err != nil {
			t.Fatal(err)
		}
	}
	settle(t, srv)

	senders := map[bot.Platform]bot.Sender{bot.Telegram: h.a}
	deliver := func() int {
		t.Helper()
		n, err := core.DeliverDue(ctx, senders)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	depth := func() int {
		t.Helper()
		n, err := db.OutboxDepth(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	clock.Advance(70 * time.Second) // 09:00:10
	if n, err := core.SchedulePushes(ctx); err != nil || n != 1 {
		t.Fatalf("SchedulePushes = %d, %v; want Ada's push", n, err)
	}

	// 5xx on every try: Send gives up after the policy's tries; the push
	// stays, and is not due again before its next try.
	calls := srv.CallCount("sendMessage")
	srv.Fail("sendMessage", fastRetry.MaxTries, telegramfake.ServerError(502))
	if n := deliver(); n != 0 {
		t.Fatalf("delivered %d pushes while Telegram fails", n)
	}
	if got := srv.CallCount("sendMessage") - calls; got != fastRetry.MaxTries {
		t.Errorf("%d sendMessage calls, want %d tries", got, fastRetry.MaxTries)
	}
	if d := depth(); d != 1 {
		t.Errorf("outbox depth %d, want Ada's push", d)
	}
	if n := deliver(); n != 0 || srv.CallCount("sendMessage")-calls != fastRetry.MaxTries {
		t.Errorf("retried before the push's next try")
	}
	// Flood control asking for an hour: the adapter does not wait that
	// long inside one call; the push stays.
	clock.Advance(11 * time.Second)
	srv.Fail("sendMessage", 1, telegramfake.TooManyRequests(3600))
	if n := deliver(); n != 0 || depth() != 1 {
		t.Fatalf("after a 429 retry_after=3600: delivered %d, depth %d", n, depth())
	}
	// Telegram recovers: the push goes out once.
	clock.Advance(time.Minute)
	if n := deliver(); n != 1 || depth() != 0 {
		t.Fatalf("after recovery: delivered %d, depth %d", n, depth())
	}
	deliver()
	if n := countMessages(srv, ada.ID, "今日一题"); n != 1 {
		t.Errorf("Ada got the push %d times, want 1", n)
	}

	// Bob blocked the bot before his 09:30 push: it is given up at the
	// first 403 and his schedule is dropped.
	srv.SetBlocked(bob.ID, true)
	clock.Advance(30 * time.Minute)
	if n, err := core.SchedulePushes(ctx); err != nil || n != 1 {
		t.Fatalf("SchedulePushes = %d, %v; want Bob's push", n, err)
	}
	calls = srv.CallCount("sendMessage")
	if n := deliver(); n != 0 || depth() != 0 || srv.CallCount("sendMessage")-calls != 1 {
		t.Errorf("push to a blocked chat: delivered %d, depth %d, %d calls; want 0, 0, 1", n, depth(), srv.CallCount("sendMessage")-calls)
	}
	if c, err := db.Chat(ctx, "telegram:"+strconv.FormatInt(bob.ID, 10)); err != nil || c.Schedule != nil {
		t.Errorf("Bob blocked the bot but is still subscribed: %+v, %v", c.Schedule, err)
	}
}

// TestErrorsWithoutErrorCode: a proxy answering with Bot API JSON that has
// no error_code (only the HTTP status) is retried by that status: a 502 or
// a 429 is tried again and the message delivered; a 400 is not retried.
func TestErrorsWithoutErrorCode(t *testing.T) {
	srv := newServer(t)
	srv.AddChat(dm)
	a, _ := newAdapter(t, srv, nil)
	ctx := waitCtx(t)
	srv.Fail("sendMessage", 2, telegramfake.ErrorWithoutCode(502, "Bad Gateway"))
	srv.Fail("sendMessage", 1, telegramfake.ErrorWithoutCode(429, "Too Many Requests"))
	if _, err := a.Send(ctx, aliceChat, bot.Reply{Text: bot.TextOf("after a flaky proxy")}); err != nil {
		t.Fatalf("Send through a proxy without error codes: %v", err)
	}
	if ms := srv.Messages(alice.ID); len(ms) != 1 || ms[0].PlainText != "after a flaky proxy" {
		t.Errorf("messages %+v", ms)
	}
	srv.Fail("sendMessage", 1, telegramfake.ErrorWithoutCode(400, "Bad Request: something"))
	_, err := a.Send(ctx, aliceChat, bot.Reply{Text: bot.TextOf("refused")})
	var ae *telegram.APIError
	if !errors.As(err, &ae) || ae.Code != 400 {
		t.Errorf("a 400 without error_code: %v, want an APIError with code 400", err)
	}
	if n := srv.CallCount("sendMessage"); n != 5 {
		t.Errorf("%d sendMessage calls, want 5 (3 failed and retried, 1 sent, 1 refused)", n)
	}
}
