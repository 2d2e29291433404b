package main

import (
	"fmt"
	"log/slog"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/discord"
)

// buildAdapters returns the chat platform adapters the configuration
// enables (those with a token).
func buildAdapters(cfg Config, logger *slog.Logger) ([]bot.Adapter, error) {
	var out []bot.Adapter
	if cfg.Discord.Token != "" {
		a, err := discord.New(discord.Config{
			Token: cfg.Discord.Token, APIURL: cfg.Discord.APIURL, Guilds: cfg.Discord.Guilds,
			MessageContent: cfg.Discord.MessageContent, Logger: logger.With("platform", "discord"),
		})
		if err != nil {
			return nil, fmt.Errorf("discord: %w", err)
		}
		out = append(out, a)
	}
	return out, nil
}
