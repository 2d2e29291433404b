package discordfake_test

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// Example runs the real discordgo against the fake: the bot registers a
// slash command and answers it ephemerally; the test invokes the command and
// inspects the response.
func Example() {
	srv := discordfake.New("my-token")
	defer srv.Close()

	// The bot: a discordgo session whose http.Client sends discord.com
	// requests to the fake. Gateway discovery goes through REST, so the
	// websocket connects to the fake as well.
	s, _ := discordgo.New("Bot my-token")
	s.Client = srv.HTTPClient()
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages
	s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content: "Question 1: what is RPO?",
				Flags:   discordgo.MessageFlagsEphemeral,
			},
		})
	})
	if err := s.Open(); err != nil {
		fmt.Println("open:", err)
		return
	}
	defer s.Close()
	_, err := s.ApplicationCommandBulkOverwrite(srv.ApplicationID(), "", []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask me a question"},
	})
	if err != nil {
		fmt.Println("register:", err)
		return
	}

	// The test: wait for the bot, play a user, check the outcome.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := srv.WaitReady(ctx); err != nil {
		fmt.Println(err)
		return
	}
	in, err := srv.SlashCommand(discordfake.CommandInvocation{Name: "ask", ChannelID: discordfake.DefaultChannelID})
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, err := srv.WaitResponse(ctx, in.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.Content, resp.Ephemeral())
	// Output: Question 1: what is RPO? true
}
