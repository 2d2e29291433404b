package discordfake_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// TestInteractions runs the interaction flows of a bot like ours over one
// gateway session: the test goroutine plays the bot's handler.
func TestInteractions(t *testing.T) {
	t.Parallel()
	const appID = "990000000000000099" // distinct from the bot user id
	srv := newServer(t, discordfake.WithApplicationID(appID))
	got := make(chan *discordgo.InteractionCreate, 16)
	s := openSession(t, srv, discordgo.IntentsGuilds, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })
	})
	_, err := s.ApplicationCommandBulkOverwrite(s.State.Application.ID, "", []*discordgo.ApplicationCommand{{
		Name: "ask", Description: "Ask me a question",
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "Topic"},
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "count", Description: "How many"},
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)

	t.Run("slash command in guild, ephemeral reply", func(t *testing.T) {
		in, err := srv.SlashCommand(discordfake.CommandInvocation{
			Name: "ask", ChannelID: discordfake.DefaultChannelID, UserID: discordfake.OtherUserID,
			Options: []discordfake.OptionValue{discordfake.StringOption("topic", "backup"), {Name: "count", Value: 2}},
		})
		if err != nil {
			t.Fatal(err)
		}
		i := receive(t, got)
		data := i.ApplicationCommandData()
		if i.ID != in.ID || i.Token != in.Token || i.AppID != appID || data.Name != "ask" {
			t.Fatalf("interaction = %+v", i.Interaction)
		}
		if data.GetOption("topic").StringValue() != "backup" || data.GetOption("count").IntValue() != 2 {
			t.Fatalf("options = %+v %+v", data.Options[0], data.Options[1])
		}
		if i.Member == nil || i.Member.User.ID != discordfake.OtherUserID || i.Member.Permissions&discordgo.PermissionSendMessages == 0 || i.User != nil {
			t.Fatalf("member = %+v, user = %+v", i.Member, i.User)
		}
		if i.GuildID != discordfake.DefaultGuildID || i.ChannelID != discordfake.DefaultChannelID || i.AppPermissions == 0 {
			t.Fatalf("guild/channel/app permissions = %s %s %d", i.GuildID, i.ChannelID, i.AppPermissions)
		}
		err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "Only you can see this", Flags: discordgo.MessageFlagsEphemeral},
		})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := srv.WaitResponse(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Type != discordfake.ResponseChannelMessageWithSource || !resp.Ephemeral() || resp.Content != "Only you can see this" {
			t.Fatalf("response = %+v", resp)
		}
		orig, err := s.InteractionResponse(i.Interaction)
		if err != nil || orig.Content != "Only you can see this" || orig.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Fatalf("GET @original = %+v, %v", orig, err)
		}
	})

	t.Run("slash command in DM", func(t *testing.T) {
		in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "ask"})
		if err != nil {
			t.Fatal(err)
		}
		i := receive(t, got)
		if i.User == nil || i.User.ID != discordfake.DefaultUserID || i.Member != nil || i.GuildID != "" || i.Context != discordgo.InteractionContextBotDM {
			t.Fatalf("dm interaction = %+v", i.Interaction)
		}
		if dm, _ := srv.DMChannel(discordfake.DefaultUserID); i.ChannelID != dm.ID {
			t.Fatalf("channel = %s, want DM %s", i.ChannelID, dm.ID)
		}
		if err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "Here is your question"},
		}); err != nil {
			t.Fatal(err)
		}
		if orig, err := srv.WaitOriginal(ctx, in.ID); err != nil || orig.Content != "Here is your question" || orig.Ephemeral() {
			t.Fatalf("original = %+v, %v", orig, err)
		}
	})

	t.Run("unknown command", func(t *testing.T) {
		if _, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "nope"}); err == nil {
			t.Fatal("unregistered command dispatched")
		}
	})

	t.Run("button click answered with a modal", func(t *testing.T) {
		q, err := s.ChannelMessageSendComplex(discordfake.DefaultChannelID, &discordgo.MessageSend{
			Content: "What is RPO?",
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Answer", Style: discordgo.PrimaryButton, CustomID: "answer:q1"},
			}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		in, err := srv.ClickButton(discordfake.ButtonClick{CustomID: "answer:q1"})
		if err != nil {
			t.Fatal(err)
		}
		i := receive(t, got)
		data := i.MessageComponentData()
		if data.CustomID != "answer:q1" || data.ComponentType != discordgo.ButtonComponent || i.Message == nil || i.Message.ID != q.ID {
			t.Fatalf("component interaction = %+v, message %+v", data, i.Message)
		}
		err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseModal,
			Data: &discordgo.InteractionResponseData{
				CustomID: "answer-modal:q1",
				Title:    "Your answer",
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.TextInput{CustomID: "answer", Label: "Type your answer", Style: discordgo.TextInputParagraph, Required: true, MaxLength: 4000},
				}}},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := srv.WaitResponse(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		inputs := resp.TextInputs()
		if resp.Type != discordfake.ResponseModal || resp.CustomID != "answer-modal:q1" || resp.Title != "Your answer" ||
			len(inputs) != 1 || inputs[0].CustomID != "answer" || inputs[0].Style != discordfake.TextInputParagraph {
			t.Fatalf("modal = %+v", resp)
		}
	})

	t.Run("modal submit answered with defer and followup", func(t *testing.T) {
		in, err := srv.SubmitModal(discordfake.ModalSubmission{Values: map[string]string{"answer": "恢复点目标 RPO is the data loss window"}})
		if err != nil {
			t.Fatal(err)
		}
		i := receive(t, got)
		data := i.ModalSubmitData()
		input := data.Components[0].(*discordgo.ActionsRow).Components[0].(*discordgo.TextInput)
		if data.CustomID != "answer-modal:q1" || input.CustomID != "answer" || input.Value != "恢复点目标 RPO is the data loss window" || i.Message == nil {
			t.Fatalf("modal submit = %+v, input %+v", data, input)
		}
		if err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		}); err != nil {
			t.Fatal(err)
		}
		if orig, ok := srv.Original(in.ID); !ok || orig.Flags&discordfake.FlagLoading == 0 {
			t.Fatalf("deferred original = %+v", orig)
		}
		m, err := s.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{Content: "Covered 2 of 3 key points"})
		if err != nil || m == nil || m.Content != "Covered 2 of 3 key points" {
			t.Fatalf("followup = %+v, %v", m, err)
		}
		fs, err := srv.WaitFollowups(ctx, in.ID, 1)
		if err != nil || fs[0].Content != "Covered 2 of 3 key points" {
			t.Fatalf("followups = %+v, %v", fs, err)
		}
		if orig, err := srv.WaitOriginal(ctx, in.ID); err != nil || orig.ID != m.ID {
			t.Fatalf("the first followup should complete the deferred original: %+v, %v", orig, err)
		}
		second, err := s.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{Content: "Rate yourself", Flags: discordgo.MessageFlagsEphemeral})
		if err != nil || second.ID == m.ID || second.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Fatalf("second followup = %+v, %v", second, err)
		}
		edited, err := s.FollowupMessageEdit(i.Interaction, second.ID, &discordgo.WebhookEdit{Content: ptr("Rate yourself (edited)")})
		if err != nil || edited.Content != "Rate yourself (edited)" {
			t.Fatalf("followup edit = %+v, %v", edited, err)
		}
		if _, err := srv.SubmitModal(discordfake.ModalSubmission{InteractionID: resp(t, srv, "answer-modal:q1")}); err == nil {
			t.Fatal("a modal was submitted twice")
		}
	})

	t.Run("double acknowledgement", func(t *testing.T) {
		if _, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "ask", ChannelID: discordfake.DefaultChannelID}); err != nil {
			t.Fatal(err)
		}
		i := receive(t, got)
		ack := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
		if err := s.InteractionRespond(i.Interaction, ack); err != nil {
			t.Fatal(err)
		}
		err := s.InteractionRespond(i.Interaction, ack)
		if status, code := restCode(t, err); status != 400 || code != discordfake.CodeInteractionAcked {
			t.Fatalf("second ack = %d %d", status, code)
		}
		content := "done"
		if _, err := s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: &content}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("deadline", func(t *testing.T) {
		srv.SetInteractionDeadline(5 * time.Millisecond)
		defer srv.SetInteractionDeadline(3 * time.Second)
		in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "ask", ChannelID: discordfake.DefaultChannelID})
		if err != nil {
			t.Fatal(err)
		}
		i := receive(t, got)
		time.Sleep(10 * time.Millisecond)
		err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
		if status, code := restCode(t, err); status != 404 || code != discordfake.CodeUnknownInteraction {
			t.Fatalf("late callback = %d %d", status, code)
		}
		if _, ok := srv.Response(in.ID); ok {
			t.Fatal("late callback recorded as a response")
		}
	})

	t.Run("modal validation", func(t *testing.T) {
		if _, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "ask", ChannelID: discordfake.DefaultChannelID}); err != nil {
			t.Fatal(err)
		}
		i := receive(t, got)
		err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseModal,
			Data: &discordgo.InteractionResponseData{CustomID: "m", Title: "t", Components: []discordgo.MessageComponent{
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.TextInput{CustomID: "a", Label: strings.Repeat("x", 46), Style: discordgo.TextInputShort},
				}},
			}},
		})
		if status, code := restCode(t, err); status != 400 || code != discordfake.CodeInvalidFormBody || !strings.Contains(err.Error(), `"label"`) {
			t.Fatalf("long label = %d %d %v", status, code, err)
		}
		// The failed callback did not acknowledge the interaction.
		err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: strings.Repeat("x", 2001)},
		})
		if status, code := restCode(t, err); status != 400 || code != discordfake.CodeInvalidFormBody {
			t.Fatalf("long content = %d %d", status, code)
		}
		if err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "ok"},
		}); err != nil {
			t.Fatal(err)
		}
	})
}

// resp returns the id of the interaction that got the modal with customID.
func resp(t *testing.T, srv *discordfake.Server, customID string) string {
	t.Helper()
	for _, r := range srv.Responses() {
		if r.CustomID == customID {
			return r.InteractionID
		}
	}
	t.Fatalf("no modal %q", customID)
	return ""
}

func ptr[T any](v T) *T { return &v }
