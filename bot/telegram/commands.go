package telegram

import (
	"context"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/split"
)

// maxCommandDescription is Telegram's limit for a command description.
const maxCommandDescription = 256

// registerCommands sets the command menu: English for the default scope
// and language, and each other language the bot speaks for users whose
// language it is. A failure is a warning: the commands work without the
// menu.
func (a *Adapter) registerCommands(ctx context.Context) {
	specs := bot.Commands()
	for _, lang := range bot.Languages() {
		cfg := tgbotapi.SetMyCommandsConfig{Commands: botCommands(specs, lang)}
		if lang != "en" {
			cfg.LanguageCode = lang
		}
		_, err := a.do(ctx, callSpec{method: "setMyCommands", tries: 3}, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
			return api.Request(cfg)
		})
		if err != nil {
			a.log.Warn("telegram setMyCommands failed", "lang", lang, "err", a.redact.Error(err))
		}
	}
}

// botCommands returns the menu entries of the commands in a language,
// falling back to the other language's description. Names Telegram would
// reject are left out.
func botCommands(specs []bot.CommandSpec, lang string) []tgbotapi.BotCommand {
	out := make([]tgbotapi.BotCommand, 0, len(specs))
	for _, s := range specs {
		name := strings.ToLower(s.Name)
		if name == "" || len(name) > 32 || wordLen(name) != len(name) {
			continue
		}
		desc := strings.TrimSpace(s.Description[lang])
		for _, other := range []string{"en", "zh"} {
			if desc == "" {
				desc = strings.TrimSpace(s.Description[other])
			}
		}
		if desc == "" {
			desc = name
		}
		if runes := []rune(desc); len(runes) > maxCommandDescription/2 && split.Len16(desc) > maxCommandDescription {
			desc = string(runes[:maxCommandDescription/2])
		}
		out = append(out, tgbotapi.BotCommand{Command: name, Description: desc})
	}
	return out
}
