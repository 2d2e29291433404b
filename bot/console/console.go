// Package console is the terminal adapter: lines from a reader are the
// person's messages and commands, replies and pushes are printed as plain
// text. It is the embedded default: no token, no network.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bot"
)

// maxLine is the longest input line read (a pasted essay).
const maxLine = 1 << 20

// Adapter talks to one person in a terminal.
type Adapter struct {
	in     io.Reader
	out    io.Writer
	user   bot.User
	chat   bot.Chat
	prompt bool
	now    func() time.Time

	mu      sync.Mutex // guards out, nextID and buttons
	nextID  int
	buttons []bot.Button // the last buttons shown, pressed with /1, /2 …
}

// Options configure an Adapter.
type Options struct {
	// User is the person's name; default "me".
	User string
	// Lang is the person's language tag, as a platform would report it.
	Lang string
	// Prompt prints "> " before each line is read (for an interactive
	// terminal; leave it off for piped input).
	Prompt bool
	// Now returns the time; default time.Now.
	Now func() time.Time
}

// New returns an adapter reading from in and writing to out.
func New(in io.Reader, out io.Writer, opts Options) *Adapter {
	if opts.User == "" {
		opts.User = "me"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Adapter{
		in: in, out: out, prompt: opts.Prompt, now: opts.Now,
		user: bot.User{Platform: bot.Console, ID: opts.User, Name: opts.User, Lang: opts.Lang},
		chat: bot.Chat{Platform: bot.Console, ID: opts.User, Kind: bot.Private},
	}
}

// Platform returns bot.Console.
func (a *Adapter) Platform() bot.Platform { return bot.Console }

// Chat returns the terminal's chat.
func (a *Adapter) Chat() bot.Chat { return a.chat }

// Run reads lines until the input ends or ctx is done, handing each to r
// and printing the replies. It returns nil at the end of the input.
func (a *Adapter) Run(ctx context.Context, r bot.Replier) error {
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(a.in)
		sc.Buffer(make([]byte, 64*1024), maxLine)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
		close(lines)
	}()
	for {
		a.showPrompt()
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				if err := <-readErr; err != nil {
					return fmt.Errorf("read input: %w", err)
				}
				return nil
			}
			ev, ok := a.event(line)
			if !ok {
				continue
			}
			for _, reply := range r.Handle(ctx, ev) {
				id := a.print(reply, false)
				if reply.Track != "" {
					r.Sent(ctx, a.chat, reply.Track, id)
				}
			}
		}
	}
}

// Send prints a push. It never fails.
func (a *Adapter) Send(ctx context.Context, chat bot.Chat, r bot.Reply) (string, error) {
	return a.print(r, true), nil
}

// event turns a line into an event: "/cmd args" is a command, "/N" presses
// the Nth button shown last, anything else is a message. Blank lines are
// skipped.
func (a *Adapter) event(line string) (bot.Event, bool) {
	text := strings.TrimRight(line, "\r")
	if strings.TrimSpace(text) == "" {
		return bot.Event{}, false
	}
	ev := bot.Event{Chat: a.chat, User: a.user, Time: a.now(), Admin: true}
	trimmed := strings.TrimSpace(text)
	if !strings.HasPrefix(trimmed, "/") {
		ev.Kind, ev.Text = bot.EventMessage, text
		return ev, true
	}
	name, args, _ := strings.Cut(trimmed[1:], " ")
	if n, err := strconv.Atoi(name); err == nil {
		a.mu.Lock()
		defer a.mu.Unlock()
		if n >= 1 && n <= len(a.buttons) {
			ev.Kind, ev.Action = bot.EventAction, a.buttons[n-1].Action
			return ev, true
		}
	}
	ev.Kind, ev.Command, ev.Args = bot.EventCommand, strings.ToLower(name), strings.TrimSpace(args)
	return ev, true
}

func (a *Adapter) showPrompt() {
	if !a.prompt {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	fmt.Fprint(a.out, "> ")
}

// print writes a reply and returns its message ID. Edits of earlier
// messages are not reprinted: a terminal scrolls on.
func (a *Adapter) print(r bot.Reply, push bool) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.nextID++
	id := strconv.Itoa(a.nextID)
	if r.Edit != "" {
		return r.Edit
	}
	var b strings.Builder
	if push {
		b.WriteString("\n")
	}
	b.WriteString(Render(r.Text))
	b.WriteString("\n")
	if att := r.Attachment; att != nil {
		if isText(att.MIME) {
			fmt.Fprintf(&b, "--- %s (%d bytes) ---\n%s\n", att.Name, len(att.Data), strings.TrimRight(string(att.Data), "\n"))
		} else {
			fmt.Fprintf(&b, "(%s, %d bytes: not shown in a terminal)\n", att.Name, len(att.Data))
		}
	}
	if line := a.renderButtons(r.Buttons); line != "" {
		b.WriteString(line)
		b.WriteString("\n")
	}
	b.WriteString("\n")
	io.WriteString(a.out, b.String())
	return id
}

// isText reports whether an attachment can be printed.
func isText(mime string) bool {
	return strings.HasPrefix(mime, "text/") || mime == "application/json"
}

// renderButtons numbers the buttons ("[1] 💡 提示") and remembers them for
// /1, /2 …; form buttons are left out (in a terminal you just type).
func (a *Adapter) renderButtons(rows [][]bot.Button) string {
	var parts []string
	var shown []bot.Button
	for _, row := range rows {
		for _, btn := range row {
			if btn.Form {
				continue
			}
			shown = append(shown, btn)
			label := btn.Label
			if btn.Suggested {
				label = "✓" + label
			}
			parts = append(parts, fmt.Sprintf("[/%d %s]", len(shown), label))
		}
	}
	if len(shown) > 0 {
		a.buttons = shown
	}
	return strings.Join(parts, " ")
}

// Render returns a text as a terminal shows it: quoted lines marked with
// "│ ", styles dropped.
func Render(t bot.Text) string {
	var b strings.Builder
	for i, l := range t {
		if i > 0 {
			b.WriteByte('\n')
		}
		if l.Quote {
			b.WriteString("│ ")
		}
		for _, s := range l.Spans {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}
