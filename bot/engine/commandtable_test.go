package engine

import (
	"testing"

	"github.com/interviewbot/interviewbot/bot"
)

// TestEveryCommandHasAHandler keeps the contract's command table and the
// core's handlers in step: every command a platform shows is one the core
// runs, and no handler is left without its command.
func TestEveryCommandHasAHandler(t *testing.T) {
	handlers := commandHandlers()
	for _, spec := range bot.Commands() {
		if _, ok := findCommand(spec.Name); !ok {
			t.Errorf("command /%s has no handler", spec.Name)
		}
		delete(handlers, spec.Name)
	}
	for name := range handlers {
		t.Errorf("handler %q has no command in the table", name)
	}
}
