package conformance

import (
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/console"
)

// consoleDriver types into the terminal adapter through a pipe and reads
// what it prints: each write is one message.
type consoleDriver struct {
	mu     sync.Mutex
	writes []string
	in     *io.PipeWriter
	run    *running
}

// NewConsole returns a driver of the terminal adapter.
func NewConsole(t *testing.T) Driver { return &consoleDriver{} }

// Write records one message printed.
func (d *consoleDriver) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.writes = append(d.writes, string(p))
	return len(p), nil
}

func (d *consoleDriver) Platform() bot.Platform { return bot.Console }

// options are the terminal's options in the suite.
func (d *consoleDriver) options(t *testing.T) console.Options {
	return console.Options{User: "ada", Lang: "en", Dir: t.TempDir(), Zone: "UTC"}
}

func (d *consoleDriver) Capabilities(t *testing.T) bot.Capabilities {
	return console.New(strings.NewReader(""), io.Discard, d.options(t)).Capabilities()
}

func (d *consoleDriver) Start(t *testing.T, r bot.Replier) bot.Adapter {
	pr, pw := io.Pipe()
	d.in = pw
	a := console.New(pr, d, d.options(t))
	d.run = runInBackground(a, r)
	t.Cleanup(func() { d.Stop(t) })
	return a
}

func (d *consoleDriver) Stop(t *testing.T) {
	if d.run == nil {
		return
	}
	d.in.Close()
	d.run.stop(t, waitBound)
	d.run = nil
}

func (d *consoleDriver) DM(t *testing.T) bot.Chat {
	return bot.Chat{Platform: bot.Console, ID: "ada", Kind: bot.Private}
}

func (d *consoleDriver) Group(t *testing.T) (bot.Chat, bool) { return bot.Chat{}, false }

// typeLine writes one line of input.
func (d *consoleDriver) typeLine(t *testing.T, line string) {
	t.Helper()
	if _, err := io.WriteString(d.in, line+"\n"); err != nil {
		t.Fatalf("type %q: %v", line, err)
	}
}

func (d *consoleDriver) Command(t *testing.T, _ bot.Chat, name, args string) {
	d.typeLine(t, strings.TrimSpace("/"+name+" "+args))
}

func (d *consoleDriver) Say(t *testing.T, _ bot.Chat, text string) { d.typeLine(t, text) }

// buttonRE matches a button as the terminal shows it: [/2 ✓Good].
var buttonRE = regexp.MustCompile(`\[/(\d+) ✓?([^\]]*)\]`)

func (d *consoleDriver) Press(t *testing.T, _ bot.Chat, m Message, label string) {
	for _, b := range buttonRE.FindAllStringSubmatch(m.Text, -1) {
		if strings.Contains(b[2], label) {
			d.typeLine(t, "/"+b[1])
			return
		}
	}
	t.Fatalf("no button %q in %q", label, m.Text)
}

func (d *consoleDriver) Messages(t *testing.T, _ bot.Chat) []Message {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Message, 0, len(d.writes))
	for _, w := range d.writes {
		m := Message{Text: strings.TrimSpace(w)}
		for _, b := range buttonRE.FindAllStringSubmatch(w, -1) {
			m.Buttons = append(m.Buttons, b[2])
		}
		if m.Text != "" {
			out = append(out, m)
		}
	}
	return out
}

func (d *consoleDriver) Private(t *testing.T) []string { return nil }

func (d *consoleDriver) Unreachable(t *testing.T) (bot.Chat, bool) { return bot.Chat{}, false }

func (d *consoleDriver) MaxLen() int { return 0 }
