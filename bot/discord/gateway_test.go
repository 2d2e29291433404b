package discord_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// runFor runs an adapter until Run returns or 10 s pass.
func runFor(t *testing.T, a *discord.Adapter) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, newScriptReplier()) }()
	select {
	case err := <-done:
		if ctx.Err() != nil {
			t.Fatalf("Run kept trying for 10 s: %v", err)
		}
		return err
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return")
		return nil
	}
}

// TestGatewayRejectedToken: a token the gateway rejects (close 4004) stops
// the adapter with what to do, instead of reconnecting for ever.
func TestGatewayRejectedToken(t *testing.T) {
	t.Parallel()
	srv := discordfake.New("MTIzNDU2.other-token.abc")
	t.Cleanup(srv.Close)
	a, _ := newAdapter(t, srv, discord.Config{}, discord.WithReconnectBackoff(10*time.Millisecond))
	err := runFor(t, a)
	if err == nil || !strings.Contains(err.Error(), "check the token") {
		t.Errorf("Run with a rejected token = %v, want an error saying to check the token", err)
	}
	assertNoToken(t, "error", err.Error())
	if ids := srv.Identifies(); len(ids) > 1 {
		t.Errorf("%d identifies, want at most one", len(ids))
	}
}

// TestGatewayTokenRevokedWhileRunning: a token revoked while the bot runs
// (the gateway closes with 4004 when it reconnects) stops the adapter
// instead of reconnecting for ever.
func TestGatewayTokenRevokedWhileRunning(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a, _ := newAdapter(t, srv, discord.Config{}, discord.WithReconnectBackoff(10*time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, newScriptReplier()) }()
	mustNoErr(t, "first heartbeat", srv.WaitHeartbeats(ctx, 1))
	srv.RevokeToken()
	srv.DropConnections() // the adapter resumes with a token no longer valid: 4004
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "check the token") {
			t.Errorf("Run after the token was revoked = %v, want an error saying to check the token", err)
		}
	case <-ctx.Done():
		t.Fatal("Run kept reconnecting with a revoked token")
	}
}

// TestGatewayDisallowedIntent: asking for message content the application
// was not granted (close 4014) stops the adapter saying how to fix it.
func TestGatewayDisallowedIntent(t *testing.T) {
	t.Parallel()
	srv := newServer(t, discordfake.WithAllowedPrivilegedIntents(0))
	a, _ := newAdapter(t, srv, discord.Config{MessageContent: true}, discord.WithReconnectBackoff(10*time.Millisecond))
	err := runFor(t, a)
	if err == nil || !strings.Contains(err.Error(), "Message Content Intent") || !strings.Contains(err.Error(), "discord.message_content: false") {
		t.Errorf("Run with a disallowed intent = %v, want a 4014 error saying how to fix it", err)
	}
}

// TestGatewayUnreachableAtStartRetried: a gateway that cannot be reached
// when the bot starts (discovery failing) is tried again with backoff, and
// the bot comes up.
func TestGatewayUnreachableAtStartRetried(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	srv.FailNext(discordfake.RouteGetGateway, 3, 503)
	env := runAdapter(t, srv, discord.Config{}, newScriptReplier(), discord.WithReconnectBackoff(10*time.Millisecond))
	if n := len(srv.RequestsTo(discordfake.RouteGetGateway)); n < 4 {
		t.Errorf("%d gateway discoveries, want the 3 failures and a success", n)
	}
	if !strings.Contains(env.logs.String(), "gateway not reached, retrying") {
		t.Errorf("the retries are not logged:\n%s", env.logs)
	}
}

// TestResumeAtResumeURL: after a dropped connection and after op 7
// RECONNECT, the session resumes at READY's resume_gateway_url.
func TestResumeAtResumeURL(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	startBot(t, srv, discord.Config{}, newScriptReplier())
	ctx := testContext(t)
	mustNoErr(t, "first heartbeat", srv.WaitHeartbeats(ctx, 1))
	srv.DropConnections()
	mustNoErr(t, "resume", srv.WaitResumes(ctx, 1))
	mustNoErr(t, "heartbeat on the new connection", srv.WaitHeartbeats(ctx, 2))
	srv.SendReconnect()
	mustNoErr(t, "resume after op 7", srv.WaitResumes(ctx, 2))
	ss := srv.Sessions()
	if len(ss) != 1 || !slices.Equal(ss[0].ResumedAt, []string{"/resume-gateway", "/resume-gateway"}) {
		t.Errorf("sessions %+v: want one, resumed twice at /resume-gateway", ss)
	}
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	if _, err := srv.WaitResponse(ctx, in.ID); err != nil {
		t.Errorf("after resuming: %v", err)
	}
}

// TestInvalidSessionWaitsBeforeIdentifying: on op 9 INVALID_SESSION the
// adapter identifies again after 1 to 5 s, as Discord asks, and goes on.
func TestInvalidSessionWaitsBeforeIdentifying(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	startBot(t, srv, discord.Config{}, newScriptReplier())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	mustNoErr(t, "first heartbeat", srv.WaitHeartbeats(ctx, 1))
	sent := time.Now()
	if n := srv.SendInvalidSession(false); n != 1 {
		t.Fatalf("op 9 sent on %d connections", n)
	}
	mustNoErr(t, "identify again", srv.Wait(ctx, func() bool { return len(srv.Identifies()) == 2 }))
	if d := srv.Identifies()[1].At.Sub(sent); d < time.Second || d > 5500*time.Millisecond {
		t.Errorf("identified %v after op 9, want 1–5 s", d)
	}
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	if _, err := srv.WaitResponse(ctx, in.ID); err != nil {
		t.Errorf("after identifying again: %v", err)
	}
}

// TestInteractionDuringShutdownAnswered: an interaction that arrives while
// the adapter shuts down (waiting for replies in flight) is answered,
// ephemerally, with "try again in a moment", instead of timing out.
func TestInteractionDuringShutdownAnswered(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	release := make(chan struct{})
	rep := newScriptReplier()
	rep.handle = func(_ context.Context, ev bot.Event) []bot.Reply {
		if ev.Command == "stats" {
			<-release // a slow reply, in flight when the shutdown begins
		}
		return script(ev)
	}
	env := startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)
	slow, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "stats", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "/stats", err)
	rep.WaitEvents(t, 1)
	stopped := make(chan error, 1)
	go func() { stopped <- env.stop() }()
	for !strings.Contains(env.logs.String(), "shutting down") {
		select {
		case <-ctx.Done():
			t.Fatal("the adapter did not begin to shut down")
		case <-time.After(5 * time.Millisecond):
		}
	}
	late, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "/next during the shutdown", err)
	resp, err := srv.WaitResponse(ctx, late.ID)
	mustNoErr(t, "answer during the shutdown", err)
	if !resp.Ephemeral() || !strings.Contains(resp.Content, "Restarting") {
		t.Errorf("interaction during the shutdown answered %+v, want an ephemeral 'restarting'", resp)
	}
	close(release)
	if _, err := srv.WaitResponse(ctx, slow.ID); err != nil {
		t.Errorf("the reply in flight: %v", err)
	}
	if err := <-stopped; err != nil {
		t.Errorf("Run = %v", err)
	}
	if n := len(rep.Events()); n != 1 {
		t.Errorf("%d events reached the core, want the one before the shutdown", n)
	}
}
