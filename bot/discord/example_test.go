package discord_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/internal/fakes/discordfake"
)

// ExampleNew wires the adapter as a main function would: the core's
// Replier handles events until an interrupt.
func ExampleNew() {
	var core bot.Replier // the core, engine.New(...)
	a, err := discord.New(discord.Config{
		Token:  os.Getenv("DISCORD_TOKEN"),
		Guilds: []string{"1100000000000000001"}, // commands show up at once there
		Logger: slog.Default(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := a.Run(ctx, core); err != nil {
		fmt.Println(err)
	}
}

// ExampleAdapter_Send pushes a question to a channel, as the outbox does,
// against the fake Discord.
func ExampleAdapter_Send() {
	srv := discordfake.New("token")
	defer srv.Close()
	a, err := discord.New(discord.Config{Token: "token", APIURL: srv.URL()})
	if err != nil {
		fmt.Println(err)
		return
	}
	var t bot.Text
	t.Add(bot.B("❓ Question"), bot.P(" · Storage"))
	t.Add(bot.P("What does RPO_max mean? <b>"))
	chat := bot.Chat{Platform: bot.Discord, ID: discordfake.DefaultChannelID, Kind: bot.Group}
	id, err := a.Send(context.Background(), chat, bot.Reply{
		Text:    t,
		Buttons: [][]bot.Button{{{Label: "✍️ Answer", Action: "answer:q1", Form: true}, {Label: "💡 Hint", Action: "hint:q1"}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := srv.Message(id)
	fmt.Println(m.Content)
	fmt.Println(m.CustomIDs())
	// Output:
	// **❓ Question** · Storage
	// What does RPO\_max mean? \<b\>
	// [form:answer:q1 hint:q1]
}
