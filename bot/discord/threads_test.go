package discord_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// roundReply is a round question shaped like the core's.
func roundReply(prompt string) bot.Reply {
	var t bot.Text
	t.Add(bot.B("👥 Group question"), bot.P(" · 容灾"))
	t.Add(bot.B(prompt))
	t.Blank()
	t.Add(bot.P("Answer by replying to this message (or tap Answer)."))
	return bot.Reply{
		Text:    t,
		Buttons: [][]bot.Button{{{Label: "✍️ Answer", Action: "answer:rpo", Form: true}, {Label: "💡 Hint", Action: "hint:rpo"}}},
		Track:   "r:n-1:rpo",
		Kind:    bot.KindRound,
	}
}

func TestSendRoundStartsThread(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a, logs := sendAdapter(t, srv)
	ctx := testContext(t)

	// A round question pushed to a channel gets its thread; the ID
	// returned is the message's, which the thread's is too.
	long := strings.Repeat("很长的题目", 30) + "\nsecond line"
	id, err := a.Send(ctx, generalChat, roundReply(long))
	mustNoErr(t, "send", err)
	threads := srv.Threads(discordfake.DefaultChannelID)
	if len(threads) != 1 {
		t.Fatalf("threads = %+v, want one", threads)
	}
	th := threads[0]
	if th.ID != id || th.StarterMessageID != id || th.Type != discordfake.ChannelTypePublicThread || th.AutoArchiveDuration != 1440 {
		t.Errorf("thread = %+v, want a public thread on message %s archived after a day", th, id)
	}
	if want := string([]rune(strings.Repeat("很长的题目", 30))[:99]) + "…"; th.Name != want {
		t.Errorf("thread name = %q, want %q", th.Name, want)
	}

	// No thread for other replies, nor in DMs.
	other := roundReply("Q?")
	other.Kind = bot.KindQuestion
	_, err = a.Send(ctx, generalChat, other)
	mustNoErr(t, "send question", err)
	dm, err := srv.DMChannel(discordfake.DefaultUserID)
	mustNoErr(t, "dm", err)
	_, err = a.Send(ctx, bot.Chat{Platform: bot.Discord, ID: dm.ID, Kind: bot.Private}, roundReply("Q?"))
	mustNoErr(t, "send dm", err)
	if n := len(srv.RequestsTo(discordfake.RouteStartThreadFromMessage)); n != 1 {
		t.Errorf("%d thread starts, want 1", n)
	}

	// A thread that cannot be started is logged; the round goes on.
	srv.FailNext(discordfake.RouteStartThreadFromMessage, 1, 403)
	id, err = a.Send(ctx, generalChat, roundReply("Q?"))
	if err != nil || id == "" {
		t.Fatalf("send with the thread refused: %q, %v", id, err)
	}
	if m, ok := srv.Message(id); !ok || m.ThreadID != "" {
		t.Errorf("message %+v has a thread", m)
	}
	if !strings.Contains(logs.String(), "start round thread") {
		t.Errorf("the failed thread is not logged:\n%s", logs)
	}
}

// TestRoundThreadMessages checks how messages in threads are mapped: a
// round thread (one the bot started) is the round, in its parent channel,
// even when the gateway's state does not know it (archived threads are
// not in GUILD_CREATE); another thread is a chat of its own.
func TestRoundThreadMessages(t *testing.T) {
	t.Parallel()
	const roundThread, userThread = "1100000000000000300", "1100000000000000301"
	botUser := discordfake.User{ID: discordfake.DefaultBotID, Username: "interviewbot", Bot: true}
	g := discordfake.DefaultGuild(botUser)
	g.Members[1].User.RejectDMs = true // bob
	g.Channels = append(g.Channels,
		discordfake.Channel{ID: roundThread, Type: discordfake.ChannelTypePublicThread, Name: "什么是 RPO？", ParentID: discordfake.DefaultChannelID,
			OwnerID: discordfake.DefaultBotID, AutoArchiveDuration: 1440, Archived: true, StarterMessageID: roundThread},
		discordfake.Channel{ID: userThread, Type: discordfake.ChannelTypePublicThread, Name: "chat", ParentID: discordfake.DefaultChannelID,
			OwnerID: discordfake.DefaultUserID, AutoArchiveDuration: 1440},
	)
	srv := newServer(t, discordfake.WithGuild(g))
	rep := newScriptReplier()
	startBot(t, srv, discord.Config{MessageContent: true}, rep)
	ctx := testContext(t)
	general := bot.Chat{Platform: bot.Discord, ID: discordfake.DefaultChannelID, Kind: bot.Group, Title: "general"}

	post := func(channel, author, text string) discordfake.Message {
		t.Helper()
		m, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: channel, AuthorID: author, Content: text})
		mustNoErr(t, "post", err)
		return m
	}

	// alice answers in the round's thread: the round's answer, feedback
	// by DM.
	posted := post(roundThread, discordfake.DefaultUserID, "RPO is data loss")
	dm, _ := srv.DMChannel(discordfake.DefaultUserID)
	if _, err := srv.WaitMessages(ctx, dm.ID, 1); err != nil {
		t.Fatal(err)
	}
	ev := rep.Events()[0]
	if ev.Kind != bot.EventMessage || ev.Chat != general || ev.ReplyTo != roundThread || ev.MessageID != posted.ID || ev.Text != "RPO is data loss" {
		t.Errorf("event = %+v, want the round in %+v", ev, general)
	}
	// Again: the channel is known now.
	post(roundThread, discordfake.DefaultUserID, "RPO is how much data")
	if _, err := srv.WaitMessages(ctx, dm.ID, 2); err != nil {
		t.Fatal(err)
	}
	waitRequestCount(t, srv, discordfake.RouteGetChannel, 1)

	// bob takes no DMs: the thread gets one line, replying to him, never
	// his feedback (nor the reference answer, while the round is open).
	posted = post(roundThread, discordfake.OtherUserID, "my answer")
	msgs, err := srv.WaitMessages(ctx, roundThread, 1)
	mustNoErr(t, "line in the thread", err)
	if msgs[0].Reference == nil || msgs[0].Reference.MessageID != posted.ID || msgs[0].Content != unreachableLine {
		t.Errorf("thread got %+v, want the line replying to bob", msgs[0])
	}
	if n := len(srv.Messages(discordfake.DefaultChannelID)); n != 0 {
		t.Errorf("%d messages in the channel, want none", n)
	}

	// A command in the round's thread concerns the channel.
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: roundThread})
	mustNoErr(t, "slash command", err)
	if _, err := srv.WaitResponse(ctx, in.ID); err != nil {
		t.Fatal(err)
	}
	if ev := rep.WaitEvents(t, 4)[3]; ev.Chat != general || ev.Command != "next" {
		t.Errorf("command in the thread = %+v, want chat %+v", ev, general)
	}

	// A member's own thread is a chat of its own, with no reply implied.
	post(userThread, discordfake.DefaultUserID, "chatter")
	if _, err := srv.WaitMessages(ctx, dm.ID, 3); err != nil {
		t.Fatal(err)
	}
	ev = rep.WaitEvents(t, 5)[4]
	if ev.Chat.ID != userThread || ev.ReplyTo != "" {
		t.Errorf("event in a member's thread = %+v", ev)
	}
	waitRequestCount(t, srv, discordfake.RouteGetChannel, 1)
}
