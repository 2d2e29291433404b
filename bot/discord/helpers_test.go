package discord_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
	"github.com/interviewbot/interviewbot/internal/testkit"
)

// testToken is distinctive so that a leak is easy to find.
const testToken = "MTIzNDU2Nzg5MDEy.SECRET-token.x7f3a9q"

// fastRetry keeps retry tests quick.
var fastRetry = discord.RetryPolicy{MaxTries: 3, RateLimitTries: 3, MaxElapsed: 2 * time.Second, BaseDelay: 5 * time.Millisecond, MaxDelay: 20 * time.Millisecond}

// newServer starts a fake Discord closed at the end of the test.
func newServer(t *testing.T, opts ...discordfake.Option) *discordfake.Server {
	t.Helper()
	srv := discordfake.New(testToken, opts...)
	t.Cleanup(srv.Close)
	return srv
}

// testContext is bounded by a few seconds.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// newAdapter returns an adapter for srv whose debug logs go to the returned
// buffer; the end of the test checks that they never show the token.
func newAdapter(t *testing.T, srv *discordfake.Server, cfg discord.Config, opts ...discord.Option) (*discord.Adapter, *testkit.SyncBuffer) {
	t.Helper()
	logs := &testkit.SyncBuffer{}
	cfg.Token = testToken
	cfg.APIURL = srv.URL()
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := discord.New(cfg, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { assertNoToken(t, "logs", logs.String()) })
	return a, logs
}

// assertNoToken fails if s shows the token.
func assertNoToken(t *testing.T, what, s string) {
	t.Helper()
	if strings.Contains(s, testToken) || strings.Contains(s, "SECRET-token") {
		t.Errorf("%s show the bot token:\n%s", what, s)
	}
}

// botEnv is a running adapter.
type botEnv struct {
	srv  *discordfake.Server
	a    *discord.Adapter
	rep  *scriptReplier
	logs *testkit.SyncBuffer
	stop func() error // cancels Run and returns its error
}

// startBot runs an adapter against srv with rep, waits until it is
// connected and its commands are registered, and stops it at the end of
// the test (discordgo's Close takes 1 s: tests run in parallel).
func startBot(t *testing.T, srv *discordfake.Server, cfg discord.Config, rep *scriptReplier, opts ...discord.Option) *botEnv {
	t.Helper()
	env := runAdapter(t, srv, cfg, rep, opts...)
	env.rep = rep
	return env
}

// runAdapter is startBot for any Replier, the real core among them.
func runAdapter(t *testing.T, srv *discordfake.Server, cfg discord.Config, rep bot.Replier, opts ...discord.Option) *botEnv {
	t.Helper()
	a, logs := newAdapter(t, srv, cfg, opts...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, rep) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(15 * time.Second):
				runErr = errors.New("Run did not return after cancel")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	wctx := testContext(t)
	if _, err := srv.WaitReady(wctx); err != nil {
		t.Fatalf("WaitReady: %v", err)
	}
	scopes := cfg.Guilds
	if len(scopes) == 0 {
		scopes = []string{""}
	}
	for _, g := range scopes {
		if _, err := srv.WaitCommands(wctx, g); err != nil {
			t.Fatalf("WaitCommands(%q): %v", g, err)
		}
	}
	return &botEnv{srv: srv, a: a, logs: logs, stop: stop}
}

// customIDs returns the custom ids of buttons.
func customIDs(cs []discordfake.Component) []string {
	var out []string
	for _, c := range cs {
		if c.Type == discordfake.ComponentActionRow {
			out = append(out, customIDs(c.Components)...)
			continue
		}
		out = append(out, c.CustomID)
	}
	return out
}

// mustNoErr fails the test on err.
func mustNoErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// waitRequestCount waits until want requests to route are recorded (the
// fake records a request after answering it) and fails if there are more.
func waitRequestCount(t *testing.T, srv *discordfake.Server, route string, want int) {
	t.Helper()
	reqs, err := srv.WaitRequests(testContext(t), route, want)
	if err != nil {
		t.Errorf("requests to %s: %v (have %d, want %d)", route, err, len(srv.RequestsTo(route)), want)
		return
	}
	if len(reqs) != want {
		t.Errorf("%d requests to %s, want %d", len(reqs), route, want)
	}
}

// slashCommand runs /name as user in channel (empty: the user's DM) and
// fails the test if the fake refuses it.
func slashCommand(t *testing.T, srv *discordfake.Server, channel, user, name string, opts ...discordfake.OptionValue) discordfake.Interaction {
	t.Helper()
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: name, ChannelID: channel, UserID: user, Options: opts})
	mustNoErr(t, "/"+name, err)
	return in
}
