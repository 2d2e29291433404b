package engine_test

import (
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/engine"
)

// TestLanguageDefaults is report item B4: without a configured language
// the bot speaks the notes' language, and a person whose platform said
// their language once (a Discord slash command, a Telegram message) is
// answered in it also when a later event does not say (a Discord message,
// a push).
func TestLanguageDefaults(t *testing.T) {
	english, probs := bank.Load(bank.Input{FS: fstest.MapFS{"git.md": {Data: []byte(
		"# Git\n\n## What does git rebase do?\n\nRebase **moves your commits** onto a new base.\n\n" +
			"## What is a merge conflict?\n\nTwo branches changed the **same lines**.\n")}}})
	if probs.HasErrors() || english.Len() != 2 {
		t.Fatalf("%d questions: %v", english.Len(), probs)
	}
	if got := bot.NotesLang(english); got != "en" {
		t.Errorf("NotesLang(English notes) = %q", got)
	}
	h := newHarness(t, func(c *engine.Config) { c.Bank = english })
	h.user.Lang = ""
	mustContain(t, text(h.cmd("help", "")), "How it works")

	zh := newHarness(t)
	zh.user = bot.User{Platform: bot.Discord, ID: "7", Name: "Ada", Lang: "en-US"}
	zh.chat = bot.Chat{Platform: bot.Discord, ID: "dm7", Kind: bot.Private}
	zh.cmd("next", "")
	zh.user.Lang = "" // a message in a DM carries no locale
	mustContain(t, text(zh.say("RPO is how much data may be lost")), "key points covered")
}
