package discord

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot"
)

// zwsp is a zero-width space: it separates markers that would otherwise
// run together and breaks @everyone, @here and backtick runs.
const zwsp = "\u200b"

// markdownChars are the characters escaped with a backslash wherever they
// appear in user text: Discord's markdown (emphasis, strike, spoiler, code,
// quote, heading, list, subtext, masked links) and the "<" that opens
// mentions, channel links, custom emoji and timestamps.
const markdownChars = "\\*_~`|>#-[]<"

// normalizeText splits spans at newlines so that every line of the result
// is one rendered line, drops carriage returns and repairs invalid UTF-8.
func normalizeText(t bot.Text) []bot.Line {
	out := make([]bot.Line, 0, len(t))
	for _, l := range t {
		cur := bot.Line{Quote: l.Quote}
		for _, sp := range l.Spans {
			text := strings.ReplaceAll(strings.ToValidUTF8(sp.Text, "\uFFFD"), "\r", "")
			for {
				before, after, found := strings.Cut(text, "\n")
				if before != "" {
					cur.Spans = append(cur.Spans, bot.Span{Text: before, Style: sp.Style})
				}
				if !found {
					break
				}
				out = append(out, cur)
				cur = bot.Line{Quote: l.Quote}
				text = after
			}
		}
		out = append(out, cur)
	}
	return out
}

// blankLine reports whether a line is a paragraph break.
func blankLine(l bot.Line) bool {
	if l.Quote {
		return false
	}
	for _, sp := range l.Spans {
		if strings.TrimSpace(sp.Text) != "" {
			return false
		}
	}
	return true
}

// renderLine renders one line (without newlines) as Discord markdown:
// user text escaped, styles as markers, a quote as "> ".
func renderLine(l bot.Line) string {
	var b strings.Builder
	if l.Quote {
		b.WriteString("> ")
	}
	start := true // nothing but spaces written yet: list syntax applies
	prevStyled := false
	for _, sp := range l.Spans {
		if sp.Text == "" {
			continue
		}
		lead, core, trail := trimSpaces(sp.Text)
		if sp.Style == bot.Plain || core == "" {
			b.WriteString(escapeText(sp.Text, start))
			start = start && core == ""
			prevStyled = false
			continue
		}
		b.WriteString(lead)
		if prevStyled && lead == "" {
			b.WriteString(zwsp)
		}
		switch sp.Style {
		case bot.Code:
			writeCode(&b, core)
		default:
			m := marker(sp.Style)
			b.WriteString(m)
			b.WriteString(escapeText(core, false))
			b.WriteString(m)
		}
		b.WriteString(trail)
		prevStyled = trail == ""
		start = false
	}
	if l.Quote && strings.TrimSpace(b.String()[len("> "):]) == "" {
		b.WriteString(zwsp)
	}
	return b.String()
}

// marker returns the markdown marker of an inline style.
func marker(s bot.Style) string {
	switch s {
	case bot.Bold:
		return "**"
	case bot.Italic:
		return "*"
	case bot.Spoiler:
		return "||"
	}
	return ""
}

// trimSpaces splits s into leading spaces, the rest, and trailing spaces.
func trimSpaces(s string) (lead, core, trail string) {
	core = strings.TrimLeftFunc(s, unicode.IsSpace)
	lead = s[:len(s)-len(core)]
	trimmed := strings.TrimRightFunc(core, unicode.IsSpace)
	return lead, trimmed, core[len(trimmed):]
}

// escapeText escapes user text for Discord markdown. At the start of a line
// it also escapes ordered-list ("1. ") and "+ " list syntax. Mass mentions
// are broken with a zero-width space.
func escapeText(s string, lineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	rest := s
	if lineStart {
		body := strings.TrimLeftFunc(s, unicode.IsSpace)
		b.WriteString(s[:len(s)-len(body)])
		digits := len(body) - len(strings.TrimLeft(body, "0123456789"))
		switch {
		case digits > 0 && digits < len(body) && (body[digits] == '.' || body[digits] == ')'):
			b.WriteString(body[:digits])
			b.WriteByte('\\')
			b.WriteByte(body[digits])
			rest = body[digits+1:]
		case strings.HasPrefix(body, "+"):
			b.WriteString(`\+`)
			rest = body[1:]
		default:
			rest = body
		}
	}
	for i := 0; i < len(rest); {
		r, size := utf8.DecodeRuneInString(rest[i:])
		switch {
		case r < utf8.RuneSelf && strings.IndexByte(markdownChars, byte(r)) >= 0:
			b.WriteByte('\\')
			b.WriteByte(byte(r))
		case r == '@' && massMention(rest[i+1:]):
			b.WriteString("@" + zwsp)
		default:
			b.WriteString(rest[i : i+size])
		}
		i += size
	}
	return b.String()
}

// massMention reports whether s, following an "@", starts with everyone or
// here.
func massMention(s string) bool {
	for _, w := range []string{"everyone", "here"} {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) {
			return true
		}
	}
	return false
}

// writeCode writes an inline code span. Runs of backticks in the content
// are broken with zero-width spaces so that a double-backtick fence, padded
// with spaces, always closes where it should.
func writeCode(b *strings.Builder, s string) {
	if !strings.Contains(s, "`") {
		b.WriteString("`")
		b.WriteString(s)
		b.WriteString("`")
		return
	}
	b.WriteString("`` ")
	prev := false
	for _, r := range s {
		if r == '`' && prev {
			b.WriteString(zwsp)
		}
		prev = r == '`'
		b.WriteRune(r)
	}
	b.WriteString(" ``")
}
