package discordfake_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

func TestRateLimitSurfacesAsRateLimitError(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	s.ShouldRetryOnRateLimit = false
	srv.RateLimitNext(discordfake.RouteCreateMessage, 1)

	_, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "x")
	var rle *discordgo.RateLimitError
	if !errors.As(err, &rle) {
		t.Fatalf("err = %v (%T), want *discordgo.RateLimitError", err, err)
	}
	if rle.RetryAfter != 50*time.Millisecond || rle.Message != "You are being rate limited." {
		t.Fatalf("rate limit = %+v", rle.TooManyRequests)
	}
	reqs := srv.RequestsTo(discordfake.RouteCreateMessage)
	if len(reqs) != 1 || reqs[0].Status != 429 || !strings.Contains(string(reqs[0].Response), `"global":false`) {
		t.Fatalf("requests = %+v", reqs)
	}
	// The next request goes through, without discordgo sleeping on its
	// bucket for longer than retry_after.
	start := time.Now()
	if _, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "x"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("second request took %v", d)
	}
}

func TestRateLimitHeaders(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	srv.RateLimitNext(discordfake.RouteGetCurrentUser, 1)
	srv.GlobalRateLimitNext(1)
	client := srv.HTTPClient()
	get := func() (int, map[string]string) {
		req, _ := httpRequest("GET", "https://discord.com/api/v10/users/@me")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := map[string]string{}
		for _, k := range []string{"Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset-After", "X-RateLimit-Bucket", "X-RateLimit-Scope", "X-RateLimit-Global"} {
			h[k] = resp.Header.Get(k)
		}
		return resp.StatusCode, h
	}
	status, h := get()
	if status != 429 || h["Retry-After"] != "1" || h["X-RateLimit-Remaining"] != "0" || h["X-RateLimit-Reset-After"] != "0.050" ||
		h["X-RateLimit-Scope"] != "user" || h["X-RateLimit-Bucket"] == "" || h["X-RateLimit-Limit"] == "" {
		t.Fatalf("bucket 429 = %d %v", status, h)
	}
	status, h = get()
	if status != 429 || h["X-RateLimit-Global"] != "true" || h["X-RateLimit-Scope"] != "global" {
		t.Fatalf("global 429 = %d %v", status, h)
	}
	status, h = get()
	if status != 200 || h["X-RateLimit-Remaining"] == "0" || h["X-RateLimit-Bucket"] == "" {
		t.Fatalf("normal = %d %v", status, h)
	}
}

func TestRateLimitRetriedByDiscordgo(t *testing.T) {
	t.Parallel()
	srv := newServer(t, discordfake.WithRetryAfter(20*time.Millisecond))
	s := restSession(t, srv)
	srv.RateLimitNext(discordfake.RouteCreateMessage, 2)
	srv.GlobalRateLimitNext(1) // applies to the first request, before the bucket faults
	if _, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "eventually"); err != nil {
		t.Fatal(err)
	}
	var statuses []int
	for _, r := range srv.RequestsTo(discordfake.RouteCreateMessage) {
		statuses = append(statuses, r.Status)
	}
	if len(statuses) != 4 || statuses[3] != 200 {
		t.Fatalf("statuses = %v, want three 429 then 200", statuses)
	}
}

func TestServerErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)

	srv.FailNext(discordfake.RouteCreateMessage, 1, 500)
	_, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "x")
	if status, code := restCode(t, err); status != 500 || code != 0 {
		t.Fatalf("500 = %d %d", status, code)
	}

	// discordgo retries a 502 up to MaxRestRetries (3) times.
	srv.FailNextNonJSON(discordfake.RouteCreateMessage, 1, 502)
	if _, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "retried"); err != nil {
		t.Fatalf("one 502 not retried: %v", err)
	}
	srv.FailNextNonJSON(discordfake.RouteCreateMessage, 4, 502)
	_, err = s.ChannelMessageSend(discordfake.DefaultChannelID, "x")
	if err == nil || !strings.Contains(err.Error(), "502") || !strings.Contains(err.Error(), "<html>") {
		t.Fatalf("four 502s = %v", err)
	}

	srv.FailNextNonJSON(discordfake.RouteCreateMessage, 1, 503)
	_, err = s.ChannelMessageSend(discordfake.DefaultChannelID, "x")
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response.StatusCode != 503 || re.Message != nil {
		t.Fatalf("503 = %v", err)
	}
	if got := len(srv.Messages(discordfake.DefaultChannelID)); got != 1 {
		t.Fatalf("%d messages recorded, want 1", got)
	}
}

func TestHungRequest(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	srv.HangNext(discordfake.RouteCreateMessage, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "x", discordgo.WithContext(ctx))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hung request = %v", err)
	}
	if _, err := s.ChannelMessageSend(discordfake.DefaultChannelID, "x"); err != nil {
		t.Fatal(err)
	}
}
