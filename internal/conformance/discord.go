package conformance

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// blockedUserID is a user who does not accept the bot's DMs.
const blockedUserID = "1100000000000000999"

// discordDriver plays a person on the fake Discord (REST and gateway).
type discordDriver struct {
	srv     *discordfake.Server
	dm      string // the person's DM channel
	blocked string // the DM channel of a user who rejects DMs
	run     *running
}

// NewDiscord returns a driver of the Discord adapter over a fake Discord
// on loopback: the person is the default guild's first member, the group
// its #general channel.
func NewDiscord(t *testing.T) Driver {
	srv := discordfake.New("MTIz.conformance.token")
	t.Cleanup(srv.Close)
	srv.AddUser(discordfake.User{ID: blockedUserID, Username: "carol", RejectDMs: true})
	dm, err := srv.DMChannel(discordfake.DefaultUserID)
	if err != nil {
		t.Fatalf("dm channel: %v", err)
	}
	blocked, err := srv.DMChannel(blockedUserID)
	if err != nil {
		t.Fatalf("dm channel: %v", err)
	}
	return &discordDriver{srv: srv, dm: dm.ID, blocked: blocked.ID}
}

func (d *discordDriver) Platform() bot.Platform { return bot.Discord }

// adapter returns a new adapter on the fake.
func (d *discordDriver) adapter(t *testing.T) *discord.Adapter {
	a, err := discord.New(discord.Config{Token: d.srv.Token(), APIURL: d.srv.URL(), Logger: slog.New(slog.DiscardHandler)},
		discord.WithRetryPolicy(discord.RetryPolicy{MaxTries: 3, BaseDelay: 5 * time.Millisecond}))
	if err != nil {
		t.Fatalf("discord.New: %v", err)
	}
	return a
}

func (d *discordDriver) Capabilities(t *testing.T) bot.Capabilities {
	return d.adapter(t).Capabilities()
}

func (d *discordDriver) Start(t *testing.T, r bot.Replier) bot.Adapter {
	a := d.adapter(t)
	sessions := len(d.srv.Sessions())
	d.run = runInBackground(a, r)
	t.Cleanup(func() { d.Stop(t) })
	wctx, wcancel := context.WithTimeout(context.Background(), waitBound)
	defer wcancel()
	err := d.srv.Wait(wctx, func() bool {
		ss := d.srv.Sessions()
		return len(ss) > sessions && ss[len(ss)-1].Connected && !ss[len(ss)-1].Invalid
	})
	if err != nil {
		t.Fatalf("no gateway session: %v", err)
	}
	if _, err := d.srv.WaitCommands(wctx, ""); err != nil {
		t.Fatalf("commands not registered: %v", err)
	}
	return a
}

func (d *discordDriver) Stop(t *testing.T) {
	// discordgo's Close alone takes a second.
	d.run.stop(t, waitBound+5*time.Second)
	d.run = nil
}

func (d *discordDriver) DM(t *testing.T) bot.Chat {
	return bot.Chat{Platform: bot.Discord, ID: d.dm, Kind: bot.Private}
}

func (d *discordDriver) Group(t *testing.T) (bot.Chat, bool) {
	return bot.Chat{Platform: bot.Discord, ID: discordfake.DefaultChannelID, Kind: bot.Group}, true
}

func (d *discordDriver) Command(t *testing.T, chat bot.Chat, name, args string) {
	in := discordfake.CommandInvocation{Name: name, UserID: discordfake.DefaultUserID}
	if chat.ID != d.dm {
		in.ChannelID = chat.ID
	}
	if args != "" {
		t.Fatalf("the discord driver sends no command arguments (%q)", args)
	}
	if _, err := d.srv.SlashCommand(in); err != nil {
		t.Fatalf("/%s: %v", name, err)
	}
}

func (d *discordDriver) Say(t *testing.T, chat bot.Chat, text string) {
	if _, err := d.srv.PostMessage(discordfake.IncomingMessage{ChannelID: chat.ID, AuthorID: discordfake.DefaultUserID, Content: text}); err != nil {
		t.Fatalf("post %q: %v", text, err)
	}
}

// buttons returns the buttons among components, rows flattened.
func buttons(cs []discordfake.Component) []discordfake.Component {
	var out []discordfake.Component
	for _, c := range cs {
		if c.Type == discordfake.ComponentActionRow {
			out = append(out, buttons(c.Components)...)
		} else if c.CustomID != "" {
			out = append(out, c)
		}
	}
	return out
}

func (d *discordDriver) Press(t *testing.T, chat bot.Chat, m Message, label string) {
	msg, _ := m.ref.(discordfake.Message)
	for _, b := range buttons(msg.Components) {
		if containsAll(b.Label, []string{label}) {
			click := discordfake.ButtonClick{CustomID: b.CustomID, MessageID: msg.ID, UserID: discordfake.DefaultUserID}
			if _, err := d.srv.ClickButton(click); err != nil {
				t.Fatalf("press %q: %v", label, err)
			}
			return
		}
	}
	t.Fatalf("no button %q under %q", label, m.Text)
}

// messages returns the bot's messages in a channel with their content
// (no deferred response still loading), public or ephemeral.
func (d *discordDriver) messages(channelID string, ephemeral bool) []Message {
	var out []Message
	for _, m := range d.srv.AllMessages(channelID) {
		if m.AuthorID != d.srv.BotUser().ID || m.Deleted || m.Flags&discordfake.FlagLoading != 0 || m.Ephemeral() != ephemeral {
			continue
		}
		msg := Message{Text: demarkdown(m.Content), ref: m}
		for _, b := range buttons(m.Components) {
			msg.Buttons = append(msg.Buttons, b.Label)
		}
		out = append(out, msg)
	}
	return out
}

func (d *discordDriver) Messages(t *testing.T, chat bot.Chat) []Message {
	return d.messages(chat.ID, false)
}

func (d *discordDriver) Private(t *testing.T) []string {
	var out []string
	for _, m := range append(d.messages(discordfake.DefaultChannelID, true), d.messages(d.dm, false)...) {
		out = append(out, m.Text)
	}
	return out
}

func (d *discordDriver) Unreachable(t *testing.T) (bot.Chat, bool) {
	return bot.Chat{Platform: bot.Discord, ID: d.blocked, Kind: bot.Private}, true
}

// MaxLen is Discord's limit on a message's content.
func (d *discordDriver) MaxLen() int { return 2000 }

// demarkdown removes the markdown the adapter adds (bold markers and
// escapes), so that scenarios compare the engine's words.
func demarkdown(s string) string {
	return strings.NewReplacer("**", "", `\`, "", "\u200b", "").Replace(s)
}
