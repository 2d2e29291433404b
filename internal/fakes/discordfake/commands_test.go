package discordfake_test

import (
	"errors"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
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
	_, err := s.ApplicationCommandBulkOverwrite(discordfake.DefaultApplicationID, "", []*discordgo.ApplicationCommand{
		{Name: "subscribe", Description: "Subscribe", DefaultMemberPermissions: &manage},
		{Name: "help", Description: "Help"},
	})
	if err != nil {
		t.Fatal(err)
	}
	run := func(name, user string) error {
		_, err := srv.SlashCommand(discordfake.CommandInvocation{Name: name, ChannelID: discordfake.DefaultChannelID, UserID: user})
		return err
	}
	for _, c := range []struct {
		name, user string
		want       error
	}{
		{"subscribe", discordfake.DefaultUserID, discordfake.ErrNoSession}, // the owner
		{"subscribe", discordfake.OtherUserID, discordfake.ErrCommandUnavailable},
		{"help", discordfake.OtherUserID, discordfake.ErrNoSession},
	} {
		if err := run(c.name, c.user); !errors.Is(err, c.want) {
			t.Errorf("/%s by %s: %v, want %v", c.name, c.user, err, c.want)
		}
	}
	// A guild admin allows /subscribe for everyone.
	srv.AllowCommand(discordfake.DefaultGuildID, "subscribe", discordfake.DefaultGuildID)
	if err := run("subscribe", discordfake.OtherUserID); !errors.Is(err, discordfake.ErrNoSession) {
		t.Errorf("/subscribe by bob once allowed: %v", err)
	}
}
