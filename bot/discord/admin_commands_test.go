package discord_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// sampleArgs are arguments that would change a channel's settings, for
// each admin command of the table, by option name.
var sampleArgs = map[string]map[string]string{
	"topic": {"name": "容灾"}, "subscribe": {"time": "09:00"}, "timezone": {"zone": "Europe/Berlin"}, "lang": {"language": "zh"},
}

// TestAdminCommandsRefusedThroughEveryName walks the command table: every
// admin command, as a slash command a guild has opened to everyone and
// under each alias typed in the channel, used by a member without Manage
// Server is refused (privately) or ignored, and the channel's settings and
// open round stay as they were.
func TestAdminCommandsRefusedThroughEveryName(t *testing.T) {
	t.Parallel()
	srv := newStudyServer(t)
	var counter *countingReplier
	e := startCoreWith(t, srv, discord.Config{Guilds: []string{discordfake.DefaultGuildID}, MessageContent: true},
		func(r bot.Replier) bot.Replier { counter = newCountingReplier(r); return counter })
	ctx := testContext(t)
	const channel, guild = discordfake.DefaultChannelID, discordfake.DefaultGuildID
	const alice, bob = discordfake.DefaultUserID, discordfake.OtherUserID
	chatKey := bot.Chat{Platform: bot.Discord, ID: channel}.Key()

	slash := func(user, name string, args map[string]string) discordfake.Interaction {
		t.Helper()
		var opts []discordfake.OptionValue
		for k, v := range args {
			opts = append(opts, discordfake.StringOption(k, v))
		}
		return slashCommand(t, srv, channel, user, name, opts...)
	}
	publicReply(t, srv, slash(alice, "subscribe", map[string]string{"time": "08:00"}).ID)
	publicReply(t, srv, slash(alice, "next", nil).ID)
	before, err := e.db.Chat(ctx, chatKey)
	if err != nil || before.Schedule == nil {
		t.Fatalf("channel before: %+v, %v", before, err)
	}
	round, err := e.db.OpenRound(ctx, chatKey)
	mustNoErr(t, "open round", err)
	unchanged := func(what string) {
		t.Helper()
		after, err := e.db.Chat(ctx, chatKey)
		mustNoErr(t, "chat", err)
		if !reflect.DeepEqual(after, before) {
			t.Errorf("%s by a member changed the channel:\nbefore %+v\nafter  %+v", what, before, after)
			before = after
		}
		if r, err := e.db.OpenRound(ctx, chatKey); err != nil || r.ID != round.ID {
			t.Errorf("%s by a member closed the round: %+v, %v", what, r, err)
		}
	}

	tried := 0
	for _, c := range bot.Commands() {
		if !c.Admin {
			continue
		}
		srv.AllowCommand(guild, c.Name, guild)
		got := demarkdown(privateReply(t, srv, slash(bob, c.Name, sampleArgs[c.Name]).ID))
		if !strings.Contains(got, "Only the group's admins") {
			t.Errorf("/%s by a member answered %q, want a refusal", c.Name, got)
		}
		unchanged("/" + c.Name)
		tried++
		for _, alias := range c.Aliases {
			handled := counter.handled()
			var args []string
			for _, v := range sampleArgs[c.Name] {
				args = append(args, v)
			}
			_, err := srv.PostMessage(discordfake.IncomingMessage{ChannelID: channel, AuthorID: bob,
				Content: strings.TrimSpace("/" + alias + " " + strings.Join(args, " "))})
			mustNoErr(t, "type /"+alias, err)
			mustNoErr(t, "wait for /"+alias, counter.wait(ctx, handled+1))
			unchanged("/" + alias)
			tried++
		}
	}
	if tried < 8 {
		t.Errorf("only %d admin command names tried", tried)
	}
	if pub := publicMessages(srv, channel); len(pub) != 2 {
		t.Errorf("%d public messages in the channel, want 2 (the admin's subscription and round)", len(pub))
	}
}
