package discord_test

import (
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// TestNextInRoundThreadStartsInChannel: /next typed in an old round's
// thread puts the new round to the channel, with a thread of its own; the
// old thread gets nothing, and whoever asked is told where it went.
func TestNextInRoundThreadStartsInChannel(t *testing.T) {
	t.Parallel()
	srv := newStudyServer(t)
	e := startCore(t, srv, discord.Config{Guilds: []string{discordfake.DefaultGuildID}, MessageContent: true})
	ctx := testContext(t)
	const channel, alice = discordfake.DefaultChannelID, discordfake.DefaultUserID
	slash := func(where, name string) discordfake.Interaction { return slashCommand(t, srv, where, alice, name) }
	first := publicReply(t, srv, slash(channel, "next").ID)
	mustNoErr(t, "first thread", srv.Wait(ctx, func() bool { return len(srv.Threads(channel)) == 1 }))
	old := srv.Threads(channel)[0]
	publicReply(t, srv, slash(channel, "reveal").ID)

	e.clock.Set(time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC))
	in := slash(old.ID, "next")
	pointer := privateReply(t, srv, in.ID)
	mustNoErr(t, "second thread", srv.Wait(ctx, func() bool { return len(srv.Threads(channel)) == 2 }))
	pub := publicMessages(srv, channel)
	if len(pub) != 3 || pub[0].ID != first.ID || !strings.Contains(demarkdown(pub[2].Content), "备份和快照有什么区别？") {
		t.Fatalf("channel messages: %+v, want round 1, its summary, round 2", contents(pub))
	}
	if th := srv.Threads(channel)[1]; th.ID != pub[2].ID || th.Name != "备份和快照有什么区别？" {
		t.Errorf("round 2's thread = %+v, want one on its question %s", th, pub[2].ID)
	}
	if got := publicMessages(srv, old.ID); len(got) != 0 {
		t.Errorf("the old round's thread got %q", contents(got))
	}
	if !strings.Contains(pointer, pub[2].ID) {
		t.Errorf("the asker was told %q, want a link to %s", pointer, pub[2].ID)
	}
}

// TestScheduledRoundThreadNamedAfterQuestion: the thread of a round the
// schedule pushes is named after its question, not its heading.
func TestScheduledRoundThreadNamedAfterQuestion(t *testing.T) {
	t.Parallel()
	srv := newStudyServer(t)
	e := startCore(t, srv, discord.Config{Guilds: []string{discordfake.DefaultGuildID}, MessageContent: true})
	ctx := testContext(t)
	const channel = discordfake.DefaultChannelID
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "subscribe", ChannelID: channel,
		Options: []discordfake.OptionValue{discordfake.StringOption("time", "11:00")}})
	mustNoErr(t, "/subscribe", err)
	publicReply(t, srv, in.ID)
	e.clock.Set(time.Date(2026, 11, 22, 11, 0, 30, 0, time.UTC))
	if n, err := e.core.SchedulePushes(ctx); err != nil || n != 1 {
		t.Fatalf("SchedulePushes = %d, %v", n, err)
	}
	if n, err := e.core.DeliverDue(ctx, map[bot.Platform]bot.Sender{bot.Discord: e.a}); err != nil || n != 1 {
		t.Fatalf("DeliverDue = %d, %v", n, err)
	}
	threads := srv.Threads(channel)
	if len(threads) != 1 || threads[0].Name != "什么是 RPO 和 RTO？" {
		t.Errorf("threads = %+v, want one named after the question", threads)
	}
}

// TestRoundWithoutMessageContent: without the message content intent the
// bot cannot read members' replies, so the round says to tap Answer; a
// reply it can read all the same (it pings the bot) gets a one-line hint,
// by DM, or in the channel for a member who takes no DMs, and is not
// graded.
func TestRoundWithoutMessageContent(t *testing.T) {
	t.Parallel()
	srv := newStudyServer(t, func(g *discordfake.Guild) {
		for i := range g.Members {
			if g.Members[i].User.ID == carolID {
				g.Members[i].User.RejectDMs = true
			}
		}
	})
	var counter *countingReplier
	e := startCoreWith(t, srv, discord.Config{Guilds: []string{discordfake.DefaultGuildID}},
		func(r bot.Replier) bot.Replier { counter = newCountingReplier(r); return counter })
	ctx := testContext(t)
	const channel, bob = discordfake.DefaultChannelID, discordfake.OtherUserID
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "next", ChannelID: channel})
	mustNoErr(t, "/next", err)
	q := publicReply(t, srv, in.ID)
	mustNoErr(t, "the core knows the round's message", counter.waitSent(ctx, 1))
	text := demarkdown(q.Content)
	if !strings.Contains(text, "Tap ✍️ Answer") || strings.Contains(text, "replying") {
		t.Errorf("round question without message content says:\n%s", text)
	}
	_, err = srv.PostMessage(discordfake.IncomingMessage{ChannelID: channel, AuthorID: bob, Content: "RPO 是能丢多少数据", ReplyTo: q.ID})
	mustNoErr(t, "bob's reply", err)
	dm, err := srv.DMChannel(bob)
	mustNoErr(t, "dm", err)
	hints, err := srv.WaitMessages(ctx, dm.ID, 1)
	mustNoErr(t, "bob's hint", err)
	if got := demarkdown(hints[0].Content); !strings.Contains(got, "✍️ Answer") || strings.Contains(got, "\n") {
		t.Errorf("bob's hint = %q, want one line pointing to the Answer button", got)
	}
	carols, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: channel, AuthorID: carolID, Content: "不知道", ReplyTo: q.ID})
	mustNoErr(t, "carol's reply", err)
	mustNoErr(t, "carol's hint", srv.Wait(ctx, func() bool { return len(publicMessages(srv, channel)) == 2 }))
	if m := publicMessages(srv, channel)[1]; m.Reference == nil || m.Reference.MessageID != carols.ID || !strings.Contains(m.Content, "Answer") {
		t.Errorf("carol's hint = %+v", m)
	}
	for _, who := range []string{bob, carolID} {
		if atts, _ := e.db.Attempts(ctx, bot.User{Platform: bot.Discord, ID: who}.Key()); len(atts) != 0 {
			t.Errorf("%s's unread reply was graded: %+v", who, atts)
		}
	}
}
