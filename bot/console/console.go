// Package console is the terminal adapter: what a person types is their
// messages and commands, replies and pushes are printed as plain text. It
// is the embedded default: no token, no network.
package console

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/i18n"
)

// defaultPasteGap is how close together lines must arrive to be one paste.
// A person cannot press Enter twice within it; a terminal hands over the
// lines of a paste within a millisecond.
const defaultPasteGap = 30 * time.Millisecond

// Adapter talks to one person in a terminal.
type Adapter struct {
	in          io.Reader
	out         io.Writer
	user        bot.User
	chat        bot.Chat
	interactive bool
	multiline   bool
	dir         string
	zone        string
	gap         time.Duration
	width       func() int // nil: lines are not wrapped
	now         func() time.Time

	mu      sync.Mutex // guards out, editor, nextID and buttons
	nextID  int
	buttons []bot.Button // the last buttons shown, pressed with /1, /2 …
	// editor is the line editor reading an interactive terminal while Run
	// runs; out then writes through it, and plainOut is the writer given.
	editor   *editor
	plainOut io.Writer
}

// Options configure an Adapter.
type Options struct {
	// User is the person's name; default "me".
	User string
	// Lang is the person's language tag, as a platform would report it.
	Lang string
	// Interactive is set when a person types at a terminal: the input is
	// read with a line editor (arrow keys, history, bracketed paste; a
	// terminal is put in raw mode while Run runs), a prompt is shown, an
	// answer may run over several lines and ends with an empty line, lines
	// that arrive together (a paste) are one message, and Ctrl-D on an
	// empty line or Ctrl-C ends the session without sending what is not
	// sent yet. Leave it off for piped input, where each line is one
	// message.
	Interactive bool
	// Multiline makes piped input end answers with an empty line too.
	Multiline bool
	// Dir is where attachments (an /export) are written; default ".".
	Dir string
	// PasteGap is how close together lines arrive to be one paste; default
	// 30ms.
	PasteGap time.Duration
	// Width returns the terminal's width in columns; it is asked before
	// each message, and 0 leaves lines unwrapped. Default: out's width
	// when out is a terminal, else no wrapping (piped output keeps each
	// line whole).
	Width func() int
	// Now returns the time; default time.Now.
	Now func() time.Time
	// Zone is the person's IANA time zone until they set one (the
	// system's); empty: the core's default.
	Zone string
}

// New returns an adapter reading from in and writing to out.
func New(in io.Reader, out io.Writer, opts Options) *Adapter {
	if opts.User == "" {
		opts.User = "me"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if opts.PasteGap <= 0 {
		opts.PasteGap = defaultPasteGap
	}
	if opts.Width == nil {
		opts.Width = terminalWidth(out)
	}
	return &Adapter{
		in: in, out: out, interactive: opts.Interactive, multiline: opts.Multiline || opts.Interactive,
		dir: opts.Dir, gap: opts.PasteGap, now: opts.Now, zone: opts.Zone, width: opts.Width,
		user: bot.User{Platform: bot.Console, ID: opts.User, Name: opts.User, Lang: opts.Lang},
		chat: bot.Chat{Platform: bot.Console, ID: opts.User, Kind: bot.Private},
	}
}

// Capabilities says what the terminal can do: read piped input, each line
// is a message of its own; its person's time zone is the system's. It
// shows text only: nothing to tap, no spoilers, no pictures, no edits.
func (a *Adapter) Capabilities() bot.Capabilities {
	return bot.Capabilities{LineMessages: !a.multiline, Zone: a.zone}
}

// Platform returns bot.Console.
func (a *Adapter) Platform() bot.Platform { return bot.Console }

// Chat returns the terminal's chat.
func (a *Adapter) Chat() bot.Chat { return a.chat }

// Run greets the person (or restates what is open), then reads input until
// it ends or ctx is done, handing each message or command to r and
// printing the replies. It returns nil at the end of the input.
func (a *Adapter) Run(ctx context.Context, r bot.Replier) error {
	lines := make(chan inputLine)
	readErr := make(chan error, 1)
	read := func(ctx context.Context, out chan<- inputLine) error { return readLines(ctx, a.in, out) }
	if a.interactive {
		// A terminal that cannot be put in raw mode is read by lines, as
		// its own line discipline hands them over.
		if ed, err := newEditor(a.in, a.out); err == nil {
			read = ed.readLines
			a.useEditor(ed)
			defer a.closeEditor()
		}
	}
	go func() {
		readErr <- read(ctx, lines)
		close(lines)
	}()
	if a.interactive {
		a.handle(ctx, r, bot.Event{Kind: bot.EventOpen})
	}
	var draft []string
	for {
		a.showPrompt(len(draft) > 0)
		chunk, ok := a.nextChunk(ctx, lines)
		if !ok {
			if ctx.Err() != nil {
				return nil
			}
			a.finishOutput()
			a.endOfInput(ctx, r, draft)
			if err := <-readErr; err != nil {
				return fmt.Errorf("read input: %w", err)
			}
			return nil
		}
		draft = a.take(ctx, r, draft, chunk)
	}
}

// nextChunk waits for the next line, and in an interactive terminal for
// the lines that arrive right after it (a paste). It reports false at the
// end of the input or when ctx is done.
func (a *Adapter) nextChunk(ctx context.Context, lines <-chan inputLine) ([]inputLine, bool) {
	var chunk []inputLine
	select {
	case <-ctx.Done():
		return nil, false
	case l, ok := <-lines:
		if !ok {
			return nil, false
		}
		chunk = append(chunk, l)
	}
	if !a.interactive {
		return chunk, true
	}
	timer := time.NewTimer(a.gap)
	defer timer.Stop()
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				return chunk, true
			}
			chunk = append(chunk, l)
			timer.Reset(a.gap)
		case <-timer.C:
			return chunk, true
		case <-ctx.Done():
			return chunk, true
		}
	}
}

// take handles a chunk of input and returns the draft answer as it then
// stands. One line alone may be a command (sent at once, the draft kept),
// an empty line (which sends the draft) or a line of the draft; the lines
// of a paste all go to the draft. Without multiline, each line is a
// message of its own.
func (a *Adapter) take(ctx context.Context, r bot.Replier, draft []string, chunk []inputLine) []string {
	for _, l := range chunk {
		if l.cut > 0 {
			a.note(a.text("console.line_cut", l.cut))
		}
	}
	if !a.multiline {
		for _, l := range chunk {
			if strings.TrimSpace(l.text) != "" {
				a.handle(ctx, r, a.event(l.text))
			}
		}
		return nil
	}
	if !chunk[len(chunk)-1].complete && a.interactive {
		// The input ended in the middle of a line (Ctrl-D at a terminal
		// read by lines): that line was not finished, so it is not sent.
		chunk = chunk[:len(chunk)-1]
		a.note(a.text("console.unfinished_line"))
		if len(chunk) == 0 {
			return draft
		}
	}
	if n := len(chunk); n > 1 && isEnter(chunk[n-1]) {
		// Enters typed together ("原子性\r\r" from a script or a fast
		// typist): the last empty line sends, as it would a moment later.
		draft = a.take(ctx, r, draft, chunk[:n-1])
		return a.take(ctx, r, draft, chunk[n-1:])
	}
	if len(chunk) == 1 {
		l := chunk[0]
		switch trimmed := strings.TrimSpace(l.text); {
		case trimmed == "" && l.pasted:
			// An empty line inside a paste is a paragraph break, not Enter.
			return draft
		case trimmed == "":
			if len(draft) > 0 {
				a.handle(ctx, r, a.event(strings.Join(draft, "\n")))
			}
			return nil
		case isCommand(trimmed):
			a.handle(ctx, r, a.event(l.text))
			return draft
		}
	}
	for _, l := range chunk {
		draft = append(draft, l.text)
	}
	// A paste's trailing empty lines are not paragraphs of the answer.
	for len(draft) > 0 && strings.TrimSpace(draft[len(draft)-1]) == "" {
		draft = draft[:len(draft)-1]
	}
	return draft
}

// isEnter reports whether l is an empty line typed, not pasted: an Enter
// that sends the answer.
func isEnter(l inputLine) bool {
	return l.complete && !l.pasted && strings.TrimSpace(l.text) == ""
}

// endOfInput handles the end of the input: piped, the last answer is sent
// even without its empty line; at a terminal (Ctrl-D), an answer not sent
// with an empty line stays unsent.
func (a *Adapter) endOfInput(ctx context.Context, r bot.Replier, draft []string) {
	if len(draft) == 0 {
		return
	}
	if a.interactive {
		a.note(a.text("console.unsent_answer", len(draft)))
		return
	}
	a.handle(ctx, r, a.event(strings.Join(draft, "\n")))
}

// handle passes an event to the core and prints the replies.
func (a *Adapter) handle(ctx context.Context, r bot.Replier, ev bot.Event) {
	if ev.Kind == eventNote {
		a.note(ev.Text)
		return
	}
	ev.Chat, ev.User, ev.Admin, ev.Trusted = a.chat, a.user, true, true
	if ev.Time.IsZero() {
		ev.Time = a.now()
	}
	for _, reply := range r.Handle(ctx, ev) {
		id := a.print(reply, false)
		if reply.Track != "" {
			r.Sent(ctx, a.chat, reply.Track, id)
		}
	}
}

// Send prints a push. It never fails.
func (a *Adapter) Send(ctx context.Context, chat bot.Chat, r bot.Reply) (string, error) {
	return a.print(r, true), nil
}

// event turns typed text into an event: "/cmd args" is a command, "/N"
// presses the Nth button shown last, "/voice FILE" answers with a
// recording, anything else is a message.
func (a *Adapter) event(text string) bot.Event {
	text = strings.TrimRight(text, "\r")
	if loose, ok := bot.LooseCommand(text, ownCommand); ok {
		text = loose // "、next" or "／1" typed with a Chinese input method on
	}
	trimmed := strings.TrimSpace(text)
	if !strings.HasPrefix(trimmed, "/") || strings.Contains(trimmed, "\n") {
		return bot.Event{Kind: bot.EventMessage, Text: text}
	}
	name, args, _ := strings.Cut(trimmed[1:], " ")
	if strings.EqualFold(name, "voice") {
		return a.voiceEvent(strings.TrimSpace(args))
	}
	if n, err := strconv.Atoi(name); err == nil {
		a.mu.Lock()
		defer a.mu.Unlock()
		if n >= 1 && n <= len(a.buttons) {
			return bot.Event{Kind: bot.EventAction, Action: a.buttons[n-1].Action}
		}
	}
	return bot.Event{Kind: bot.EventCommand, Command: strings.ToLower(name), Args: strings.TrimSpace(args)}
}

// isCommand reports whether a line typed is a command, sent at once even
// while an answer is being typed: "/…", or a command's name after a
// stand-in for the slash ("、next", "／hint").
func isCommand(line string) bool {
	if strings.HasPrefix(line, "/") {
		return true
	}
	_, ok := bot.LooseCommand(line, ownCommand)
	return ok
}

// ownCommand reports whether name is a command of the terminal's own:
// /voice, and /1, /2 … for the buttons.
func ownCommand(name string) bool {
	if name == "voice" {
		return true
	}
	_, err := strconv.Atoi(name)
	return err == nil
}

// showPrompt shows the prompt: "> ", or "… " while an answer is being
// typed.
func (a *Adapter) showPrompt(continuing bool) {
	if !a.interactive {
		return
	}
	prompt := "> "
	if continuing {
		prompt = "… "
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.editor != nil {
		a.editor.setPrompt(prompt)
		return
	}
	io.WriteString(a.out, prompt)
}

// useEditor makes output go through the line editor ed while it reads.
func (a *Adapter) useEditor(ed *editor) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.editor, a.plainOut, a.out = ed, a.out, ed.term
}

// closeEditor puts the terminal back as it was and output back on the
// plain writer; it does nothing without an editor.
func (a *Adapter) closeEditor() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.editor == nil {
		return
	}
	a.editor.restore()
	a.editor, a.out = nil, a.plainOut
}

// finishOutput ends the session's output: the terminal is itself again,
// and the line the prompt is on is ended.
func (a *Adapter) finishOutput() {
	if a.interactive {
		a.closeEditor()
		a.note("")
	}
}

// text is a catalog text of the adapter's own, in the person's language
// as the options give it (the core's default otherwise: Chinese).
func (a *Adapter) text(key string, args ...any) string {
	lang := bot.MatchLang(a.user.Lang)
	if lang == "" {
		lang = "zh"
	}
	return i18n.Default().Text(lang, key, args...)
}

// note prints a line of the adapter's own.
func (a *Adapter) note(s string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	io.WriteString(a.out, wrapText(s, a.columns())+"\n")
}
