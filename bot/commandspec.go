package bot

import (
	"slices"

	"github.com/interviewbot/interviewbot/bot/i18n"
)

// CommandSpec describes a command for platforms that register commands
// (Telegram's menu, Discord's slash commands) and for /help. It comes from
// the one command table (commandTable), by which the engine also routes the
// command and checks who may use it: what a platform shows is what the
// core does.
type CommandSpec struct {
	Name string
	// Aliases are other names the core answers to (typed commands); menus
	// list the name only.
	Aliases []string
	// Description is a short description per language ("zh", "en" …).
	Description map[string]string
	Args        []ArgSpec
	// Admin marks commands that, in a group, only its admins may use: they
	// change the group's settings or close its round early. Platforms that
	// can hide them from members do (Discord default member permissions).
	Admin bool
	// AdminToChange narrows Admin: any member may use the command without
	// arguments, to see a setting; only admins may change it.
	AdminToChange bool
	// InChannels allows the command in a channel, where nobody can answer
	// (only settings and help make sense there).
	InChannels bool
}

// ArgSpec describes one argument of a command.
type ArgSpec struct {
	Name        string
	Description map[string]string
	Required    bool
	// Choices, when set, are the only values allowed.
	Choices []string
	// Integer marks a whole number from Min to Max.
	Integer  bool
	Min, Max int
}

// Languages returns the languages the bot speaks (its catalog's), English
// first.
func Languages() []string {
	langs := []string{i18n.Fallback}
	for _, l := range i18n.Default().Langs() {
		if l != i18n.Fallback {
			langs = append(langs, l)
		}
	}
	return langs
}

// MaxSessionLength is the most questions one mock interview asks.
const MaxSessionLength = 20

// Commands returns the commands the bot understands, in menu order, their
// descriptions in every language of the catalog.
func Commands() []CommandSpec {
	table := commandTable()
	for i := range table {
		describe(&table[i])
	}
	return table
}

// FindCommand returns the command with a name or alias, described.
func FindCommand(name string) (CommandSpec, bool) {
	for _, c := range commandTable() {
		if c.Name == name || slices.Contains(c.Aliases, name) {
			describe(&c)
			return c, true
		}
	}
	return CommandSpec{}, false
}

// describe fills in the descriptions of a command and its arguments from
// the catalog ("cmd.NAME", "cmd.NAME.ARG").
func describe(c *CommandSpec) {
	cat := i18n.Default()
	d := func(key string) map[string]string {
		m := map[string]string{}
		for _, l := range cat.Langs() {
			m[l] = cat.Text(l, "cmd."+key)
		}
		return m
	}
	c.Description = d(c.Name)
	for i := range c.Args {
		c.Args[i].Description = d(c.Name + "." + c.Args[i].Name)
	}
}

// commandTable returns the commands in menu order: their names, who may
// use them and where, and their arguments. The core routes each to its
// handler, checks admins and writes /help from it, and the platforms build
// their menus from it, so an alias can never reach what its name may not.
func commandTable() []CommandSpec {
	return []CommandSpec{
		{Name: "next", Aliases: []string{"question", "q"}},
		{Name: "hint"},
		{Name: "skip"},
		{Name: "reveal", Admin: true},
		{Name: "interview", Args: []ArgSpec{{Name: "count", Integer: true, Min: 1, Max: MaxSessionLength}, {Name: "topic"}}},
		{Name: "end"},
		{Name: "report"},
		{Name: "rate", Args: []ArgSpec{{Name: "rating", Required: true, Integer: true, Min: 1, Max: 4}}},
		{Name: "stats"},
		{Name: "top", Aliases: []string{"leaderboard"}},
		{Name: "topics"},
		{Name: "topic", Admin: true, Args: []ArgSpec{{Name: "name"}}},
		{Name: "subscribe", Admin: true, Args: []ArgSpec{{Name: "time"}, {Name: "days"}, {Name: "zone"}}},
		{Name: "unsubscribe", Admin: true, InChannels: true},
		{Name: "timezone", Aliases: []string{"tz"}, Admin: true, AdminToChange: true, InChannels: true,
			Args: []ArgSpec{{Name: "zone", Required: true}}},
		{Name: "lang", Aliases: []string{"language"}, Admin: true, AdminToChange: true, InChannels: true,
			Args: []ArgSpec{{Name: "language", Choices: i18n.Default().Langs()}}},
		{Name: "export"},
		{Name: "forget"},
		{Name: "help", InChannels: true},
		{Name: "start", InChannels: true},
	}
}
