package discord_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
	"github.com/interviewbot/interviewbot/internal/testkit"
)

// lineMarker names line i of longText.
func lineMarker(i int) string { return fmt.Sprintf("line %03d", i) }

// longText is n numbered lines of about 60 characters, a paragraph break
// every 10 lines.
func longText(n int) bot.Text {
	var t bot.Text
	for i := 1; i <= n; i++ {
		t.Add(bot.B(lineMarker(i)), bot.P(": the quick brown fox jumps over the lazy dog."))
		if i%10 == 0 {
			t.Blank()
		}
	}
	return t
}

// checkParts checks that messages carry longText(n) split below 2000
// characters, in order, with buttons on the last part only if buttons.
func checkParts(t *testing.T, msgs []discordfake.Message, n int, buttons bool) {
	t.Helper()
	if len(msgs) < 2 {
		t.Fatalf("%d parts, want a split", len(msgs))
	}
	next := 1
	for i, m := range msgs {
		if c := utf8.RuneCountInString(m.Content); c > 2000 || c == 0 {
			t.Errorf("part %d has %d characters", i, c)
		}
		for _, line := range strings.Split(m.Content, "\n") {
			if line == "" {
				continue
			}
			if !strings.HasPrefix(line, "**"+lineMarker(next)+"**") {
				t.Fatalf("part %d: line %q, want %s next", i, line, lineMarker(next))
			}
			next++
		}
		last := i == len(msgs)-1
		if has := len(m.Components) > 0; has != (buttons && last) {
			t.Errorf("part %d of %d has components: %v", i, len(msgs), has)
		}
	}
	if next != n+1 {
		t.Errorf("got %d lines, want %d", next-1, n)
	}
}

// unescapedContains reports whether sub occurs in s other than right
// after a backslash.
func unescapedContains(s, sub string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return false
		}
		if k := i + j; k == 0 || s[k-1] != '\\' {
			return true
		}
		i += j + 1
	}
}

// sendAdapter is an adapter used for Send only: no gateway, no Close.
func sendAdapter(t *testing.T, srv *discordfake.Server, opts ...discord.Option) (*discord.Adapter, *testkit.SyncBuffer) {
	t.Helper()
	return newAdapter(t, srv, discord.Config{}, append([]discord.Option{discord.WithRetryPolicy(fastRetry)}, opts...)...)
}

var generalChat = bot.Chat{Platform: bot.Discord, ID: discordfake.DefaultChannelID, Kind: bot.Group}

func TestSendLongMessageSplit(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a, _ := sendAdapter(t, srv)
	r := bot.Reply{Text: longText(150), Buttons: [][]bot.Button{{{Label: "Next", Action: "next"}}}}
	id, err := a.Send(testContext(t), generalChat, r)
	mustNoErr(t, "Send", err)
	msgs := srv.Messages(discordfake.DefaultChannelID)
	checkParts(t, msgs, 150, true)
	if id != msgs[len(msgs)-1].ID {
		t.Errorf("Send returned %s, want the last part %s", id, msgs[len(msgs)-1].ID)
	}
}

func TestSendHostileTextEscaped(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a, _ := sendAdapter(t, srv)
	hostile := "**bold** _it_ ~~gone~~ ||spoiler|| `code` ```block``` > quote\n# heading\n- item\n1. first\n" +
		"@everyone @here <@" + discordfake.OtherUserID + "> <#" + discordfake.DefaultChannelID + "> <script>alert(1)</script> " +
		"[link](https://evil.example) \\*escaped\\* 😀👍🏽👨‍👩‍👧 🇨🇳 中文，答案。"
	text := strings.Repeat(hostile+"\n", 5000/len(hostile)+1)
	var tx bot.Text
	for _, l := range strings.Split(text, "\n") {
		tx.Add(bot.P(l))
	}
	_, err := a.Send(testContext(t), generalChat, bot.Reply{Text: tx})
	mustNoErr(t, "Send", err)
	msgs := srv.Messages(discordfake.DefaultChannelID)
	if len(msgs) < 3 {
		t.Fatalf("%d parts for %d characters", len(msgs), len(text))
	}
	var all strings.Builder
	for _, m := range msgs {
		if c := utf8.RuneCountInString(m.Content); c > 2000 {
			t.Errorf("part of %d characters", c)
		}
		all.WriteString(m.Content + "\n")
	}
	got := all.String()
	for _, bad := range []string{"@everyone", "@here", "<@", "<#", "<script>", "**bold**", "```", "\n# heading", "\n- item", "\n1. first", "](https"} {
		if unescapedContains(got, bad) {
			t.Errorf("rendered text contains %q unescaped", bad)
		}
	}
	for _, good := range []string{`\*\*bold\*\*`, `\_it\_`, `\~\~gone\~\~`, `\|\|spoiler\|\|`, "\\`code\\`", `\<script\>`, `\# heading`, `\- item`, `1\. first`, `\\\*escaped\\\*`, "👨‍👩‍👧", "👍🏽", "🇨🇳", "中文，答案。"} {
		if !strings.Contains(got, good) {
			t.Errorf("rendered text lacks %q", good)
		}
	}
	reqs, err := srv.WaitRequests(testContext(t), discordfake.RouteCreateMessage, len(msgs))
	mustNoErr(t, "requests", err)
	for _, req := range reqs {
		if !strings.Contains(string(req.Body), `"allowed_mentions":{"parse":[]`) {
			t.Errorf("request without allowed_mentions none: %s", req.Body[:min(200, len(req.Body))])
		}
	}
}

func TestSendRateLimited(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a, logs := sendAdapter(t, srv)
	ctx := testContext(t)
	const route = discordfake.RouteCreateMessage

	srv.RateLimitNext(route, 2)
	if _, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("after two 429s")}); err != nil {
		t.Fatalf("Send after 2 rate limits: %v", err)
	}
	waitRequestCount(t, srv, route, 3)
	srv.GlobalRateLimitNext(1)
	if _, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("after a global 429")}); err != nil {
		t.Fatalf("Send after a global rate limit: %v", err)
	}
	waitRequestCount(t, srv, route, 5)

	// Give up after RateLimitTries.
	srv.RateLimitNext(route, 10)
	_, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("never")})
	if !errors.Is(err, discord.ErrRateLimited) || errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("err = %v, want ErrRateLimited, not undeliverable", err)
	}
	waitRequestCount(t, srv, route, 5+fastRetry.RateLimitTries)
	srv.ClearFaults()

	// A retry_after beyond the wait budget gives up at once.
	srv.InjectFault(route, discordfake.Fault{Kind: discordfake.FaultRateLimit, RetryAfter: time.Minute})
	start := time.Now()
	_, err = a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("never")})
	if !errors.Is(err, discord.ErrRateLimited) || time.Since(start) > time.Second {
		t.Errorf("err = %v after %v, want ErrRateLimited at once", err, time.Since(start))
	}
	waitRequestCount(t, srv, route, 6+fastRetry.RateLimitTries)
	assertNoToken(t, "error", err.Error())
	if !strings.Contains(logs.String(), "rate limited, giving up") {
		t.Errorf("no log of giving up:\n%s", logs)
	}
	if got := len(srv.Messages(discordfake.DefaultChannelID)); got != 2 {
		t.Errorf("%d messages, want 2", got)
	}
}

func TestSendServerErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a, _ := sendAdapter(t, srv)
	ctx := testContext(t)

	srv.FailNext(discordfake.RouteCreateMessage, 2, 500)
	if _, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("after two 500s")}); err != nil {
		t.Fatalf("Send after 500s: %v", err)
	}
	srv.FailNextNonJSON(discordfake.RouteCreateMessage, 2, 502)
	if _, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("after two 502s")}); err != nil {
		t.Fatalf("Send after 502s: %v", err)
	}
	waitRequestCount(t, srv, discordfake.RouteCreateMessage, 6)
	srv.FailNext(discordfake.RouteCreateMessage, 10, 503)
	_, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("never")})
	var ae *discord.APIError
	if !errors.As(err, &ae) || ae.Status != 503 || errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("err = %v, want a 503 APIError, not undeliverable", err)
	}
	waitRequestCount(t, srv, discordfake.RouteCreateMessage, 6+fastRetry.MaxTries)
	srv.ClearFaults()
	if got := len(srv.Messages(discordfake.DefaultChannelID)); got != 2 {
		t.Errorf("%d messages, want 2", got)
	}

	// A request that never answers ends with the context.
	srv.HangNext(discordfake.RouteCreateMessage, 1)
	hctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = a.Send(hctx, generalChat, bot.Reply{Text: bot.TextOf("hung")})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
}

func TestSendPermanentFailures(t *testing.T) {
	t.Parallel()
	botUser := discordfake.User{ID: discordfake.DefaultBotID, Username: "interviewbot", Bot: true}
	g := discordfake.DefaultGuild(botUser)
	const readOnly, hidden = "1100000000000000030", "1100000000000000031"
	g.Channels = append(g.Channels,
		discordfake.Channel{ID: readOnly, Type: discordfake.ChannelTypeGuildText, Name: "announcements",
			Overwrites: []discordfake.Overwrite{{ID: discordfake.DefaultBotID, Type: 1, Deny: discordfake.PermissionSendMessages}}},
		discordfake.Channel{ID: hidden, Type: discordfake.ChannelTypeGuildText, Name: "staff",
			Overwrites: []discordfake.Overwrite{{ID: discordfake.DefaultBotID, Type: 1, Deny: discordfake.PermissionViewChannel}}},
	)
	const shy = "3300000000000000001"
	srv := newServer(t, discordfake.WithGuild(g), discordfake.WithUser(discordfake.User{ID: shy, Username: "shy", RejectDMs: true}))
	a, _ := sendAdapter(t, srv)
	ctx := testContext(t)
	dm, err := srv.DMChannel(shy)
	mustNoErr(t, "dm", err)

	for _, tc := range []struct {
		name   string
		chat   bot.Chat
		status int
		code   int
	}{
		{"unknown channel", bot.Chat{ID: "1999999999999999999", Kind: bot.Group}, 404, 10003},
		{"missing permissions", bot.Chat{ID: readOnly, Kind: bot.Group}, 403, 50013},
		{"missing access", bot.Chat{ID: hidden, Kind: bot.Group}, 403, 50001},
		{"dm refused", bot.Chat{ID: dm.ID, Kind: bot.Private}, 403, 50007},
	} {
		_, err := a.Send(ctx, tc.chat, bot.Reply{Text: bot.TextOf("hello")})
		var ae *discord.APIError
		if !errors.Is(err, bot.ErrUndeliverable) || !errors.As(err, &ae) || ae.Status != tc.status || ae.Code != tc.code {
			t.Errorf("%s: err = %v, want undeliverable %d/%d", tc.name, err, tc.status, tc.code)
			continue
		}
		assertNoToken(t, "error", err.Error())
	}
	waitRequestCount(t, srv, discordfake.RouteCreateMessage, 4) // no retries
}

func TestSendAttachmentAndEdit(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a, _ := sendAdapter(t, srv)
	ctx := testContext(t)

	srv.FailNext(discordfake.RouteCreateMessage, 1, 500) // the file is sent again
	data := []byte(`{"attempts":[]}`)
	id, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("Your export"), Attachment: &bot.Attachment{Name: "../export.json", MIME: "application/json", Data: data}})
	mustNoErr(t, "Send", err)
	m, _ := srv.Message(id)
	if len(m.Files) != 1 || m.Files[0].Name != "export.json" || string(m.Files[0].Data) != string(data) {
		t.Errorf("files = %+v", m.Files)
	}

	id2, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("edited"), Edit: id})
	mustNoErr(t, "Send edit", err)
	if m, _ := srv.Message(id); id2 != id || m.Content != "edited" || m.Edits != 1 {
		t.Errorf("edited message = %+v (id %s)", m, id2)
	}
	if _, err := a.Send(ctx, generalChat, bot.Reply{}); !errors.Is(err, bot.ErrUndeliverable) {
		t.Errorf("empty reply: err = %v, want undeliverable", err)
	}
}

func TestTokenNeverInLogsOrErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a, logs := sendAdapter(t, srv)
	ctx := testContext(t)
	var errs []error
	srv.FailNext(discordfake.RouteCreateMessage, 10, 500)
	_, err := a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("x")})
	errs = append(errs, err)
	srv.ClearFaults()
	srv.RateLimitNext(discordfake.RouteCreateMessage, 10)
	_, err = a.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("x")})
	errs = append(errs, err)
	srv.ClearFaults()
	_, err = a.Send(ctx, bot.Chat{ID: "1999999999999999999"}, bot.Reply{Text: bot.TextOf("x")})
	errs = append(errs, err)

	// A network error: nothing listens there.
	dead := newServer(t)
	deadURL := dead.URL()
	dead.Close()
	b, err := discord.New(discord.Config{Token: testToken, APIURL: deadURL, Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))},
		discord.WithRetryPolicy(fastRetry))
	mustNoErr(t, "New", err)
	_, err = b.Send(ctx, generalChat, bot.Reply{Text: bot.TextOf("x")})
	errs = append(errs, err)
	// The gateway cannot open either: Run keeps trying, logging why, until
	// it is stopped.
	rctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	if err := b.Run(rctx, newScriptReplier()); err != nil {
		t.Errorf("Run stopped while the gateway is unreachable = %v, want nil", err)
	}
	cancel()

	// Configuration errors name the field, never the value of the token.
	_, err = discord.New(discord.Config{Token: testToken + " junk"})
	errs = append(errs, err)

	for i, err := range errs {
		if err == nil {
			t.Errorf("error %d is nil", i)
			continue
		}
		assertNoToken(t, "error", err.Error())
		assertNoToken(t, "error", fmt.Sprintf("%+v", err))
	}
	if !strings.Contains(logs.String(), "giving up") || !strings.Contains(logs.String(), "gateway not reached, retrying") {
		t.Errorf("expected retry logs, got:\n%s", logs)
	}
}

func TestNewValidatesConfig(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cfg   discord.Config
		field string
	}{
		{discord.Config{}, "Token"},
		{discord.Config{Token: "a b"}, "Token"},
		{discord.Config{Token: "t", APIURL: "ftp://example.com"}, "APIURL"},
		{discord.Config{Token: "t", APIURL: "http://"}, "APIURL"},
		{discord.Config{Token: "t", APIURL: "::"}, "APIURL"},
		{discord.Config{Token: "t", Guilds: []string{"123", "general"}}, "Guilds[1]"},
	} {
		_, err := discord.New(tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("New(%+v) = %v, want an error naming %s", tc.cfg, err, tc.field)
		}
	}
	a, err := discord.New(discord.Config{Token: "Bot abc", APIURL: "https://proxy.example/discord/", Guilds: []string{"1", "1"}})
	if err != nil || a.Platform() != bot.Discord {
		t.Errorf("New = %v, %v", a, err)
	}
}
