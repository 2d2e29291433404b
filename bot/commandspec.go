package bot

import "github.com/interviewbot/interviewbot/bot/i18n"

// CommandSpec describes a command for platforms that register commands
// (Telegram's menu, Discord's slash commands). The core's handling is the
// same everywhere; this is only what the platforms show.
type CommandSpec struct {
	Name string
	// Description is a short description per language ("zh", "en" …).
	Description map[string]string
	Args        []ArgSpec
	// Admin marks commands that change a group's settings; platforms that
	// can hide them from members do (Discord default member permissions).
	Admin bool
}

// ArgSpec describes one argument of a command.
type ArgSpec struct {
	Name        string
	Description map[string]string
	Required    bool
	// Choices, when set, are the only values allowed.
	Choices []string
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

// Commands returns the commands the bot understands, in menu order, their
// descriptions in every language of the catalog.
func Commands() []CommandSpec {
	c := i18n.Default()
	d := func(key string) map[string]string {
		m := map[string]string{}
		for _, l := range c.Langs() {
			m[l] = c.Text(l, "cmd."+key)
		}
		return m
	}
	arg := func(cmd, name string) ArgSpec { return ArgSpec{Name: name, Description: d(cmd + "." + name)} }
	return []CommandSpec{
		{Name: "next", Description: d("next")},
		{Name: "hint", Description: d("hint")},
		{Name: "skip", Description: d("skip")},
		{Name: "reveal", Description: d("reveal")},
		{Name: "interview", Description: d("interview"), Args: []ArgSpec{arg("interview", "count"), arg("interview", "topic")}},
		{Name: "end", Description: d("end")},
		{Name: "stats", Description: d("stats")},
		{Name: "top", Description: d("top")},
		{Name: "topics", Description: d("topics")},
		{Name: "topic", Description: d("topic"), Args: []ArgSpec{arg("topic", "name")}, Admin: true},
		{Name: "subscribe", Description: d("subscribe"), Admin: true,
			Args: []ArgSpec{arg("subscribe", "time"), arg("subscribe", "days"), arg("subscribe", "zone")}},
		{Name: "unsubscribe", Description: d("unsubscribe"), Admin: true},
		{Name: "timezone", Description: d("timezone"), Admin: true, Args: []ArgSpec{withRequired(arg("timezone", "zone"))}},
		{Name: "lang", Description: d("lang"), Admin: true, Args: []ArgSpec{{Name: "language", Description: d("lang.language"), Choices: c.Langs()}}},
		{Name: "export", Description: d("export")},
		{Name: "forget", Description: d("forget")},
		{Name: "help", Description: d("help")},
		{Name: "start", Description: d("start")},
	}
}

func withRequired(a ArgSpec) ArgSpec {
	a.Required = true
	return a
}
