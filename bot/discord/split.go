package discord

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot"
)

// maxContent is Discord's limit on a message's content. It is checked in
// UTF-16 code units, which is never less than Discord's count.
const maxContent = 2000

// contentLen counts s as UTF-16 code units.
func contentLen(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// splitText renders t as markdown and splits it into message contents of
// at most limit. It cuts between paragraphs where it can, else between
// lines; a line too long on its own is cut at a sentence end, else between
// words, else between characters, and each piece is rendered on its own so
// that no style marker or code span is left open.
func splitText(t bot.Text, limit int) []string {
	var units []unit
	for _, l := range normalizeText(t) {
		if blankLine(l) {
			units = append(units, unit{para: true})
			continue
		}
		s := renderLine(l)
		if contentLen(s) <= limit {
			units = append(units, unit{text: s, n: contentLen(s)})
			continue
		}
		for _, sub := range splitLine(l, limit) {
			s := renderLine(sub)
			units = append(units, unit{text: s, n: contentLen(s)})
		}
	}
	return pack(units, limit)
}

// unit is a rendered line, or a paragraph break.
type unit struct {
	text string
	n    int
	para bool
}

// pack joins rendered lines into parts of at most limit, preferring to end
// a part at a paragraph break in its second half.
func pack(units []unit, limit int) []string {
	var parts []string
	var cur []unit
	size := func(us []unit) int {
		n := 0
		for i, u := range us {
			if i > 0 {
				n++
			}
			n += u.n
		}
		return n
	}
	flush := func(upto int) {
		var lines []string
		for _, u := range cur[:upto] {
			lines = append(lines, u.text)
		}
		s := strings.TrimRightFunc(strings.TrimLeft(strings.Join(lines, "\n"), "\n"), unicode.IsSpace)
		if strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
		cur = cur[upto:]
		for len(cur) > 0 && cur[0].para {
			cur = cur[1:]
		}
	}
	for _, u := range units {
		if u.para && (len(cur) == 0 || cur[len(cur)-1].para) {
			continue
		}
		for len(cur) > 0 && size(cur)+1+u.n > limit {
			cut := len(cur)
			for j := len(cur) - 1; j > 0; j-- {
				if cur[j].para {
					if size(cur[:j]) >= limit/2 {
						cut = j
					}
					break
				}
			}
			flush(cut)
		}
		if u.para && len(cur) == 0 {
			continue
		}
		cur = append(cur, u)
	}
	flush(len(cur))
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
	render := func(ps []piece) int { return contentLen(renderLine(lineOf(ps, l.Quote))) }
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
				emit(i, endsSentence(text[start:i]))
			}
			prevSpace = unicode.IsSpace(r)
			if strings.ContainsRune("。！？；，、：", r) {
				emit(i+utf8.RuneLen(r), strings.ContainsRune("。！？；", r))
			}
		}
		emit(len(text), true)
	}
	return out
}

// endsSentence reports whether s, ignoring trailing spaces, ends with
// sentence punctuation.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?;。！？；…", r)
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
		return contentLen(renderLine(l)) <= limit
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
		if safeCut(text, offs[j]) {
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

// safeCut reports whether text may be cut at byte offset i without
// separating a character from what modifies or joins it.
func safeCut(text string, i int) bool {
	next, _ := utf8.DecodeRuneInString(text[i:])
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	switch {
	case prev == '\u200d' || next == '\u200d': // zero-width joiner
		return false
	case next >= 0xFE00 && next <= 0xFE0F, next >= 0x1F3FB && next <= 0x1F3FF: // variation selectors, skin tones
		return false
	case next >= 0xE0020 && next <= 0xE007F: // emoji tag sequences
		return false
	case unicode.In(next, unicode.Mn, unicode.Me, unicode.Mc):
		return false
	case isRegionalIndicator(prev) && isRegionalIndicator(next):
		return regionalRunBefore(text[:i])%2 == 0
	}
	return true
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// regionalRunBefore counts the regional indicators that end s.
func regionalRunBefore(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !isRegionalIndicator(r) {
			break
		}
		n++
		s = s[:len(s)-size]
	}
	return n
}
