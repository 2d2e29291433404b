package bot

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// slashStandIns are what a person types for "/" without meaning to: the
// full-width slash of a Chinese or Japanese keyboard, and the 、 a Chinese
// input method gives for the / key.
var slashStandIns = []string{"／", "、"}

// LooseCommand reads a command typed with a stand-in for the slash
// ("／hint", "、next 新题"): it returns the text with "/" in its place when
// the word after the stand-in names one of the bot's commands (or one that
// extra accepts, for an adapter's own: nil accepts none). Text that is not
// such a command, a line of an answer that happens to start with 、, comes
// back with ok false.
func LooseCommand(text string, extra func(name string) bool) (string, bool) {
	trimmed := strings.TrimSpace(text)
	for _, s := range slashStandIns {
		rest, ok := strings.CutPrefix(trimmed, s)
		if !ok || strings.Contains(rest, "\n") {
			continue
		}
		name, args, _ := strings.Cut(rest, " ")
		name = strings.ToLower(norm.NFKC.String(name))
		if _, known := FindCommand(name); known || extra != nil && extra(name) {
			return strings.TrimSpace("/" + name + " " + strings.TrimSpace(args)), true
		}
	}
	return text, false
}
