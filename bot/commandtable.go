package bot

import (
	"context"
	"strings"

	"github.com/interviewbot/interviewbot/bot/i18n"
)

// command is one row of the command table: its names, who may use it and
// where, its arguments, and its handler. The table routes commands, checks
// admins, writes /help and gives the platforms their menus (Commands), so
// an alias can never reach what its name may not.
type command struct {
	name    string
	aliases []string
	admin   adminRule
	// refusal answers a member who may not use the command; nil gives the
	// general answer.
	refusal func(tn *turn) string
	// inChannels allows the command in a channel, where nobody can answer
	// (only settings and help make sense there).
	inChannels bool
	// args describe the arguments; the catalog describes each as
	// "cmd.NAME.ARG".
	args   []ArgSpec
	handle func(b *Bot, ctx context.Context, tn *turn, args string) ([]Reply, error)
}

// adminRule says who may use a command in a group. In a private chat
// everyone may use every command.
type adminRule int

const (
	// anyone may use the command.
	anyone adminRule = iota
	// adminOnly: only the group's admins.
	adminOnly
	// adminToChange: only admins may change the setting; anyone may see it
	// (the command without arguments).
	adminToChange
)

// commandTable returns the commands in menu order.
func commandTable() []command {
	return []command{
		{name: "next", aliases: []string{"question", "q"}, handle: (*Bot).nextCommand},
		{name: "hint", handle: (*Bot).hintCommand},
		{name: "skip", handle: (*Bot).skipCommand},
		{name: "reveal", admin: adminOnly, refusal: func(tn *turn) string { return tn.t("group.only_group_s_admins") }, handle: (*Bot).revealCommand},
		{name: "interview", args: []ArgSpec{{Name: "count", Integer: true, Min: 1, Max: maxSessionLength}, {Name: "topic"}},
			handle: (*Bot).interview},
		{name: "end", handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]Reply, error) { return b.endSession(ctx, tn) }},
		{name: "report", handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]Reply, error) { return b.lastReport(ctx, tn) }},
		{name: "rate", args: []ArgSpec{{Name: "rating", Required: true, Integer: true, Min: 1, Max: 4}}, handle: (*Bot).rateCommand},
		{name: "stats", handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]Reply, error) { return b.stats(ctx, tn) }},
		{name: "top", aliases: []string{"leaderboard"}, handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]Reply, error) { return b.top(ctx, tn) }},
		{name: "topics", handle: func(b *Bot, _ context.Context, tn *turn, _ string) ([]Reply, error) { return b.topics(tn), nil }},
		{name: "topic", admin: adminOnly, args: []ArgSpec{{Name: "name"}}, handle: (*Bot).topic},
		{name: "subscribe", admin: adminOnly, args: []ArgSpec{{Name: "time"}, {Name: "days"}, {Name: "zone"}}, handle: (*Bot).subscribe},
		{name: "unsubscribe", admin: adminOnly, inChannels: true,
			handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]Reply, error) { return b.unsubscribe(ctx, tn) }},
		{name: "timezone", aliases: []string{"tz"}, admin: adminToChange, inChannels: true,
			args: []ArgSpec{{Name: "zone", Required: true}}, handle: (*Bot).timezone},
		{name: "lang", aliases: []string{"language"}, admin: adminToChange, inChannels: true,
			args: []ArgSpec{{Name: "language", Choices: i18n.Default().Langs()}}, handle: (*Bot).setLang},
		{name: "export", handle: func(b *Bot, ctx context.Context, tn *turn, _ string) ([]Reply, error) { return b.export(ctx, tn) }},
		{name: "forget", handle: func(b *Bot, ctx context.Context, tn *turn, args string) ([]Reply, error) {
			return b.forget(ctx, tn, args, true)
		}},
		{name: "help", inChannels: true, handle: func(b *Bot, _ context.Context, tn *turn, _ string) ([]Reply, error) { return b.help(tn), nil }},
		{name: "start", inChannels: true, handle: func(b *Bot, _ context.Context, tn *turn, _ string) ([]Reply, error) { return b.start(tn), nil }},
	}
}

// findCommand returns the table's command with a name or alias.
func findCommand(name string) (command, bool) {
	for _, c := range commandTable() {
		if c.name == name {
			return c, true
		}
		for _, a := range c.aliases {
			if a == name {
				return c, true
			}
		}
	}
	return command{}, false
}

// allowed reports whether the turn's person may run c with args here.
func (c command) allowed(tn *turn, args string) bool {
	if tn.chat.Kind == Private || tn.ev.Admin {
		return true
	}
	switch c.admin {
	case adminOnly:
		return false
	case adminToChange:
		return strings.TrimSpace(args) == ""
	}
	return true
}

// refuse is the answer to a member who may not use c.
func (c command) refuse(tn *turn) Reply {
	msg := tn.t("commands.only_group_s_admins")
	if c.refusal != nil {
		msg = c.refusal(tn)
	}
	return Reply{Text: TextOf(msg), Private: true}
}
