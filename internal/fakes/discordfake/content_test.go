package discordfake_test

import (
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// TestMessageContentIntent opens two sessions on one server, with and
// without the privileged MESSAGE_CONTENT intent, and checks what each gets
// for the same messages.
func TestMessageContentIntent(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	listen := func(ch chan *discordgo.MessageCreate) func(*discordgo.Session) {
		return func(s *discordgo.Session) {
			s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { ch <- m })
		}
	}
	base := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	without, with := make(chan *discordgo.MessageCreate, 8), make(chan *discordgo.MessageCreate, 8)
	s1 := openSession(t, srv, base, listen(without))
	s2 := openSession(t, srv, base|discordgo.IntentsMessageContent, listen(with))
	defer closeAll(s1, s2)

	file := discordfake.File{Name: "notes.txt", ContentType: "text/plain", Data: []byte("notes")}
	tests := []struct {
		name        string
		in          discordfake.IncomingMessage
		wantBlanked bool
	}{
		{"guild message", discordfake.IncomingMessage{ChannelID: discordfake.DefaultChannelID, Content: "my answer",
			Files: []discordfake.File{file}, Embeds: []discordfake.Embed{{Title: "e"}}}, true},
		{"guild message mentioning the bot", discordfake.IncomingMessage{ChannelID: discordfake.DefaultChannelID,
			Content: "<@" + discordfake.DefaultBotID + "> my answer"}, false},
		{"direct message", discordfake.IncomingMessage{Content: "my answer in a DM"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posted, err := srv.PostMessage(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			a, b := receive(t, without), receive(t, with)
			if a.ID != posted.ID || b.ID != posted.ID {
				t.Fatalf("ids = %s %s, want %s", a.ID, b.ID, posted.ID)
			}
			if b.Content != tt.in.Content || len(b.Attachments) != len(tt.in.Files) || len(b.Embeds) != len(tt.in.Embeds) {
				t.Fatalf("with intent: %q, %d attachments, %d embeds", b.Content, len(b.Attachments), len(b.Embeds))
			}
			blanked := a.Content == "" && len(a.Attachments) == 0 && len(a.Embeds) == 0
			if blanked != tt.wantBlanked || !blanked && a.Content != tt.in.Content {
				t.Fatalf("without intent: %q, %d attachments, %d embeds; want blanked %v", a.Content, len(a.Attachments), len(a.Embeds), tt.wantBlanked)
			}
			if a.Author.ID != discordfake.DefaultUserID {
				t.Fatalf("author = %+v", a.Author)
			}
			if tt.in.ChannelID != "" && (a.GuildID != discordfake.DefaultGuildID || a.Member == nil) {
				t.Fatalf("guild message lacks guild_id/member: %q %+v", a.GuildID, a.Member)
			}
		})
	}

	// The bot's own messages come back as MESSAGE_CREATE with content, as
	// on Discord: adapters must ignore them.
	sent, err := s1.ChannelMessageSend(discordfake.DefaultChannelID, "from the bot")
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range []chan *discordgo.MessageCreate{without, with} {
		if m := receive(t, ch); m.ID != sent.ID || m.Content != "from the bot" || m.Author.ID != discordfake.DefaultBotID {
			t.Fatalf("own message = %+v", m.Message)
		}
	}
}
