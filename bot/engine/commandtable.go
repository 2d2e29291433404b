package engine

import (
	"context"
	"strings"

	"github.com/interviewbot/interviewbot/bot"
)

// command is a command of the contract's table (bot.FindCommand) with
// what the core does with it: its handler and, for a member who may not
// use it, its refusal.
type command struct {
	bot.CommandSpec
	// refusal answers a member who may not use the command; nil gives the
	// general answer.
	refusal func(tn *turn) string
	handle  handler
}

// handler runs a command for a turn, with its arguments.
type handler func(b *Bot, ctx context.Context, tn *turn, args string) ([]bot.Reply, error)

// commandHandlers returns the handler of each command of the table, by
// name (TestEveryCommandHasAHandler keeps them in step).
func commandHandlers() map[string]command {
	return map[string]command{
		"next":      {handle: (*Bot).nextCommand},
		"hint":      {handle: (*Bot).hintCommand},
		"skip":      {handle: (*Bot).skipCommand},
		"reveal":    {refusal: func(tn *turn) string { return tn.t("group.only_group_s_admins") }, handle: (*Bot).revealCommand},
		"interview": {handle: (*Bot).interview},
		"end": {handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]bot.Reply, error) {
			return b.endSession(ctx, tn)
		}},
		"report": {handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]bot.Reply, error) {
			return b.lastReport(ctx, tn)
		}},
		"rate":      {handle: (*Bot).rateCommand},
		"stats":     {handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]bot.Reply, error) { return b.stats(ctx, tn) }},
		"top":       {handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]bot.Reply, error) { return b.top(ctx, tn) }},
		"topics":    {handle: func(b *Bot, _ context.Context, tn *turn, _ string) ([]bot.Reply, error) { return b.topics(tn), nil }},
		"topic":     {handle: (*Bot).topic},
		"subscribe": {handle: (*Bot).subscribe},
		"unsubscribe": {handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]bot.Reply, error) {
			return b.unsubscribe(ctx, tn)
		}},
		"timezone": {handle: (*Bot).timezone},
		"lang":     {handle: (*Bot).setLang},
		"export":   {handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]bot.Reply, error) { return b.export(ctx, tn) }},
		"forget": {handle: func(b *Bot, ctx context.Context, tn *turn, args string) ([]bot.Reply, error) {
			return b.forget(ctx, tn, args, true)
		}},
		"help":  {handle: func(b *Bot, _ context.Context, tn *turn, _ string) ([]bot.Reply, error) { return b.help(tn), nil }},
		"start": {handle: func(b *Bot, _ context.Context, tn *turn, _ string) ([]bot.Reply, error) { return b.start(tn), nil }},
	}
}

// findCommand returns the command with a name or alias, with its handler.
func findCommand(name string) (command, bool) {
	spec, ok := bot.FindCommand(name)
	if !ok {
		return command{}, false
	}
	c := commandHandlers()[spec.Name]
	c.CommandSpec = spec
	return c, c.handle != nil
}

// allowed reports whether the turn's person may run c with args here.
func (c command) allowed(tn *turn, args string) bool {
	if tn.chat.Kind == bot.Private || tn.ev.Admin {
		return true
	}
	switch {
	case c.AdminToChange:
		return strings.TrimSpace(args) == ""
	case c.Admin:
		return false
	}
	return true
}

// refuse is the answer to a member who may not use c.
func (c command) refuse(tn *turn) bot.Reply {
	msg := tn.t("commands.only_group_s_admins")
	if c.refusal != nil {
		msg = c.refusal(tn)
	}
	return bot.Reply{Text: bot.TextOf(msg), Private: true}
}
