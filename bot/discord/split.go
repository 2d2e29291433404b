package discord

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/split"
)

// maxContent is Discord's limit on a message's content. It is checked in
// UTF-16 code units, which is never less than Discord's count.
const maxContent = 2000

// splitText renders t as markdown and splits it into message contents of
// at most limit. It cuts between paragraphs where it can, else between
// lines; a line too long on its own is cut at a sentence end, else between
// words, else between characters, and each piece is rendered on its own so
// that no style marker or code span is left open.
func splitText(t bot.Text, limit int) []string {
	var units []split.Unit[string]
	for _, l := range normalizeText(t) {
		if blankLine(l) {
			// Consecutive empty lines are one paragraph break.
			if n := len(units); n > 0 && !units[n-1].Para {
				units = append(units, split.Unit[string]{Para: true})
			}
			continue
		}
		s := renderLine(l)
		if split.Len16(s) <= limit {
			units = append(units, split.Unit[string]{Value: s, Size: split.Len16(s)})
			continue
		}
		for _, sub := range splitLine(l, limit) {
			s := renderLine(sub)
			units = append(units, split.Unit[string]{Value: s, Size: split.Len16(s)})
		}
	}
	var parts []string
	for _, p := range split.Pack(units, limit) {
		lines := make([]string, len(p))
		for i, u := range p {
			lines[i] = u.Value
		}
		s := strings.TrimRightFunc(strings.TrimLeft(strings.Join(lines, "\n"), "\n"), unicode.IsSpace)
		if strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
	}
	return parts
}

// piece is a run of a span's text that a long line may be cut after.
type piece struct {
	span        bot.Span
	src         int  // index of the span in the line
	sentenceEnd bool // the piece ends a sentence
}

// splitLine cuts a line whose rendering is longer than limit into lines
// whose renderings fit.
func splitLine(l bot.Line, limit int) []bot.Line {
	pieces := cutPieces(l.Spans)
	var out []bot.Line
	var cur []piece
	curLen := 0 // an upper bound of the rendered length of cur
	render := func(ps []piece) int { return split.Len16(renderLine(lineOf(ps, l.Quote))) }
	for i := 0; i < len(pieces); {
		p := pieces[i]
		// Rendering never more than doubles text and adds a few markers, so
		// most pieces are accepted without rendering the line again.
		bound := curLen + 2*len(p.span.Text) + 12 // bytes bound UTF-16 units
		if bound <= limit {
			cur, curLen = append(cur, p), bound
			i++
			continue
		}
		// A piece of more than 4*limit bytes has more than limit characters:
		// no need to render it to know it does not fit.
		if len(p.span.Text) <= 4*limit {
			cand := append(cur[:len(cur):len(cur)], p)
			if n := render(cand); n <= limit {
				cur, curLen = cand, n
				i++
				continue
			}
		}
		if len(cur) == 0 {
			head, tail := hardSplit(p, limit, l.Quote)
			out = append(out, lineOf([]piece{head}, l.Quote))
			pieces[i] = tail
			continue
		}
		// Flush cur, at its last sentence end if that keeps half of it.
		cut := len(cur)
		for j := len(cur) - 1; j > 0; j-- {
			if cur[j-1].sentenceEnd {
				if render(cur[:j]) >= limit/2 {
					cut = j
				}
				break
			}
		}
		out = append(out, lineOf(cur[:cut], l.Quote))
		cur = append([]piece(nil), cur[cut:]...)
		curLen = 0
		if len(cur) > 0 {
			curLen = render(cur)
		}
	}
	if len(cur) > 0 {
		out = append(out, lineOf(cur, l.Quote))
	}
	return out
}

// lineOf joins consecutive pieces of the same span back into one span.
func lineOf(ps []piece, quote bool) bot.Line {
	l := bot.Line{Quote: quote}
	last := -1
	for _, p := range ps {
		if p.src == last && len(l.Spans) > 0 {
			l.Spans[len(l.Spans)-1].Text += p.span.Text
			continue
		}
		l.Spans = append(l.Spans, p.span)
		last = p.src
	}
	return l
}

// cutPieces cuts spans after runs of spaces and after CJK punctuation.
func cutPieces(spans []bot.Span) []piece {
	var out []piece
	for si, sp := range spans {
		text := sp.Text
		start := 0
		prevSpace := false
		emit := func(end int, sentence bool) {
			if end > start {
				out = append(out, piece{span: bot.Span{Text: text[start:end], Style: sp.Style}, src: si, sentenceEnd: sentence})
				start = end
			}
		}
		for i, r := range text {
			if prevSpace && !unicode.IsSpace(r) {
				emit(i, split.EndsSentence(text[start:i]))
			}
			prevSpace = unicode.IsSpace(r)
			if split.IsCJKBreak(r) {
				emit(i+utf8.RuneLen(r), split.IsFullWidthStop(r))
			}
		}
		emit(len(text), true)
	}
	return out
}

// hardSplit cuts a piece too long for a line of its own: head is the
// longest start that renders within limit, cut where no character sequence
// (an emoji with modifiers, a letter with combining marks) is broken.
func hardSplit(p piece, limit int, quote bool) (head, tail piece) {
	text := p.span.Text
	// The head has at most limit characters: look no further.
	offs := make([]int, 0, min(len(text), limit+1)) // byte offsets of rune starts after the first
	for i := range text {
		if i > 0 {
			offs = append(offs, i)
		}
		if len(offs) > limit {
			break
		}
	}
	fits := func(end int) bool {
		l := bot.Line{Quote: quote, Spans: []bot.Span{{Text: text[:end], Style: p.span.Style}}}
		return split.Len16(renderLine(l)) <= limit
	}
	// Largest k such that text[:offs[k]] fits; offs is increasing.
	lo, hi := -1, len(offs)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(offs[mid]) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	k := lo
	for j := k; j >= 0; j-- {
		if split.SafeCut(text, offs[j]) {
			k = j
			break
		}
	}
	end := len(text)
	if k >= 0 && len(offs) > 0 {
		end = offs[k]
	} else if len(offs) > 0 {
		end = offs[0] // not even one character fits: take it anyway
	}
	head, tail = p, p
	head.span.Text, tail.span.Text = text[:end], text[end:]
	head.sentenceEnd = false
	return head, tail
}
