package main

import (
	"fmt"
	"log/slog"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
	"github.com/interviewbot/interviewbot/bot/telegram"
)

// buildAdapters returns the chat platform adapters the configuration
// enables (those with a token). sends receives their failed platform
// calls.
func buildAdapters(cfg Config, logger *slog.Logger, sends bot.SendObserver) ([]bot.Adapter, error) {
	var out []bot.Adapter
	if t := cfg.Telegram; t.Token != "" {
		a, err := telegram.New(telegram.Config{
			Token: t.Token, APIEndpoint: t.APIEndpoint, Mode: t.Mode, PollTimeout: t.PollTimeout,
			Webhook: telegram.Webhook{Listen: t.Webhook.Listen, URL: t.Webhook.URL, SecretToken: t.Webhook.SecretToken},
			Limits:  telegram.Limits{Global: t.Limits.GlobalPerSecond, PerChat: t.Limits.PerChatPerSecond, PerGroup: t.Limits.PerGroupPerMinute},
			Logger:  logger.With("platform", "telegram"),
		}, telegram.WithSendObserver(sends))
		if err != nil {
			return nil, fmt.Errorf("telegram: %w", err)
		}
		out = append(out, a)
	}
	if cfg.Discord.Token != "" {
		a, err := discord.New(discord.Config{
			Token: cfg.Discord.Token, APIURL: cfg.Discord.APIURL, Guilds: cfg.Discord.Guilds,
			MessageContent: cfg.Discord.MessageContent, Logger: logger.With("platform", "discord"),
		}, discord.WithSendObserver(sends))
		if err != nil {
			return nil, fmt.Errorf("discord: %w", err)
		}
		out = append(out, a)
	}
	return out, nil
}
