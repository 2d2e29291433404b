package discord_test

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// TestAttachmentFailureKeepsTheText: when Discord will not take a file
// (5xx past the retries, 413 too large), the text that came with it is
// sent alone with the attachment's one-line note, in a channel message
// and in an interaction's answer alike.
func TestAttachmentFailureKeepsTheText(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a, _ := sendAdapter(t, srv)
	ctx := testContext(t)
	srv.FailNext(discordfake.RouteCreateMessage, fastRetry.MaxTries, 502)
	r := bot.Reply{Text: bot.TextOf("📝 Interview report"), Attachment: &bot.Attachment{
		Name: "report.png", MIME: "image/png", Data: []byte("\x89PNG"), Unsent: "(The chart could not be sent; /report shows it again.)"}}
	id, err := a.Send(ctx, generalChat, r)
	mustNoErr(t, "Send", err)
	m, ok := srv.Message(id)
	if !ok || len(m.Files) != 0 || !strings.Contains(m.Content, "Interview report") || !strings.Contains(m.Content, "/report shows it again") {
		t.Errorf("message without its file = %+v", m)
	}
}

// TestExportFileRefusedOnDiscord: /export whose file Discord refuses (413)
// answers with the summary and a note instead of failing silently.
func TestExportFileRefusedOnDiscord(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	startCore(t, srv, discord.Config{})
	dm, err := srv.DMChannel(discordfake.DefaultUserID)
	mustNoErr(t, "dm", err)
	srv.FailNext(discordfake.RouteInteractionCallback, 1, 413)
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "export", ChannelID: dm.ID})
	mustNoErr(t, "/export", err)
	resp, err := srv.WaitResponse(testContext(t), in.ID)
	mustNoErr(t, "response", err)
	if !strings.Contains(resp.Content, "Your data") || !strings.Contains(resp.Content, "/export again") || len(resp.Files) != 0 {
		t.Errorf("/export answered %+v, want the summary and a note without the file", resp)
	}
}
