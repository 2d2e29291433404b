package discordtest_test

import (
	"errors"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/discord/discordtest"
)

// TestCommandPermissions checks default_member_permissions and the guild
// overwrites of AllowCommand. No gateway session is open: a usable command
// fails to dispatch with ErrNoSession, an unusable one before that with
// ErrCommandUnavailable.
func TestCommandPermissions(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := restSession(t, srv)
	manage := int64(discordgo.PermissionManageGuild)
	_, err := s.ApplicationCommandBulkOverwrite(discordtest.DefaultApplicationID, "", []*discordgo.ApplicationCommand{
		{Name: "subscribe", Description: "Subscribe", DefaultMemberPermissions: &manage},
		{Name: "help", Description: "Help"},
	})
	if err != nil {
		t.Fatal(err)
	}
	run := func(name, user string) error {
		_, err := srv.SlashCommand(discordtest.CommandInvocation{Name: name, ChannelID: discordtest.DefaultChannelID, UserID: user})
		return err
	}
	for _, c := range []struct {
		name, user string
		want       error
	}{
		{"subscribe", discordtest.DefaultUserID, discordtest.ErrNoSession}, // the owner
		{"subscribe", discordtest.OtherUserID, discordtest.ErrCommandUnavailable},
		{"help", discordtest.OtherUserID, discordtest.ErrNoSession},
	} {
		if err := run(c.name, c.user); !errors.Is(err, c.want) {
			t.Errorf("/%s by %s: %v, want %v", c.name, c.user, err, c.want)
		}
	}
	// A guild admin allows /subscribe for everyone.
	srv.AllowCommand(discordtest.DefaultGuildID, "subscribe", discordtest.DefaultGuildID)
	if err := run("subscribe", discordtest.OtherUserID); !errors.Is(err, discordtest.ErrNoSession) {
		t.Errorf("/subscribe by bob once allowed: %v", err)
	}
}
