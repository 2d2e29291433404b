package discord_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

func TestCommandsRegisteredGlobally(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	startBot(t, srv, discord.Config{}, newScriptReplier())

	cmds := srv.Commands("")
	specs := bot.Commands()
	if len(cmds) != len(specs) {
		t.Fatalf("registered %d commands, want %d", len(cmds), len(specs))
	}
	if _, err := srv.WaitRequests(testContext(t), discordfake.RouteOverwriteGlobalCommands, 1); err != nil {
		t.Errorf("no bulk overwrite: %v", err)
	}
	if n := len(srv.RequestsTo(discordfake.RouteCreateGlobalCommand)); n != 0 {
		t.Errorf("%d single command creations, want none", n)
	}
	if got := srv.Commands(discordfake.DefaultGuildID); len(got) != 0 {
		t.Errorf("guild commands registered without Config.Guilds: %d", len(got))
	}
	for i, sp := range specs {
		c := cmds[i]
		if c.Name != sp.Name || c.Description != sp.Description["en"] {
			t.Errorf("command %d = %q %q, want %q %q", i, c.Name, c.Description, sp.Name, sp.Description["en"])
		}
		var raw struct {
			Loc map[string]string `json:"description_localizations"`
		}
		mustNoErr(t, "decode command", json.Unmarshal(c.Raw, &raw))
		// The Chinese catalog is Simplified: Traditional Chinese (zh-TW)
		// users see English rather than the wrong script.
		if raw.Loc["zh-CN"] != sp.Description["zh"] || raw.Loc["zh-TW"] != "" {
			t.Errorf("/%s localizations = %v, want zh-CN %q and no zh-TW", c.Name, raw.Loc, sp.Description["zh"])
		}
		switch {
		case sp.Admin && (c.DefaultMemberPermissions == nil || *c.DefaultMemberPermissions != discordfake.PermissionManageGuild):
			t.Errorf("admin /%s default_member_permissions = %v, want Manage Server", c.Name, c.DefaultMemberPermissions)
		case !sp.Admin && c.DefaultMemberPermissions != nil:
			t.Errorf("/%s default_member_permissions = %d, want none", c.Name, *c.DefaultMemberPermissions)
		}
		if len(c.Options) != len(sp.Args) {
			t.Errorf("/%s has %d options, want %d", c.Name, len(c.Options), len(sp.Args))
		}
	}
	named := func(name string) discordfake.ApplicationCommand {
		t.Helper()
		i := slices.IndexFunc(cmds, func(c discordfake.ApplicationCommand) bool { return c.Name == name })
		if i < 0 {
			t.Fatalf("/%s is not registered", name)
		}
		return cmds[i]
	}
	// /help lists /rate: it is registered, its rating a number from 1 to 4.
	if o, ok := named("rate").Option("rating"); !ok || o.Type != 4 || !o.Required || o.MinValue == nil || *o.MinValue != 1 || o.MaxValue == nil || *o.MaxValue != 4 {
		t.Errorf("/rate rating option = %+v, want a required integer 1–4", o)
	}
	// /interview's count is a number from 1 to 20, not free text.
	if o, ok := named("interview").Option("count"); !ok || o.Type != 4 || o.MinValue == nil || *o.MinValue != 1 || o.MaxValue == nil || *o.MaxValue != 20 {
		t.Errorf("/interview count option = %+v, want an integer 1–20", o)
	}
	lang := named("lang")
	o, ok := lang.Option("language")
	// /lang alone shows the language: the option is not required.
	if !ok || o.Type != 3 || o.Required || len(o.Choices) != 2 || o.Choices[0].Value != "en" || o.Choices[1].Value != "zh" {
		t.Errorf("/lang language option = %+v", o)
	}
	ids := srv.Identifies()
	want := discordfake.IntentGuilds | discordfake.IntentGuildMessages | discordfake.IntentDirectMessages
	if len(ids) == 0 || ids[0].Intents != want || ids[0].Token != "Bot "+testToken {
		t.Errorf("identify = %+v, want intents %d", ids, want)
	}
}

func TestCommandsRegisteredPerGuild(t *testing.T) {
	t.Parallel()
	const second = "2200000000000000001"
	botUser := discordfake.User{ID: discordfake.DefaultBotID, Username: "interviewbot", Bot: true}
	srv := newServer(t,
		discordfake.WithGuild(discordfake.DefaultGuild(botUser)),
		discordfake.WithGuild(discordfake.Guild{ID: second, Name: "Second", OwnerID: discordfake.DefaultUserID,
			Channels: []discordfake.Channel{{ID: "2200000000000000010", Type: discordfake.ChannelTypeGuildText, Name: "lobby"}},
			Members:  []discordfake.Member{{User: discordfake.User{ID: discordfake.DefaultUserID, Username: "alice"}}}}),
	)
	startBot(t, srv, discord.Config{Guilds: []string{discordfake.DefaultGuildID, second}, MessageContent: true}, newScriptReplier())

	for _, g := range []string{discordfake.DefaultGuildID, second} {
		if n := len(srv.Commands(g)); n != len(bot.Commands()) {
			t.Errorf("guild %s: %d commands, want %d", g, n, len(bot.Commands()))
		}
	}
	if n := len(srv.Commands("")); n != 0 {
		t.Errorf("%d global commands, want none", n)
	}
	if reqs, err := srv.WaitRequests(testContext(t), discordfake.RouteOverwriteGuildCommands, 2); err != nil || len(reqs) != 2 {
		t.Errorf("guild bulk overwrites: %d, %v; want 2", len(reqs), err)
	}
	if ids := srv.Identifies(); ids[0].Intents&discordfake.IntentMessageContent == 0 {
		t.Errorf("intents %b lack MESSAGE_CONTENT", ids[0].Intents)
	}
	// A guild command works in the second guild.
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "help", ChannelID: "2200000000000000010"})
	mustNoErr(t, "slash command", err)
	if _, err := srv.WaitResponse(testContext(t), in.ID); err != nil {
		t.Fatal(err)
	}
}

func TestSlashCommandAnswered(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)

	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	resp, err := srv.WaitResponse(ctx, in.ID)
	mustNoErr(t, "response", err)
	if resp.Type != discordfake.ResponseChannelMessageWithSource || resp.Ephemeral() {
		t.Errorf("response type %d ephemeral %v, want 4, public", resp.Type, resp.Ephemeral())
	}
	if !strings.Contains(resp.Content, "**"+questionPrompt+"**") || !strings.Contains(resp.Content, "**❓ New question**") {
		t.Errorf("content = %q", resp.Content)
	}
	wantIDs := []string{"form:answer:q1", "hint:q1", "skip:q1", "reveal:q1"}
	if got := customIDs(resp.Components); !slices.Equal(got, wantIDs) {
		t.Errorf("custom ids = %v, want %v", got, wantIDs)
	}
	orig, err := srv.WaitOriginal(ctx, in.ID)
	mustNoErr(t, "original", err)
	sent := rep.WaitSent(t, 1)
	if sent[0].MessageID != orig.ID || sent[0].Track != "q:q1:discord:"+discordfake.DefaultUserID || sent[0].Chat.ID != discordfake.DefaultChannelID {
		t.Errorf("Sent = %+v, want message %s", sent[0], orig.ID)
	}

	ev := rep.Events()[0]
	want := bot.Event{
		Kind: bot.EventCommand, Command: "next",
		Chat:  bot.Chat{Platform: bot.Discord, ID: discordfake.DefaultChannelID, Kind: bot.Group, Title: "general"},
		User:  bot.User{Platform: bot.Discord, ID: discordfake.DefaultUserID, Name: "Alice", Lang: "en-US"},
		Admin: true, Time: ev.Time,
	}
	if ev != want {
		t.Errorf("event = %+v\nwant    %+v", ev, want)
	}
	if ev.Time.IsZero() || time.Since(ev.Time) > time.Minute {
		t.Errorf("event time = %v", ev.Time)
	}

	// bob is no admin; options come in declaration order.
	in2, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "help", ChannelID: discordfake.DefaultChannelID, UserID: discordfake.OtherUserID})
	mustNoErr(t, "slash command", err)
	in3, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "subscribe", ChannelID: discordfake.DefaultChannelID,
		Options: []discordfake.OptionValue{discordfake.StringOption("zone", "Asia/Shanghai"), discordfake.StringOption("time", "09:00")}})
	mustNoErr(t, "slash command", err)
	for _, id := range []string{in2.ID, in3.ID} {
		if _, err := srv.WaitResponse(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	for _, ev := range rep.WaitEvents(t, 3)[1:] {
		switch ev.Command {
		case "help":
			if ev.Admin || ev.User.Name != "Bob" {
				t.Errorf("bob's event = %+v, want no admin", ev)
			}
		case "subscribe":
			if ev.Args != "09:00 Asia/Shanghai" {
				t.Errorf("args = %q, want declaration order", ev.Args)
			}
		}
	}
}

func TestAnswerFormInGuild(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)

	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	q, err := srv.WaitOriginal(ctx, in.ID)
	mustNoErr(t, "question", err)

	click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: "form:answer:q1", MessageID: q.ID})
	mustNoErr(t, "click Answer", err)
	modal, err := srv.WaitResponse(ctx, click.ID)
	mustNoErr(t, "modal", err)
	inputs := modal.TextInputs()
	if modal.Type != discordfake.ResponseModal || modal.CustomID != "answer:q1" || len(inputs) != 1 {
		t.Fatalf("modal = %+v", modal)
	}
	ti := inputs[0]
	if ti.Style != discordfake.TextInputParagraph || ti.MinLength == nil || *ti.MinLength != 1 || ti.MaxLength == nil || *ti.MaxLength != 4000 || !strings.Contains(ti.Label, "Your answer") {
		t.Errorf("text input = %+v", ti)
	}

	answer := "RPO is the data you can lose; *not* the downtime."
	sub, err := srv.SubmitModal(discordfake.ModalSubmission{Values: map[string]string{ti.CustomID: answer}})
	mustNoErr(t, "submit", err)
	upd, err := srv.WaitResponse(ctx, sub.ID)
	mustNoErr(t, "update", err)
	if upd.Type != discordfake.ResponseUpdateMessage || len(upd.Components) != 0 || !strings.Contains(upd.Content, "*✅ Answered*") {
		t.Errorf("first reply = type %d %q %v, want UPDATE_MESSAGE without buttons", upd.Type, upd.Content, upd.Components)
	}
	if m, _ := srv.Message(q.ID); m.Edits != 1 || len(m.Components) != 0 {
		t.Errorf("question message after answer: edits %d, components %v", m.Edits, m.Components)
	}
	fu, err := srv.WaitFollowups(ctx, sub.ID, 1)
	mustNoErr(t, "feedback", err)
	if !fu[0].Ephemeral() || !strings.Contains(fu[0].Content, "**Coverage 50%**") {
		t.Errorf("feedback = %+v, want ephemeral", fu[0])
	}
	btn := fu[0].Buttons()
	if len(btn) != 5 || btn[2].Style != 1 || !strings.HasPrefix(btn[2].Label, "✓ ") || btn[0].Style != 2 {
		t.Errorf("rating buttons = %+v, want Good primary", btn)
	}

	evs := rep.Events()
	if len(evs) != 2 {
		t.Fatalf("events = %+v, want /next and the answer (the form button opens the modal alone)", evs)
	}
	if ev := evs[1]; ev.Kind != bot.EventAction || ev.Action != "answer:q1" || ev.Text != answer || ev.MessageID != q.ID {
		t.Errorf("answer event = %+v", ev)
	}
}

func TestEditViaUpdateMessage(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)

	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	q, err := srv.WaitOriginal(ctx, in.ID)
	mustNoErr(t, "question", err)
	click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: "skip:q1", MessageID: q.ID, UserID: discordfake.OtherUserID})
	mustNoErr(t, "click Skip", err)
	resp, err := srv.WaitResponse(ctx, click.ID)
	mustNoErr(t, "response", err)
	if resp.Type != discordfake.ResponseUpdateMessage || !strings.Contains(resp.Content, "Skipped") {
		t.Errorf("response = type %d %q, want UPDATE_MESSAGE", resp.Type, resp.Content)
	}
	m, _ := srv.Message(q.ID)
	if m.Edits != 1 || len(m.Components) != 0 || !strings.Contains(m.Content, "*⏭ Skipped*") {
		t.Errorf("message after skip = %+v", m)
	}
	fu, err := srv.WaitFollowups(ctx, click.ID, 1)
	mustNoErr(t, "followup", err)
	if !fu[0].Ephemeral() {
		t.Errorf("private followup not ephemeral: %+v", fu[0])
	}
	ev := rep.Events()[1]
	if ev.Action != "skip:q1" || ev.MessageID != q.ID || ev.Admin {
		t.Errorf("event = %+v", ev)
	}
}

func TestDMPlainTextAnswer(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)
	dm, err := srv.DMChannel(discordfake.DefaultUserID)
	mustNoErr(t, "dm channel", err)

	// A command typed as text.
	_, err = srv.PostMessage(discordfake.IncomingMessage{Content: "/next"})
	mustNoErr(t, "post", err)
	msgs, err := srv.WaitMessages(ctx, dm.ID, 1)
	mustNoErr(t, "question", err)
	if !strings.Contains(msgs[0].Content, questionPrompt) || len(msgs[0].Buttons()) != 4 {
		t.Errorf("question = %+v", msgs[0])
	}
	sent := rep.WaitSent(t, 1)
	if sent[0].MessageID != msgs[0].ID || sent[0].Chat.Kind != bot.Private || sent[0].Chat.ID != dm.ID {
		t.Errorf("Sent = %+v", sent[0])
	}

	// An answer replying to it.
	posted, err := srv.PostMessage(discordfake.IncomingMessage{Content: "  my answer: RPO is data loss  ", ReplyTo: msgs[0].ID})
	mustNoErr(t, "post", err)
	msgs, err = srv.WaitMessages(ctx, dm.ID, 2)
	mustNoErr(t, "feedback", err)
	fb := msgs[1]
	if fb.Reference == nil || fb.Reference.MessageID != posted.ID || !strings.Contains(fb.Content, "Coverage 50%") || fb.Ephemeral() {
		t.Errorf("feedback = %+v", fb)
	}
	evs := rep.Events()
	if evs[0].Kind != bot.EventCommand || evs[0].Command != "next" {
		t.Errorf("text command event = %+v", evs[0])
	}
	ev := evs[1]
	if ev.Kind != bot.EventMessage || ev.Text != "my answer: RPO is data loss" || ev.ReplyTo != msgs[0].ID || ev.MessageID != posted.ID ||
		ev.Chat.Kind != bot.Private || ev.Chat.ID != dm.ID || !ev.Admin || ev.User.Name != "Alice" {
		t.Errorf("message event = %+v", ev)
	}
}

func TestGuildTextIgnoredWithoutMessageContent(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)

	_, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: discordfake.DefaultChannelID, Content: "an answer in the channel"})
	mustNoErr(t, "post", err)
	// Then a DM, dispatched after it: once it is answered, the guild
	// message was seen and ignored.
	_, err = srv.PostMessage(discordfake.IncomingMessage{Content: "a DM"})
	mustNoErr(t, "post", err)
	dm, _ := srv.DMChannel(discordfake.DefaultUserID)
	if _, err := srv.WaitMessages(ctx, dm.ID, 1); err != nil {
		t.Fatal(err)
	}
	if evs := rep.Events(); len(evs) != 1 || evs[0].Text != "a DM" {
		t.Errorf("events = %+v, want the DM only", evs)
	}
	if n := len(srv.Messages(discordfake.DefaultChannelID)); n != 0 {
		t.Errorf("%d messages in the channel, want none", n)
	}
}

func TestGuildTextWithMessageContent(t *testing.T) {
	t.Parallel()
	botUser := discordfake.User{ID: discordfake.DefaultBotID, Username: "interviewbot", Bot: true}
	g := discordfake.DefaultGuild(botUser)
	g.Members[1].User.RejectDMs = true // bob
	srv := newServer(t, discordfake.WithGuild(g))
	rep := newScriptReplier()
	startBot(t, srv, discord.Config{MessageContent: true}, rep)
	ctx := testContext(t)

	// alice's answer: private feedback goes by DM.
	posted, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: discordfake.DefaultChannelID, Content: "<@" + discordfake.DefaultBotID + "> RPO is data loss"})
	mustNoErr(t, "post", err)
	dm, _ := srv.DMChannel(discordfake.DefaultUserID)
	msgs, err := srv.WaitMessages(ctx, dm.ID, 1)
	mustNoErr(t, "dm feedback", err)
	if !strings.Contains(msgs[0].Content, "Coverage") || msgs[0].Reference != nil {
		t.Errorf("dm feedback = %+v", msgs[0])
	}
	ev := rep.Events()[0]
	if ev.Kind != bot.EventMessage || ev.Text != "RPO is data loss" || ev.Chat.Kind != bot.Group || ev.MessageID != posted.ID || !ev.Admin {
		t.Errorf("event = %+v", ev)
	}

	// bob refuses DMs: the channel gets the reply's one line, replying to
	// him, and never the feedback itself.
	posted, err = srv.PostMessage(discordfake.IncomingMessage{ChannelID: discordfake.DefaultChannelID, AuthorID: discordfake.OtherUserID, Content: "my answer"})
	mustNoErr(t, "post", err)
	msgs, err = srv.WaitMessages(ctx, discordfake.DefaultChannelID, 1)
	mustNoErr(t, "channel line", err)
	if msgs[0].Reference == nil || msgs[0].Reference.MessageID != posted.ID || msgs[0].Content != unreachableLine || len(msgs[0].CustomIDs()) != 0 {
		t.Errorf("channel got %+v, want the line replying to bob", msgs[0])
	}
	if ev := rep.Events()[1]; ev.Admin {
		t.Errorf("bob is admin: %+v", ev)
	}

	// The bot's own messages and other bots' are ignored.
	if got := len(rep.Events()); got != 2 {
		t.Errorf("%d events, want 2", got)
	}
}

func TestSlowReplierDeferred(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	rep.handle = func(ctx context.Context, ev bot.Event) []bot.Reply {
		time.Sleep(200 * time.Millisecond)
		if ev.Command == "stats" {
			return []bot.Reply{{Text: bot.TextOf("Your stats: 3 answers."), Private: true}}
		}
		return script(ev)
	}
	startBot(t, srv, discord.Config{}, rep, discord.WithDeferAfter(20*time.Millisecond))
	ctx := testContext(t)

	// A private reply in a guild: deferred ephemeral, then edited.
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "stats", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	resp, err := srv.WaitResponse(ctx, in.ID)
	mustNoErr(t, "response", err)
	if resp.Type != discordfake.ResponseDeferredChannelMessage || !resp.Ephemeral() {
		t.Errorf("response = type %d, ephemeral %v; want deferred ephemeral", resp.Type, resp.Ephemeral())
	}
	orig, err := srv.WaitOriginal(ctx, in.ID)
	mustNoErr(t, "original", err)
	if orig.Content != "Your stats: 3 answers." || !orig.Ephemeral() {
		t.Errorf("original = %+v", orig)
	}
	waitRequestCount(t, srv, discordfake.RouteEditWebhookMessage, 1)

	// A public question in a DM: deferred, edited, tracked with its id.
	in, err = srv.SlashCommand(discordfake.CommandInvocation{Name: "next"})
	mustNoErr(t, "slash command", err)
	orig, err = srv.WaitOriginal(ctx, in.ID)
	mustNoErr(t, "original", err)
	if r, _ := srv.Response(in.ID); r.Type != discordfake.ResponseDeferredChannelMessage || r.Ephemeral() {
		t.Errorf("DM response = %+v", r)
	}
	if !strings.Contains(orig.Content, questionPrompt) || len(orig.Buttons()) != 4 {
		t.Errorf("original = %+v", orig)
	}
	if sent := rep.WaitSent(t, 1); sent[0].MessageID != orig.ID {
		t.Errorf("Sent %+v, want %s", sent[0], orig.ID)
	}

	// A slow button press: the message is kept (deferred update), then
	// edited through the interaction.
	click, err := srv.ClickButton(discordfake.ButtonClick{CustomID: "skip:q1", MessageID: orig.ID})
	mustNoErr(t, "click", err)
	resp, err = srv.WaitResponse(ctx, click.ID)
	mustNoErr(t, "response", err)
	if resp.Type != discordfake.ResponseDeferredUpdateMessage {
		t.Errorf("button response type %d, want 6", resp.Type)
	}
	if _, err := srv.WaitFollowups(ctx, click.ID, 1); err != nil {
		t.Fatal(err)
	}
	if m, _ := srv.Message(orig.ID); !strings.Contains(m.Content, "Skipped") || len(m.Components) != 0 {
		t.Errorf("message after slow skip = %+v", m)
	}
}

func TestTrackedFollowupAndLongReply(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	rep.handle = func(_ context.Context, ev bot.Event) []bot.Reply {
		if ev.Command == "stats" {
			return []bot.Reply{{Text: longText(120), Buttons: [][]bot.Button{{{Label: "More", Action: "more"}}}, Track: "stats"}}
		}
		return []bot.Reply{{Text: bot.TextOf("Here it comes.")}, questionReply(ev.User), {Text: longText(300), Private: true}}
	}
	startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)

	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	fu, err := srv.WaitFollowups(ctx, in.ID, 3)
	mustNoErr(t, "followups", err)
	sent := rep.WaitSent(t, 1)
	if sent[0].MessageID != fu[0].ID {
		t.Errorf("Sent %s, want the question followup %s", sent[0].MessageID, fu[0].ID)
	}
	// Wait for the last part of the long reply.
	err = srv.Wait(ctx, func() bool {
		fu := srv.Followups(in.ID)
		return strings.Contains(fu[len(fu)-1].Content, lineMarker(300))
	})
	mustNoErr(t, "long reply", err)
	fu = srv.Followups(in.ID)
	for _, m := range fu[1:] {
		if !m.Ephemeral() {
			t.Errorf("part of a private reply not ephemeral: %q", m.Content[:40])
		}
	}
	checkParts(t, fu[1:], 300, false)

	// A long first reply: the response holds the first part, followups the
	// rest, the last with the buttons, and that one is tracked.
	in, err = srv.SlashCommand(discordfake.CommandInvocation{Name: "stats", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	sent = rep.WaitSent(t, 2)
	orig, err := srv.WaitOriginal(ctx, in.ID)
	mustNoErr(t, "original", err)
	parts := append([]discordfake.Message{orig}, srv.Followups(in.ID)...)
	checkParts(t, parts, 120, true)
	if last := parts[len(parts)-1]; sent[1].MessageID != last.ID || sent[1].Track != "stats" {
		t.Errorf("Sent = %+v, want the last part %s", sent[1], last.ID)
	}
}

func TestDeferredVisibilityMismatch(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	rep.handle = func(ctx context.Context, ev bot.Event) []bot.Reply {
		time.Sleep(150 * time.Millisecond)
		return script(ev)
	}
	startBot(t, srv, discord.Config{}, rep, discord.WithDeferAfter(20*time.Millisecond))
	ctx := testContext(t)

	// A public question in a guild after an (ephemeral) deferral: the
	// loading message is deleted and the question posted publicly.
	_, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	if _, err := srv.WaitRequests(ctx, discordfake.RouteExecuteWebhook, 1); err != nil {
		t.Fatal(err)
	}
	waitRequestCount(t, srv, discordfake.RouteDeleteWebhookMessage, 1)
	sent := rep.WaitSent(t, 1)
	var q discordfake.Message
	for _, m := range srv.AllMessages(discordfake.DefaultChannelID) {
		if m.ID == sent[0].MessageID {
			q = m
		}
	}
	if !strings.Contains(q.Content, questionPrompt) || q.Ephemeral() || q.Deleted || len(q.Buttons()) != 4 {
		t.Errorf("question = %+v, want a live public message with buttons", q)
	}
}

func TestInteractionFallsBackToChannel(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	release := make(chan struct{})
	rep.handle = func(ctx context.Context, ev bot.Event) []bot.Reply {
		<-release
		return script(ev)
	}
	startBot(t, srv, discord.Config{}, rep, discord.WithDeferAfter(time.Minute))
	ctx := testContext(t)

	// The callback comes too late: Discord forgot the interaction. The
	// question goes to the channel as a plain message, still tracked.
	srv.SetInteractionDeadline(time.Millisecond)
	_, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	rep.WaitEvents(t, 1)
	time.Sleep(5 * time.Millisecond)
	close(release)
	msgs, err := srv.WaitMessages(ctx, discordfake.DefaultChannelID, 1)
	mustNoErr(t, "fallback message", err)
	if !strings.Contains(msgs[0].Content, questionPrompt) || len(msgs[0].Buttons()) != 4 {
		t.Errorf("fallback = %+v", msgs[0])
	}
	if sent := rep.WaitSent(t, 1); sent[0].MessageID != msgs[0].ID {
		t.Errorf("Sent = %+v, want %s", sent[0], msgs[0].ID)
	}
}

func TestInteractionCallbackRateLimited(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)

	srv.RateLimitNext(discordfake.RouteInteractionCallback, 1)
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	resp, err := srv.WaitResponse(ctx, in.ID)
	mustNoErr(t, "response", err)
	if resp.Type != discordfake.ResponseChannelMessageWithSource {
		t.Errorf("response type %d", resp.Type)
	}
	reqs, err := srv.WaitRequests(ctx, discordfake.RouteInteractionCallback, 2)
	if err != nil || reqs[0].Status != 429 || reqs[1].Status != 204 {
		t.Errorf("callbacks: %v, want a 429 then a success", err)
	}
}

// TestGatewayReconnects drops the gateway connection, then asks for a
// reconnect (op 7): each time the adapter resumes its session on a new
// connection and answers the interactions that come after.
func TestGatewayReconnects(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)
	answered := func() {
		t.Helper()
		in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
		mustNoErr(t, "slash command", err)
		if _, err := srv.WaitResponse(ctx, in.ID); err != nil {
			t.Fatalf("after a reconnect: %v", err)
		}
	}

	// A connection is established once discordgo's heartbeat goroutine has
	// sent its first heartbeat on it. If it fails before that, the goroutine
	// still writes to it later, fails, and closes the session's connection
	// again (bwmarrin/discordgo#406): if the adapter has reconnected by
	// then, the new one, with code 1000, which ends the session and loses
	// the events sent to it. Under load the goroutine can start late
	// enough for a drop right after READY to hit that.
	mustNoErr(t, "first heartbeat", srv.WaitHeartbeats(ctx, 1))
	if n := srv.DropConnections(); n != 1 {
		t.Fatalf("dropped %d connections", n)
	}
	mustNoErr(t, "resume", srv.WaitResumes(ctx, 1))
	answered()

	mustNoErr(t, "heartbeat on the new connection", srv.WaitHeartbeats(ctx, 2))
	if n := srv.SendReconnect(); n != 1 {
		t.Fatalf("op 7 sent on %d connections", n)
	}
	mustNoErr(t, "resume after op 7", srv.WaitResumes(ctx, 2))
	answered()

	if ids, ss := srv.Identifies(), srv.Sessions(); len(ids) != 1 || len(ss) != 1 || ss[0].Invalid || ss[0].Resumes != 2 {
		t.Errorf("%d identifies, sessions %+v: want one session resumed twice", len(ids), ss)
	}
}

func TestShutdownWaitsForReplies(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	rep := newScriptReplier()
	rep.handle = func(ctx context.Context, ev bot.Event) []bot.Reply {
		time.Sleep(300 * time.Millisecond)
		return script(ev)
	}
	e := startBot(t, srv, discord.Config{}, rep)
	ctx := testContext(t)

	if err := e.a.Run(ctx, rep); err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("second Run = %v, want already running", err)
	}
	if err := e.a.Run(ctx, nil); err == nil {
		t.Error("Run with a nil replier succeeded")
	}

	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: discordfake.DefaultChannelID})
	mustNoErr(t, "slash command", err)
	rep.WaitEvents(t, 1)
	start := time.Now()
	if err := e.stop(); err != nil {
		t.Fatalf("Run = %v, want nil", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	if _, ok := srv.Response(in.ID); !ok {
		t.Error("Run returned before the in-flight reply was sent")
	}
	if len(rep.SentCalls()) != 1 {
		t.Error("in-flight reply not tracked before Run returned")
	}
	err = srv.Wait(ctx, func() bool {
		for _, s := range srv.Sessions() {
			if s.Connected {
				return false
			}
		}
		return true
	})
	mustNoErr(t, "gateway closed", err)
	if strings.Contains(e.logs.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", e.logs)
	}
}
