package console

import (
	"io"
	"os"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/term"

	"github.com/interviewbot/interviewbot/bot"
)

// Text bound for a terminal is wrapped by the bot, not by the terminal,
// which breaks wherever the line is full ("you type your ans" / "wer") and
// knows nothing of a quote's gutter. Where a line may break, and how many
// columns a character takes (two for Chinese and most emoji), comes from
// github.com/rivo/uniseg: its line segmentation is Unicode's line breaking
// algorithm (UAX #14: between words in Latin text, between characters in
// Chinese but not before "，" or "）"), and its widths follow East Asian
// Width and the emoji presentation data. It is what go-runewidth and most
// Go terminal UIs use underneath; nothing in x/text breaks lines.

// minWrapColumns is the narrowest line worth wrapping to; in a narrower
// window the terminal's own wrapping is no worse.
const minWrapColumns = 12

// gutter marks the lines of a quotation (the reference answer).
const gutter = "│ "

// listMarker matches the start of a list item ("• ", "  - ", "12. ",
// "3) "): its continuation lines are indented to the item's text.
var listMarker = regexp.MustCompile(`^\s*(?:[•·◦▪‣*+\-–]|\d{1,3}[.)、]|[a-zA-Z][.)])\s+`)

// leadingSpace matches the indent of a line; its continuation lines keep it.
var leadingSpace = regexp.MustCompile(`^[ \t]+`)

// Render returns a text as a terminal shows it: quoted lines marked with
// "│ ", styles dropped, control characters (escape sequences a terminal
// would act on) left out, lines left as long as they are.
func Render(t bot.Text) string { return RenderWidth(t, 0) }

// RenderWidth is Render for a terminal width columns wide: each line is
// wrapped at the places Unicode allows a break, a word longer than the
// line is cut, a quotation's continuation lines keep the gutter and a list
// item's are indented to its text. A width of 0 or less leaves lines whole
// (piped output, read by scripts).
func RenderWidth(t bot.Text, width int) string {
	var b strings.Builder
	for i, l := range t {
		if i > 0 {
			b.WriteByte('\n')
		}
		var text strings.Builder
		for _, s := range l.Spans {
			text.WriteString(safe(s.Text))
		}
		prefix := ""
		if l.Quote {
			prefix = gutter
		}
		if width <= 0 {
			b.WriteString(prefix + text.String())
			continue
		}
		for j, para := range strings.Split(text.String(), "\n") {
			if j > 0 {
				b.WriteByte('\n')
			}
			wrapLine(&b, prefix, para, width)
		}
	}
	return b.String()
}

// wrapText wraps plain text (a note of the adapter's own) to width
// columns; 0 leaves it as it is.
func wrapText(s string, width int) string {
	if width <= 0 {
		return s
	}
	var b strings.Builder
	for i, para := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		wrapLine(&b, "", para, width)
	}
	return b.String()
}

// wrapLine writes one line of text, with prefix in front of each of the
// lines it wraps to, into b: no line wider than width columns unless the
// prefix alone leaves too little room.
func wrapLine(b *strings.Builder, prefix, text string, width int) {
	room := width - uniseg.StringWidth(prefix)
	if room < minWrapColumns || uniseg.StringWidth(text) <= room {
		b.WriteString(prefix + text)
		return
	}
	indent := ""
	if m := listMarker.FindString(text); m != "" && uniseg.StringWidth(m) <= room/3 {
		indent = strings.Repeat(" ", uniseg.StringWidth(m))
	} else if m := leadingSpace.FindString(text); len(m) <= room/3 {
		indent = m // an indented line (code) keeps its indent
	}
	w := lineWriter{b: b, prefix: prefix, indent: indent, room: room}
	for _, seg := range lineSegments(text) {
		w.add(seg)
	}
	w.flush(false)
}

// lineSegments splits text where a line may break: where UAX #14 allows,
// except inside a /command. Unicode allows a break after "/" and none
// before it ("miss. /" | "skip moves on"), so a command's slash is moved
// from the end of its segment to the start of the next: "miss. " |
// "/skip moves on".
func lineSegments(text string) []string {
	var segs []string
	state := -1
	for rest := text; rest != ""; {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		segs = append(segs, seg)
	}
	out := make([]string, 0, len(segs))
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		for i+1 < len(segs) && opensCommand(seg, segs[i+1]) {
			if j := strings.LastIndexByte(seg, ' '); j >= 0 && j == len(seg)-2 {
				out = append(out, seg[:j+1]) // the break goes before the slash
				seg = seg[j+1:]
			}
			i++
			seg += segs[i]
		}
		out = append(out, seg)
	}
	return out
}

// opensCommand reports whether seg ends with the slash of a command whose
// name starts next: a "/" at the start, after a space or an opening
// bracket or quote, followed by a letter. A slash after a letter or digit
// (and/or, a URL's path) is left to Unicode's rules.
func opensCommand(seg, next string) bool {
	before, ok := strings.CutSuffix(seg, "/")
	if !ok {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(next); !unicode.IsLetter(r) {
		return false
	}
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsSpace(r) || unicode.In(r, unicode.Ps, unicode.Pi) || r == '：' || r == '，'
}

// lineWriter fills lines segment by segment.
type lineWriter struct {
	b              *strings.Builder
	prefix, indent string
	room           int // columns after the prefix
	line           strings.Builder
	cols           int  // columns on the line, with trailing spaces
	filled         bool // the line holds text (not only its indent)
	started        bool // a line was written
}

// add puts a segment (a word and the spaces after it, or one Chinese
// character) on the line, or on the next one when it does not fit; a
// segment wider than a whole line is cut between characters.
func (w *lineWriter) add(seg string) {
	if w.filled && w.cols+uniseg.StringWidth(strings.TrimRight(seg, " ")) > w.room {
		w.flush(true)
	}
	state := -1
	for seg != "" {
		var cluster string
		var cols int
		cluster, seg, cols, state = uniseg.FirstGraphemeClusterInString(seg, state)
		if w.filled && cluster != " " && w.cols+cols > w.room {
			w.flush(true)
		}
		if !w.filled && cluster == " " && w.started {
			continue // no spaces at the start of a continuation line
		}
		w.line.WriteString(cluster)
		w.cols += cols
		w.filled = true
	}
}

// flush writes the line; more says another follows, indented.
func (w *lineWriter) flush(more bool) {
	w.b.WriteString(w.prefix + strings.TrimRight(w.line.String(), " "))
	w.line.Reset()
	w.cols, w.filled, w.started = 0, false, true
	if more {
		w.b.WriteByte('\n')
		w.line.WriteString(w.indent)
		w.cols = uniseg.StringWidth(w.indent)
	}
}

// terminalWidth returns a func that reports how many columns out has when
// out is a terminal, asked anew for each message so a resized window is
// followed; nil when out is not a terminal (a pipe, a file).
func terminalWidth(out io.Writer) func() int {
	f, ok := out.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	fd := int(f.Fd())
	return func() int {
		w, _, err := term.GetSize(fd)
		if err != nil {
			return 0
		}
		return w
	}
}
