package telegramfake_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/internal/fakes/telegramfake"
)

// Example runs the real tgbotapi client against the fake: a user sends a
// command, the bot answers in HTML with a button, the user presses it.
func Example() {
	srv := telegramfake.New("123456:TEST")
	defer srv.Close()
	bot, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), &http.Client{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}

	alice := telegramfake.User{ID: 1001, FirstName: "Alice", Username: "alice"}
	dm := telegramfake.PrivateChat(alice)
	srv.SendCommand(dm, alice, "next", "")

	updates, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
	cmd := updates[0].Message
	fmt.Println("command:", cmd.Command())

	reply := tgbotapi.NewMessage(cmd.Chat.ID, "<b>Q1.</b> What is RPO &amp; RTO?")
	reply.ParseMode = tgbotapi.ModeHTML
	reply.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("Show answer", "show:q1")))
	if _, err := bot.Send(reply); err != nil {
		fmt.Println(err)
		return
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	sent, _ := srv.WaitMessages(ctx, alice.ID, 1)
	fmt.Println("user sees:", sent[0].PlainText)

	data, _ := sent[0].ButtonData("Show answer")
	srv.PressButton(dm, alice, sent[0].MessageID, data)
	updates, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: updates[0].UpdateID + 1})
	fmt.Println("button:", updates[0].CallbackQuery.Data)

	// Output:
	// command: next
	// user sees: Q1. What is RPO & RTO?
	// button: show:q1
}
