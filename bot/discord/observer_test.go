package discord_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// sendFailures records what a SendObserver is told.
type sendFailures struct {
	mu      sync.Mutex
	kinds   []string
	other   []bot.Platform // reports for another platform than Discord
	changed chan struct{}
}

func newSendFailures() *sendFailures { return &sendFailures{changed: make(chan struct{})} }

// SendFailed implements bot.SendObserver.
func (f *sendFailures) SendFailed(p bot.Platform, kind string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p != bot.Discord {
		f.other = append(f.other, p)
	}
	f.kinds = append(f.kinds, kind)
	close(f.changed)
	f.changed = make(chan struct{})
}

// wait returns the kinds reported once there are n of them, failing the
// test after a few seconds.
func (f *sendFailures) wait(t *testing.T, n int) []string {
	t.Helper()
	ctx := testContext(t)
	for {
		f.mu.Lock()
		kinds, ch := slices.Clone(f.kinds), f.changed
		if len(f.other) > 0 {
			t.Errorf("failures reported for %v", f.other)
		}
		f.mu.Unlock()
		if len(kinds) >= n {
			return kinds
		}
		select {
		case <-ch:
		case <-ctx.Done():
			t.Fatalf("%d send failures reported, want %d: %v", len(kinds), n, kinds)
		}
	}
}

// flakyTransport fails the next requests it is armed for as a network
// failure would, before they reach the server.
type flakyTransport struct {
	fail atomic.Int32
}

func (ft *flakyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if ft.fail.Add(-1) >= 0 {
		return nil, errors.New("connection reset by peer (injected)")
	}
	ft.fail.Store(0)
	return http.DefaultTransport.RoundTrip(req)
}

// TestSendObserverOnSend checks that Send reports each failed try with its
// kind: retried ones (429, 5xx, network) and final ones (403, 400).
func TestSendObserverOnSend(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	obs := newSendFailures()
	ft := &flakyTransport{}
	a, _ := sendAdapter(t, srv, discord.WithSendObserver(obs), discord.WithHTTPTransport(ft))
	ctx := testContext(t)
	const route = discordfake.RouteCreateMessage
	send := func(text string) error {
		_, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf(text)})
		return err
	}

	// A 429, a 502 and a dropped connection, each retried, then sent.
	srv.RateLimitNext(route, 1)
	srv.FailNext(route, 1, http.StatusBadGateway)
	mustNoErr(t, "send after three failures", send("after a 429 and a 502"))
	ft.fail.Store(1)
	mustNoErr(t, "send after a network error", send("after a reset"))
	want := []string{bot.SendRateLimited, bot.SendServer, bot.SendNetwork}
	if got := obs.wait(t, len(want)); !slices.Equal(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}

	// A 403 is not retried: one report, undeliverable.
	srv.FailNext(route, 1, http.StatusForbidden)
	if err := send("never"); !errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("err = %v, want undeliverable", err)
	}
	// A 400 neither: one report, other.
	srv.FailNext(route, 1, http.StatusBadRequest)
	if err := send("never"); err == nil || errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("err = %v, want a failure, not undeliverable", err)
	}
	want = append(want, bot.SendUndeliverable, bot.SendOther)
	if got := obs.wait(t, len(want)); !slices.Equal(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}

	// Giving up on a rate limit reports every try.
	srv.RateLimitNext(route, 10)
	if err := send("never"); !errors.Is(err, discord.ErrRateLimited) {
		t.Errorf("err = %v, want ErrRateLimited", err)
	}
	srv.ClearFaults()
	got := obs.wait(t, len(want)+fastRetry.RateLimitTries)
	if n := len(got) - len(want); n != fastRetry.RateLimitTries || slices.ContainsFunc(got[len(want):], func(k string) bool { return k != bot.SendRateLimited }) {
		t.Errorf("giving up on rate limits reported %v, want %d × %s", got[len(want):], fastRetry.RateLimitTries, bot.SendRateLimited)
	}

	// A try abandoned with its context is not Discord's failure.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := a.Send(cancelled, generalChat, bot.Reply{Text: bot.TextOf("never")}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	obs.mu.Lock()
	if n := len(obs.kinds); n != len(got) {
		t.Errorf("a cancelled send reported %v", obs.kinds[len(got):])
	}
	obs.mu.Unlock()
}

// TestSendObserverOnInteraction checks that interaction replies report
// each failed try: the callback rate limited and failing with a 500
// before it goes through, then a 403 on the request that follows it.
func TestSendObserverOnInteraction(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	obs := newSendFailures()
	startBot(t, srv, discord.Config{}, rep, discord.WithSendObserver(obs), discord.WithRetryPolicy(fastRetry))
	ctx := testContext(t)

	srv.RateLimitNext(discordfake.RouteInteractionCallback, 1)
	srv.FailNext(discordfake.RouteInteractionCallback, 1, http.StatusInternalServerError)
	// The question is tracked: its message ID is fetched after the
	// callback, and that fails for good.
	srv.FailNext(discordfake.RouteGetWebhookMessage, 1, http.StatusForbidden)
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	resp, err := srv.WaitResponse(ctx, in.ID)
	mustNoErr(t, "response", err)
	if resp.Type != discordfake.ResponseChannelMessageWithSource {
		t.Errorf("response type %d", resp.Type)
	}
	want := []string{bot.SendRateLimited, bot.SendServer, bot.SendUndeliverable}
	if got := obs.wait(t, len(want)); !slices.Equal(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}
	reqs, err := srv.WaitRequests(ctx, discordfake.RouteInteractionCallback, 3)
	if err != nil || reqs[0].Status != 429 || reqs[1].Status != 500 || reqs[2].Status != 204 {
		t.Errorf("callbacks: %v, want a 429, a 500, then a success", err)
	}
}
