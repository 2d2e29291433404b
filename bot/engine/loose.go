package engine

import (
	"strings"

	"github.com/interviewbot/interviewbot/bot"
)

// looseCommandEvent turns a message that is a command typed with a
// stand-in for the slash into that command.
func looseCommandEvent(ev bot.Event) bot.Event {
	if ev.Kind != bot.EventMessage || ev.Media != nil {
		return ev
	}
	text, ok := bot.LooseCommand(ev.Text, nil)
	if !ok {
		return ev
	}
	name, args, _ := strings.Cut(strings.TrimPrefix(text, "/"), " ")
	ev.Kind, ev.Command, ev.Args, ev.Text = bot.EventCommand, name, args, ""
	return ev
}
