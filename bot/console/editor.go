package console

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/term"
)

// The terminal is read with golang.org/x/term's line editor, not the tty's
// own line discipline: in canonical mode Linux keeps at most 4,095 bytes
// of a line (a pasted essay was cut without a word) and knows no arrow
// keys (they typed "^[[D" into the answer). x/term's Terminal edits the
// line (arrows, Home/End, Ctrl-U, Ctrl-W), keeps a history (up and down),
// brackets pastes so a paste is told from typing, and redraws the line
// being typed when a push is printed meanwhile. It is the Go team's, and
// already what golang.org/x/crypto/ssh's servers use; the one other line
// editor the module proxy serves here (chzyer/readline) has been
// unmaintained since 2022 and keeps package-level state.

// editorLineLimit is the longest line x/term's editor takes from typed keys
// (pasted text has no limit): a key typed past it is dropped.
const editorLineLimit = 4096

// editor reads the lines a person types at a terminal.
type editor struct {
	term *term.Terminal
	keys *burstReader
	// restore puts the terminal back as it was (cooked mode, no bracketed
	// paste); it is safe to call more than once.
	restore func()
	// cut is set when a key was dropped because the line was full.
	cut atomic.Bool
	// prompt is the prompt shown, to redraw only on a change.
	prompt string
}

// newEditor returns a line editor over in and out. When in is a terminal it
// is put in raw mode (the editor echoes and edits; restore undoes it); a
// reader that is not a terminal (a test's pipe) is read as keys as it is.
// It fails only when in is a terminal that cannot be put in raw mode.
func newEditor(in io.Reader, out io.Writer) (*editor, error) {
	var undo []func()
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fd := int(f.Fd())
		old, err := term.MakeRaw(fd)
		if err != nil {
			return nil, err
		}
		undo = append(undo, func() { term.Restore(fd, old) })
	}
	e := &editor{prompt: "> "}
	e.keys = &burstReader{r: in, buf: make([]byte, 32*1024)}
	e.term = term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{e.keys, out}, e.prompt)
	e.keys.cols = &editorWidth{t: e.term, w: 80, h: 24} // x/term's own default
	e.term.AutoCompleteCallback = e.watchKey
	e.term.History = &history{max: historySize}
	if f, ok := in.(*os.File); ok && len(undo) > 0 {
		stop := watchSize(int(f.Fd()), e.keys.cols.resize)
		undo = append(undo, stop)
	}
	e.term.SetBracketedPasteMode(true)
	var once sync.Once
	e.restore = func() {
		once.Do(func() {
			e.term.SetBracketedPasteMode(false)
			for i := len(undo) - 1; i >= 0; i-- {
				undo[i]()
			}
		})
	}
	return e, nil
}

// watchKey is called by the editor for each key typed; it notes a key the
// editor is about to drop because the line holds editorLineLimit
// characters, so the person can be told the line was cut.
func (e *editor) watchKey(line string, _ int, key rune) (string, int, bool) {
	if key >= ' ' && utf8.RuneCountInString(line) >= editorLineLimit {
		e.cut.Store(true)
	}
	return "", 0, false
}

// setPrompt shows prompt in front of the line being typed: at once, or,
// when the end of a paste may stand on that line, from the next line on
// (x/term counts every character as one column, so redrawing a line of
// Chinese would leave pieces of it on the screen).
func (e *editor) setPrompt(prompt string) {
	if prompt == e.prompt {
		return
	}
	e.prompt = prompt
	e.term.SetPrompt(prompt)
	if !e.keys.pasteLeftText.Load() {
		e.term.Write(nil) // redraws the prompt and the (empty) line
	}
}

// readLines sends the lines typed to out until the person ends the session
// (Ctrl-D on an empty line, Ctrl-C), the input ends or ctx is done.
func (e *editor) readLines(ctx context.Context, out chan<- inputLine) error {
	for {
		line, err := e.term.ReadLine()
		pasted := errors.Is(err, term.ErrPasteIndicator)
		if pasted {
			err = nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if !pasted {
			e.keys.pasteLeftText.Store(false) // Enter ended what a paste left
		}
		l := inputLine{text: line, complete: true, pasted: pasted}
		if e.cut.Swap(false) {
			l.cut = utf8.RuneCountInString(line)
		}
		select {
		case out <- l:
		case <-ctx.Done():
			return nil
		}
	}
}

// Bracketed paste markers, as a terminal sends them around a paste.
var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

// burstMin is the least text a single read must bring to be taken for a
// paste: a person's keys come one to a few bytes at a time, even over a
// slow link; a paste comes in reads of hundreds or thousands.
const burstMin = 32

// burstReader brackets input that arrives in one burst as a paste, for a
// terminal that does not bracket pastes itself (the Linux console, a
// script typing into a pty): without it the editor would keep only the
// first 4,096 characters of a long pasted line. A burst is a read of at
// least burstMin bytes of text (no escape or control bytes but newlines
// and tabs); once the terminal brackets a paste itself, bursts are left
// alone.
type burstReader struct {
	r        io.Reader
	buf      []byte
	pending  []byte
	err      error
	brackets bool // the terminal brackets pastes itself
	last     byte // the last byte read
	cols     *editorWidth
	// pasteLeftText is set when a paste ended in the middle of a line: its
	// end stands on the line being edited until Enter.
	pasteLeftText atomic.Bool
}

func (b *burstReader) Read(p []byte) (int, error) {
	if len(b.pending) == 0 {
		if b.err != nil {
			return 0, b.err
		}
		if endsLine(b.last) {
			b.cols.setWide(false) // the editor's line is empty again
		}
		n, err := b.r.Read(b.buf)
		chunk := b.buf[:n]
		b.err = err
		if hasWide(chunk) {
			b.cols.setWide(true)
		}
		if bytes.Contains(chunk, pasteStart) {
			b.brackets = true
		}
		if !b.brackets && isBurst(chunk) {
			text, enters := splitEnters(chunk)
			b.pending = append(append(append(append(b.pending[:0], pasteStart...), text...), pasteEnd...), enters...)
			b.pasteLeftText.Store(!endsLine(chunk[len(chunk)-1]))
		} else {
			b.pending = append(b.pending[:0], chunk...)
			if i := bytes.LastIndex(chunk, pasteEnd); i >= 0 {
				before := b.last
				if i > 0 {
					before = chunk[i-1]
				}
				b.pasteLeftText.Store(!endsLine(before))
			}
		}
		if n > 0 {
			b.last = chunk[n-1]
		}
		if len(b.pending) == 0 {
			b.err = nil
			return 0, err
		}
	}
	n := copy(p, b.pending)
	b.pending = b.pending[n:]
	return n, nil
}

// splitEnters splits a burst into its text, up to and with the end of its
// last line, and the Enters after that: a burst that ends in an empty line
// ("…\r\r") is keys typed together, and the empty line must send the
// answer as a typed one does, not stand in a paste as a paragraph break.
func splitEnters(chunk []byte) (text, enters []byte) {
	end := len(bytes.TrimRight(chunk, "\r\n"))
	first := end
	switch {
	case bytes.HasPrefix(chunk[end:], []byte("\r\n")):
		first += 2
	case end < len(chunk):
		first++
	}
	return chunk[:first], chunk[first:]
}

// editorWidth is the width the line editor is told. x/term's editor counts
// every character as one column, so on a line of Chinese (two columns
// each) it put a line break of its own wherever it thought the line was
// full: in the middle of the terminal's row. While the line being typed may
// hold a wide character, the editor is told the terminal is unboundedWidth
// wide, and the terminal, which knows the widths, wraps it; when the line
// is done, the real width is back. (Moving the cursor within such a line
// was off before, as x/term miscounts its columns, and still is.)
type editorWidth struct {
	mu   sync.Mutex
	t    *term.Terminal
	w, h int  // the terminal's size
	wide bool // the editor is told unboundedWidth
}

// unboundedWidth is a width no line typed reaches.
const unboundedWidth = 1 << 20

// resize records the terminal's size, telling the editor unless a line
// with wide characters is being typed.
func (c *editorWidth) resize(w, h int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.w, c.h = w, h
	if !c.wide {
		c.t.SetSize(w, h)
	}
}

// setWide switches the editor to or from the unbounded width.
func (c *editorWidth) setWide(on bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if on == c.wide {
		return
	}
	c.wide = on
	if on {
		c.t.SetSize(unboundedWidth, c.h)
	} else {
		c.t.SetSize(c.w, c.h)
	}
}

// hasWide reports whether text holds a character two columns wide.
func hasWide(text []byte) bool {
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		if r >= 0x1100 && uniseg.StringWidth(string(r)) > 1 {
			return true
		}
		text = text[n:]
	}
	return false
}

// endsLine reports whether c is Enter.
func endsLine(c byte) bool { return c == '\r' || c == '\n' }

// isBurst reports whether a read is a burst of text: long enough, with no
// control bytes but newlines and tabs.
func isBurst(chunk []byte) bool {
	if len(chunk) < burstMin {
		return false
	}
	for _, c := range chunk {
		if c < ' ' && c != '\r' && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// historySize is how many lines the up arrow can bring back.
const historySize = 200

// history is the lines typed, for the up and down arrows: empty lines (an
// answer's Enter) and a line typed twice in a row are kept once, so one
// press brings back the last thing said.
type history struct {
	lines []string // oldest first
	max   int
}

// Add records a line.
func (h *history) Add(line string) {
	if strings.TrimSpace(line) == "" || len(h.lines) > 0 && h.lines[len(h.lines)-1] == line {
		return
	}
	if len(h.lines) == h.max {
		h.lines = append(h.lines[:0], h.lines[1:]...)
	}
	h.lines = append(h.lines, line)
}

// Len returns the number of lines recorded.
func (h *history) Len() int { return len(h.lines) }

// At returns a line: 0 is the latest.
func (h *history) At(i int) string { return h.lines[len(h.lines)-1-i] }
