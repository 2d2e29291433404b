// Package conformance is one suite of scenarios that every platform
// adapter must pass: a question asked, an answer graded, a button
// pressed, a private reply from a group, a message split at the
// platform's limit, an undeliverable chat, and a restart in the middle of
// a session. Each platform supplies a Driver that plays the person on its
// fake (or, for the terminal, on pipes); conformance_test.go lists the
// drivers, so a new platform is tested by adding one line there.
package conformance

import (
	"context"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// Message is a message of the bot as the person sees it.
type Message struct {
	// Text is the visible text, markup removed.
	Text string
	// Buttons are the labels of the buttons under it.
	Buttons []string
	// ref is the driver's handle of the message, for Press.
	ref any
}

// Driver plays one person on one platform. Its methods fail the test on
// errors of the platform's fake.
type Driver interface {
	// Platform names the platform.
	Platform() bot.Platform
	// Capabilities are what the platform's adapter declares, as Start
	// configures it; the suite hands them to the engine, as cmd does.
	Capabilities(t *testing.T) bot.Capabilities
	// Start runs a new adapter with r until Stop or the end of the test,
	// and returns it once it is ready for events.
	Start(t *testing.T, r bot.Replier) bot.Adapter
	// Stop stops the running adapter and waits for Run to return.
	Stop(t *testing.T)
	// DM is the person's private chat with the bot, as the core sees it.
	DM(t *testing.T) bot.Chat
	// Group is a group chat the person is in, or false on a platform
	// without groups.
	Group(t *testing.T) (bot.Chat, bool)
	// Command sends a command (name without the slash) to chat.
	Command(t *testing.T, chat bot.Chat, name, args string)
	// Say sends a message typed in chat.
	Say(t *testing.T, chat bot.Chat, text string)
	// Press presses the button labelled label under m in chat.
	Press(t *testing.T, chat bot.Chat, m Message, label string)
	// Messages returns the bot's messages in chat that everyone in it
	// sees, in order, as they are now.
	Messages(t *testing.T, chat bot.Chat) []Message
	// Private returns the texts the bot showed the person alone in
	// answer to events in a group (a DM, an ephemeral reply).
	Private(t *testing.T) []string
	// Unreachable returns a chat the bot can never deliver to (a person
	// who blocked it), or false where every send succeeds.
	Unreachable(t *testing.T) (bot.Chat, bool)
	// MaxLen is the platform's limit on a message, in UTF-16 code units,
	// or 0 for none.
	MaxLen() int
}

// scripted is a Replier that answers events with fixed replies, for the
// scenarios that test the adapter rather than the conversation.
type scripted struct {
	reply func(ev bot.Event) []bot.Reply
}

// Handle returns the scripted replies.
func (s scripted) Handle(_ context.Context, ev bot.Event) []bot.Reply { return s.reply(ev) }

// Sent ignores tracked messages.
func (s scripted) Sent(context.Context, bot.Chat, string, string) {}

// running is an adapter's Run in the background.
type running struct {
	platform bot.Platform
	cancel   context.CancelFunc
	done     chan error
}

// runInBackground starts a.Run with r.
func runInBackground(a bot.Adapter, r bot.Replier) *running {
	ctx, cancel := context.WithCancel(context.Background())
	run := &running{platform: a.Platform(), cancel: cancel, done: make(chan error, 1)}
	go func() { run.done <- a.Run(ctx, r) }()
	return run
}

// stop cancels Run and waits up to bound for it to return, failing the
// test on its error. A nil running is stopped already.
func (r *running) stop(t *testing.T, bound time.Duration) {
	if r == nil {
		return
	}
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("%s Run: %v", r.platform, err)
		}
	case <-time.After(bound):
		t.Errorf("%s Run did not return within %v", r.platform, bound)
	}
}
