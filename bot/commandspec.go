package bot

import "github.com/interviewbot/interviewbot/bot/i18n"

// CommandSpec describes a command for platforms that register commands
// (Telegram's menu, Discord's slash commands) and for /help. It comes from
// the core's one command table, which also routes the command and checks
// who may use it: what a platform shows is what the core does.
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
	table := commandTable()
	out := make([]CommandSpec, 0, len(table))
	for _, cmd := range table {
		spec := CommandSpec{Name: cmd.name, Aliases: cmd.aliases, Description: d(cmd.name), Admin: cmd.admin != anyone}
		for _, a := range cmd.args {
			a.Description = d(cmd.name + "." + a.Name)
			spec.Args = append(spec.Args, a)
		}
		out = append(out, spec)
	}
	return out
}
