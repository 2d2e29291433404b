package console_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/console"
)

// echo answers every event with a reply naming it, with two buttons.
type echo struct {
	mu     sync.Mutex
	events []bot.Event
	sent   []string
}

func (e *echo) Handle(ctx context.Context, ev bot.Event) []bot.Reply {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.events = append(e.events, ev)
	var t bot.Text
	t.Add(bot.B("got "), bot.P(ev.Command+ev.Action+ev.Text))
	t.AddQuote(bot.P("quoted"))
	return []bot.Reply{{Text: t, Track: "q:x:y", Buttons: [][]bot.Button{
		{{Label: "Answer", Action: "answer:x", Form: true}, {Label: "Hint", Action: "hint:x"}},
		{{Label: "Good", Action: "rate:1:3", Suggested: true}},
	}}}
}

func (e *echo) Sent(ctx context.Context, chat bot.Chat, track, id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.sent = append(e.sent, track+"="+id)
}

func TestConsoleSession(t *testing.T) {
	in := strings.NewReader("/next now\n\n我的回答\n/2\n/9\n")
	var out bytes.Buffer
	a := console.New(in, &out, console.Options{User: "ada"})
	rep := &echo{}
	if err := a.Run(context.Background(), rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.events) != 4 {
		t.Fatalf("events %+v", rep.events)
	}
	if ev := rep.events[0]; ev.Kind != bot.EventCommand || ev.Command != "next" || ev.Args != "now" {
		t.Errorf("command event %+v", ev)
	}
	if ev := rep.events[1]; ev.Kind != bot.EventMessage || ev.Text != "我的回答" {
		t.Errorf("message event %+v", ev)
	}
	// /2 presses the second button shown (the form button is not shown).
	if ev := rep.events[2]; ev.Kind != bot.EventAction || ev.Action != "rate:1:3" {
		t.Errorf("button event %+v", ev)
	}
	// /9 is no button: it goes to the core as a command, which explains.
	if ev := rep.events[3]; ev.Kind != bot.EventCommand || ev.Command != "9" {
		t.Errorf("unknown button event %+v", ev)
	}
	got := out.String()
	for _, want := range []string{"got next", "│ quoted", "[/1 Hint] [/2 ✓Good]"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Answer") {
		t.Error("form buttons are not shown in a terminal")
	}
	if len(rep.sent) != 4 || rep.sent[0] != "q:x:y=1" {
		t.Errorf("tracked messages %v", rep.sent)
	}
}

func TestConsolePushes(t *testing.T) {
	var out bytes.Buffer
	a := console.New(strings.NewReader(""), &out, console.Options{})
	id, err := a.Send(context.Background(), a.Chat(), bot.Reply{Text: bot.TextOf("⏰ 今日一题")})
	if err != nil || id == "" || !strings.Contains(out.String(), "⏰ 今日一题") {
		t.Errorf("push: %q %v %q", id, err, out.String())
	}
}
