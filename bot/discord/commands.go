package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot"
)

// Discord's limits on slash commands.
const (
	maxDescription = 100
	maxOptions     = 25
	maxChoices     = 25
)

// validName reports whether a name follows Discord's rule for slash
// command and option names, ^[-_\p{L}\p{N}]{1,32}$: one to 32 letters,
// digits, hyphens or underscores. A function rather than that regular
// expression, whose compiling (the letter and digit classes 32 times over)
// cost every start of the bot a millisecond or more and 1.2 MB, Discord or
// not.
func validName(name string) bool {
	n := 0
	for _, r := range name {
		n++
		if n > 32 || !(r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)) {
			return false
		}
	}
	return n > 0
}

// slashCommands converts the core's command list into Discord slash
// commands: English descriptions with Chinese localizations, string
// options (required ones first, as Discord wants), choices, and Manage
// Server as the default permission of admin commands. Specs Discord would
// refuse are left out and reported.
func slashCommands(specs []bot.CommandSpec) ([]*discordgo.ApplicationCommand, []error) {
	var out []*discordgo.ApplicationCommand
	var errs []error
	for _, sp := range specs {
		name := strings.ToLower(sp.Name)
		if !validName(name) {
			errs = append(errs, fmt.Errorf("command %q: invalid name", sp.Name))
			continue
		}
		desc, loc := describe(sp.Description, name)
		c := &discordgo.ApplicationCommand{
			Type:                     discordgo.ChatApplicationCommand,
			Name:                     name,
			Description:              desc,
			DescriptionLocalizations: &loc,
			Options:                  []*discordgo.ApplicationCommandOption{},
		}
		if sp.Admin {
			perm := int64(discordgo.PermissionManageGuild)
			c.DefaultMemberPermissions = &perm
		}
		for _, arg := range sp.Args {
			an := strings.ToLower(arg.Name)
			if !validName(an) || len(c.Options) == maxOptions {
				errs = append(errs, fmt.Errorf("command %q: option %q left out", sp.Name, arg.Name))
				continue
			}
			adesc, aloc := describe(arg.Description, an)
			o := &discordgo.ApplicationCommandOption{
				Type:                     discordgo.ApplicationCommandOptionString,
				Name:                     an,
				Description:              adesc,
				DescriptionLocalizations: aloc,
				Required:                 arg.Required,
			}
			if arg.Integer {
				lo, hi := float64(arg.Min), float64(arg.Max)
				o.Type, o.MinValue, o.MaxValue = discordgo.ApplicationCommandOptionInteger, &lo, hi
			}
			for _, ch := range arg.Choices {
				if len(o.Choices) == maxChoices || ch == "" || utf8.RuneCountInString(ch) > maxDescription {
					errs = append(errs, fmt.Errorf("command %q: choice %q of %q left out", sp.Name, ch, arg.Name))
					continue
				}
				o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: ch, Value: ch})
			}
			c.Options = append(c.Options, o)
		}
		sort.SliceStable(c.Options, func(i, j int) bool { return c.Options[i].Required && !c.Options[j].Required })
		out = append(out, c)
	}
	return out, errs
}

// describe returns the English description (falling back to Chinese, then
// to the name) and the localizations of every other language the bot
// speaks, for each Discord locale of that language (see localesOf), each
// cut to Discord's limit.
func describe(d map[string]string, name string) (string, map[discordgo.Locale]string) {
	en := strings.TrimSpace(d["en"])
	if en == "" {
		en = strings.TrimSpace(d["zh"])
	}
	if en == "" {
		en = name
	}
	loc := map[discordgo.Locale]string{}
	for lang, text := range d {
		text = strings.TrimSpace(text)
		if lang == "en" || text == "" {
			continue
		}
		for _, l := range localesOf(lang) {
			loc[l] = cut(text, maxDescription)
		}
	}
	return cut(en, maxDescription), loc
}

// localesOf returns the Discord locales a catalog language serves: the
// locale of that name, else those of its base language ("pt": pt-BR). The
// catalog's "zh" is Simplified Chinese: it serves zh-CN and not zh-TW,
// whose readers expect Traditional characters and see English instead.
func localesOf(lang string) []discordgo.Locale {
	if lang == "zh" {
		return []discordgo.Locale{discordgo.ChineseCN}
	}
	var out []discordgo.Locale
	for l := range discordgo.Locales {
		if s := string(l); s == lang || strings.HasPrefix(s, lang+"-") {
			out = append(out, l)
		}
	}
	return out
}

// cut shortens s to at most n runes, ending with "…" when cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// registerCommands writes the slash commands with a bulk overwrite, for
// each configured guild or globally. Failures are logged: the bot still
// answers DMs and buttons without them.
func (a *Adapter) registerCommands(ctx context.Context) {
	cmds, errs := slashCommands(bot.Commands())
	for _, err := range errs {
		a.log.WarnContext(ctx, "command left out", "err", err)
	}
	appID := a.applicationID()
	if appID == "" {
		a.log.ErrorContext(ctx, "register commands: no application id")
		return
	}
	scopes := a.cfg.Guilds
	if len(scopes) == 0 {
		scopes = []string{""}
	}
	for _, g := range scopes {
		err := a.do(ctx, "register commands", func(opts ...discordgo.RequestOption) error {
			_, err := a.s.ApplicationCommandBulkOverwrite(appID, g, cmds, opts...)
			return err
		})
		scope := "global"
		if g != "" {
			scope = "guild " + g
		}
		if err != nil {
			a.log.ErrorContext(ctx, "register commands", "scope", scope, "err", err)
			continue
		}
		a.log.InfoContext(ctx, "commands registered", "scope", scope, "count", len(cmds))
	}
}

// applicationID returns the application's ID from READY, or the bot user's
// ID, which is the same for applications created since 2019.
func (a *Adapter) applicationID() string {
	st := a.s.State
	st.RLock()
	defer st.RUnlock()
	if st.Application != nil && st.Application.ID != "" {
		return st.Application.ID
	}
	if st.User != nil {
		return st.User.ID
	}
	return ""
}

// argOrders maps each command to its argument names in declaration order.
func argOrders(specs []bot.CommandSpec) map[string][]string {
	m := make(map[string][]string, len(specs))
	for _, sp := range specs {
		for _, arg := range sp.Args {
			m[strings.ToLower(sp.Name)] = append(m[strings.ToLower(sp.Name)], strings.ToLower(arg.Name))
		}
	}
	return m
}

// commandArgs joins the values of a slash command's options with spaces:
// declared arguments in declaration order, then any others as given.
func commandArgs(order []string, opts []*discordgo.ApplicationCommandInteractionDataOption) string {
	flat := flattenOptions(opts)
	var vals []string
	used := make([]bool, len(flat))
	for _, name := range order {
		for i, o := range flat {
			if !used[i] && o.Name == name {
				used[i] = true
				vals = appendValue(vals, o.Value)
			}
		}
	}
	for i, o := range flat {
		if !used[i] {
			vals = appendValue(vals, o.Value)
		}
	}
	return strings.Join(vals, " ")
}

// flattenOptions lists the options with values, subcommands' included.
func flattenOptions(opts []*discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandInteractionDataOption {
	var out []*discordgo.ApplicationCommandInteractionDataOption
	for _, o := range opts {
		if o == nil {
			continue
		}
		if len(o.Options) > 0 {
			out = append(out, flattenOptions(o.Options)...)
			continue
		}
		out = append(out, o)
	}
	return out
}

// appendValue appends the text of an option value, if any.
func appendValue(vals []string, v any) []string {
	var s string
	switch v := v.(type) {
	case nil:
		return vals
	case string:
		s = v
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		s = strconv.FormatBool(v)
	case json.Number:
		s = v.String()
	default:
		s = fmt.Sprint(v)
	}
	if s = strings.TrimSpace(s); s == "" {
		return vals
	}
	return append(vals, s)
}
