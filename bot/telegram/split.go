package telegram

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/split"
)

// Length budgets, in UTF-16 code units of the text a user sees (Telegram
// counts message lengths after entity parsing). They stay below Telegram's
// limits (4096 for texts, 1024 for captions) with room to spare.
const (
	textLimit    = 4000
	captionLimit = 1000
	// minLimit keeps the splitter making progress with absurd limits.
	minLimit = 8
	// quotePrefix is what Text.Plain puts before a quoted line ("> "),
	// counted so that the plain-text fallback fits too.
	quotePrefix = 2
)

// part is one message of a split text.
type part struct {
	// text is the part as structured text; html and plain are its two
	// renderings (HTML parse mode, and the fallback without formatting).
	text  bot.Text
	html  string
	plain string
}

// renderParts sanitizes and splits a text into parts of at most limit
// UTF-16 code units (in HTML parse mode and as plain text) and renders
// them. Parts with nothing visible are left out.
func renderParts(t bot.Text, limit int) []part {
	texts := splitText(t, limit)
	out := make([]part, 0, len(texts))
	for _, pt := range texts {
		out = append(out, part{text: pt, html: renderHTML(pt), plain: pt.Plain()})
	}
	return out
}

// fragment is a line, or a piece of a line too long for one message.
type fragment struct {
	spans []bot.Span
	quote bool
	// cont marks a piece continuing the previous fragment's line.
	cont bool
	// size is the UTF-16 length, the quote prefix included.
	size int
}

// blank reports a fragment with no text: a paragraph break.
func (f fragment) blank() bool { return len(f.spans) == 0 }

// splitText splits a text into parts of at most limit UTF-16 code units.
// It cuts at paragraph breaks (empty lines) when one lies in the second
// half of a part, else between lines; a line longer than a part is cut at
// the end of a sentence, else after a space, else between characters
// (never inside a UTF-8 sequence, a surrogate pair or, where it can, a
// grapheme cluster). A span cut in two keeps its style on both sides, so
// every part renders to valid HTML on its own.
func splitText(t bot.Text, limit int) []bot.Text {
	limit = max(limit, minLimit)
	frags := fragments(normalize(t), limit)
	units := make([]split.Unit[fragment], len(frags))
	for i, f := range frags {
		units[i] = split.Unit[fragment]{Value: f, Size: f.size, Para: f.blank(), Cont: f.cont}
	}
	parts := split.Pack(units, limit)
	out := make([]bot.Text, 0, len(parts))
	for _, p := range parts {
		if pt := assemble(p); pt != nil {
			out = append(out, pt)
		}
	}
	return out
}

// assemble turns packed fragments back into a text, joining the pieces of
// cut lines, and drops blank lines at both ends. It returns nil when
// nothing visible is left (Telegram rejects empty messages).
func assemble(us []split.Unit[fragment]) bot.Text {
	var t bot.Text
	for _, u := range us {
		f := u.Value
		if f.cont && len(t) > 0 {
			last := &t[len(t)-1]
			last.Spans = append(slices.Clip(last.Spans), f.spans...)
			continue
		}
		t = append(t, bot.Line{Spans: f.spans, Quote: f.quote})
	}
	for len(t) > 0 && len(t[0].Spans) == 0 {
		t = t[1:]
	}
	for len(t) > 0 && len(t[len(t)-1].Spans) == 0 {
		t = t[:len(t)-1]
	}
	for _, l := range t {
		for _, s := range l.Spans {
			if strings.TrimSpace(s.Text) != "" {
				return t
			}
		}
	}
	return nil
}

// normalize sanitizes span texts, drops empty spans and breaks lines at
// the newlines inside spans, so that lines hold no newline.
func normalize(t bot.Text) bot.Text {
	out := make(bot.Text, 0, len(t))
	for _, l := range t {
		cur := bot.Line{Quote: l.Quote}
		for _, s := range l.Spans {
			lines := strings.Split(sanitize(s.Text), "\n")
			for i, txt := range lines {
				if i > 0 {
					out = append(out, cur)
					cur = bot.Line{Quote: l.Quote}
				}
				if txt != "" {
					cur.Spans = append(cur.Spans, bot.Span{Text: txt, Style: s.Style})
				}
			}
		}
		out = append(out, cur)
	}
	return out
}

// fragments turns lines into fragments of at most limit code units each.
func fragments(lines bot.Text, limit int) []fragment {
	var out []fragment
	for _, l := range lines {
		prefix := 0
		if l.Quote {
			prefix = quotePrefix
		}
		spans, cont := l.Spans, false
		for {
			n := spansLen(spans)
			if n+prefix <= limit {
				out = append(out, fragment{spans: spans, quote: l.Quote, cont: cont, size: n + prefix})
				break
			}
			head, tail := cutSpans(spans, limit-prefix)
			out = append(out, fragment{spans: head, quote: l.Quote, cont: cont, size: spansLen(head) + prefix})
			spans, cont = tail, true
		}
	}
	return out
}

// spansLen returns the UTF-16 length of the spans' text.
func spansLen(spans []bot.Span) int {
	n := 0
	for _, s := range spans {
		n += split.Len16(s.Text)
	}
	return n
}

// cutSpans cuts spans whose text is longer than budget code units into a
// head of at most budget units and the rest.
func cutSpans(spans []bot.Span, budget int) (head, tail []bot.Span) {
	// Only the start of the line matters: budget code units take at most
	// 3*budget bytes, plus one rune to look ahead.
	var b strings.Builder
	for _, s := range spans {
		need := 3*budget + utf8.UTFMax - b.Len()
		if need <= 0 {
			break
		}
		b.WriteString(s.Text[:min(len(s.Text), need)])
	}
	cut := cutPoint(b.String(), budget)
	pos := 0
	for _, s := range spans {
		end := pos + len(s.Text)
		switch {
		case end <= cut:
			head = append(head, s)
		case pos >= cut:
			tail = append(tail, s)
		default:
			head = append(head, bot.Span{Text: s.Text[:cut-pos], Style: s.Style})
			tail = append(tail, bot.Span{Text: s.Text[cut-pos:], Style: s.Style})
		}
		pos = end
	}
	return head, tail
}

// cutPoint returns the byte offset to cut s at so that s[:cut] has at most
// budget UTF-16 code units: the end of the last sentence in the second
// half of that prefix, else the last space there, else the longest prefix
// that does not break a grapheme cluster. The cut is always > 0.
func cutPoint(s string, budget int) int {
	maxCut, half, n := 0, 0, 0
	for i, r := range s {
		w := split.RuneLen16(r)
		if n+w > budget {
			break
		}
		n += w
		maxCut = i + utf8.RuneLen(r)
		if half == 0 && n >= budget/2 {
			half = maxCut
		}
	}
	if maxCut == 0 {
		_, size := utf8.DecodeRuneInString(s)
		return max(size, 1)
	}
	sentence, space := -1, -1
	for i, r := range s[half:maxCut] {
		end := half + i + utf8.RuneLen(r)
		next, _ := utf8.DecodeRuneInString(s[end:])
		switch {
		case split.IsFullWidthStop(r):
			sentence = end
		case split.IsSentenceStop(r) && (end == len(s) || unicode.IsSpace(next)):
			sentence = end
		case unicode.IsSpace(r):
			space = end
		}
	}
	switch {
	case sentence > 0:
		return sentence
	case space > 0:
		return space
	}
	return split.SafeBefore(s, maxCut, 16)
}
