package discord_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// scriptReplier stands in for the core: a scripted conversation shaped like
// the real one, recording what the adapter reports. Set handle to script a
// test's own replies; the real core (engine.Bot) can replace it wholesale, as
// the adapter only sees the bot.Replier interface.
type scriptReplier struct {
	// handle, when set, answers instead of the script.
	handle func(ctx context.Context, ev bot.Event) []bot.Reply

	mu      sync.Mutex
	events  []bot.Event
	sent    []sentCall
	changed chan struct{}
}

// sentCall is one call of Replier.Sent.
type sentCall struct {
	Chat      bot.Chat
	Track     string
	MessageID string
}

func newScriptReplier() *scriptReplier {
	return &scriptReplier{changed: make(chan struct{})}
}

var _ bot.Replier = (*scriptReplier)(nil)

// Handle records the event and answers it.
func (s *scriptReplier) Handle(ctx context.Context, ev bot.Event) []bot.Reply {
	s.record(func() { s.events = append(s.events, ev) })
	if s.handle != nil {
		return s.handle(ctx, ev)
	}
	return script(ev)
}

// Sent records a tracked message.
func (s *scriptReplier) Sent(_ context.Context, chat bot.Chat, track, messageID string) {
	s.record(func() { s.sent = append(s.sent, sentCall{Chat: chat, Track: track, MessageID: messageID}) })
}

func (s *scriptReplier) record(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
	close(s.changed)
	s.changed = make(chan struct{})
}

// Events returns the events handled so far.
func (s *scriptReplier) Events() []bot.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bot.Event(nil), s.events...)
}

// SentCalls returns the Sent calls so far.
func (s *scriptReplier) SentCalls() []sentCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sentCall(nil), s.sent...)
}

// waitFor blocks until cond holds or 5 s pass.
func (s *scriptReplier) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(5 * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// WaitEvents waits for at least n events and returns them.
func (s *scriptReplier) WaitEvents(t *testing.T, n int) []bot.Event {
	t.Helper()
	s.waitFor(t, "events", func() bool { return len(s.Events()) >= n })
	return s.Events()
}

// WaitSent waits for at least n Sent calls and returns them.
func (s *scriptReplier) WaitSent(t *testing.T, n int) []sentCall {
	t.Helper()
	s.waitFor(t, "Sent calls", func() bool { return len(s.SentCalls()) >= n })
	return s.SentCalls()
}

// The scripted question.
const (
	questionID     = "q1"
	questionPrompt = "What is RPO, and how does it differ from RTO?"
)

// script is the scripted conversation:
//
//	/next, "next"            → the question, with Answer (form), Hint, Skip, Reveal; tracked
//	"answer:q1" (form text)  → the question edited as answered, then private feedback
//	typed text               → private feedback replying to the message
//	"hint:q1"                → a private hint
//	"skip:q1"                → the question edited as skipped, then a private note
//	"rate:…"                 → a private confirmation
//	anything else            → a private "unknown"
func script(ev bot.Event) []bot.Reply {
	group := ev.Chat.Kind != bot.Private
	switch {
	case ev.Kind == bot.EventCommand && ev.Command == "next", ev.Kind == bot.EventAction && ev.Action == "next":
		return []bot.Reply{questionReply(ev.User)}
	case ev.Kind == bot.EventAction && ev.Action == "answer:"+questionID:
		var out []bot.Reply
		if ev.MessageID != "" {
			out = append(out, answeredQuestion(ev.MessageID, "✅ Answered"))
		}
		return append(out, feedbackReply(ev, group))
	case ev.Kind == bot.EventMessage:
		return []bot.Reply{feedbackReply(ev, group)}
	case ev.Kind == bot.EventAction && ev.Action == "hint:"+questionID:
		return []bot.Reply{{Text: bot.TextOf("💡 Hint: think about data loss versus downtime."), Private: group}}
	case ev.Kind == bot.EventAction && ev.Action == "skip:"+questionID:
		return []bot.Reply{answeredQuestion(ev.MessageID, "⏭ Skipped"), {Text: bot.TextOf("⏭ Skipped."), Private: group}}
	case ev.Kind == bot.EventAction && strings.HasPrefix(ev.Action, "rate:"):
		return []bot.Reply{{Text: bot.TextOf("Rating saved."), Private: true}}
	}
	return []bot.Reply{{Text: bot.TextOf("Unknown: " + ev.Command + ev.Action), Private: group}}
}

// questionReply is the question message.
func questionReply(u bot.User) bot.Reply {
	var t bot.Text
	t.Add(bot.B("❓ New question"), bot.P(" · Reliability"))
	t.Add(bot.B(questionPrompt))
	t.Blank()
	t.Add(bot.P("Reply to this message with your answer; tap Hint if you are stuck."))
	return bot.Reply{
		Text: t,
		Buttons: [][]bot.Button{
			{{Label: "✍️ Answer", Action: "answer:" + questionID, Form: true}},
			{
				{Label: "💡 Hint", Action: "hint:" + questionID},
				{Label: "⏭ Skip", Action: "skip:" + questionID},
				{Label: "📖 Reveal", Action: "reveal:" + questionID},
			},
		},
		Track: "q:" + questionID + ":" + u.Key(),
		Kind:  bot.KindQuestion,
	}
}

// answeredQuestion edits the question message: a status line, no buttons.
func answeredQuestion(messageID, status string) bot.Reply {
	var t bot.Text
	t.Add(bot.B("❓ New question"), bot.P(" · Reliability"))
	t.Add(bot.B(questionPrompt))
	t.Add(bot.I(status))
	return bot.Reply{Text: t, Edit: messageID, Kind: bot.KindQuestion}
}

// unreachableLine is what the script asks a channel to be told when a
// member takes no DMs.
const unreachableLine = "✅ Your answer is recorded: allow DMs to see your feedback."

// feedbackReply is the feedback on an answer, with rating buttons.
func feedbackReply(ev bot.Event, private bool) bot.Reply {
	var t bot.Text
	t.Add(bot.B("Coverage 50%"), bot.P(" — you covered "), bot.C("RPO"), bot.P(", you missed "), bot.I("RTO"), bot.P("."))
	t.Blank()
	t.AddQuote(bot.P("RPO is how much data you may lose; RTO is how long you may be down."))
	return bot.Reply{
		Text: t,
		Buttons: [][]bot.Button{
			{
				{Label: "Again", Action: "rate:1:1"},
				{Label: "Hard", Action: "rate:1:2"},
				{Label: "Good", Action: "rate:1:3", Suggested: true},
				{Label: "Easy", Action: "rate:1:4"},
			},
			{{Label: "➡️ Next question", Action: "next"}},
		},
		Private:     private,
		ReplyTo:     ev.MessageID,
		Kind:        bot.KindFeedback,
		Unreachable: bot.TextOf(unreachableLine),
	}
}
