package telegram

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/split"
)

// expectedVisible returns what a user should see of a text, computed
// independently of the renderer: invalid UTF-8 as U+FFFD, control
// characters other than tab and newline dropped, lines joined by newlines.
func expectedVisible(t bot.Text) string {
	lines := make([]string, len(t))
	for i, l := range t {
		var b strings.Builder
		for _, s := range l.Spans {
			for _, r := range strings.ToValidUTF8(s.Text, "\uFFFD") {
				if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
					continue
				}
				b.WriteRune(r)
			}
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// checkParts asserts the splitter's contract for a text split at limit:
// every part within the limit in HTML and as plain text, valid strict HTML
// on its own, and the parts' visible texts, in order, making up the whole
// text with only whitespace lost at the cuts.
func checkParts(t *testing.T, text bot.Text, parts []part, limit int) {
	t.Helper()
	full := expectedVisible(text)
	pos := 0
	for i, p := range parts {
		vis, err := checkHTML(p.html)
		if err != nil {
			t.Fatalf("part %d: invalid HTML: %v\n%q", i, err, p.html)
		}
		if n := split.Len16(vis); n > limit {
			t.Fatalf("part %d: %d UTF-16 units visible, limit %d", i, n, limit)
		}
		if n := split.Len16(p.plain); n > limit {
			t.Fatalf("part %d: plain fallback has %d UTF-16 units, limit %d", i, n, limit)
		}
		vis = strings.TrimFunc(vis, unicode.IsSpace)
		if vis == "" {
			t.Fatalf("part %d: nothing visible", i)
		}
		pos = skipSpace(full, pos)
		if !strings.HasPrefix(full[pos:], vis) {
			t.Fatalf("part %d does not continue the text at byte %d:\npart: %.80q\ntext: %.80q", i, pos, vis, full[pos:])
		}
		pos += len(vis)
	}
	if rest := full[skipSpace(full, pos):]; rest != "" {
		t.Fatalf("text lost after the last part: %.80q", rest)
	}
}

// skipSpace returns the index of the first non-space rune of s at or
// after i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

func TestSplitShortTextIsOnePart(t *testing.T) {
	text := bot.TextOf("Q1. What is RPO?", "", "Think about backups.")
	parts := renderParts(text, textLimit)
	if len(parts) != 1 {
		t.Fatalf("got %d parts, want 1", len(parts))
	}
	checkParts(t, text, parts, textLimit)
	if want := "Q1. What is RPO?\n\nThink about backups."; parts[0].html != want {
		t.Errorf("html = %q, want %q", parts[0].html, want)
	}
}

func TestSplitAtParagraphs(t *testing.T) {
	para := strings.Repeat("word ", 300) // 1500 units
	var text bot.Text
	for range 6 {
		text.Add(bot.P(strings.TrimSpace(para)))
		text.Blank()
	}
	parts := renderParts(text, textLimit)
	checkParts(t, text, parts, textLimit)
	if len(parts) != 3 {
		t.Fatalf("got %d parts, want 3 (two paragraphs each)", len(parts))
	}
	for i, p := range parts {
		if strings.Count(p.plain, "\n\n") != 1 {
			t.Errorf("part %d is not two whole paragraphs: %d breaks", i, strings.Count(p.plain, "\n\n"))
		}
	}
}

func TestSplitLongLineAtSentences(t *testing.T) {
	var b strings.Builder
	for b.Len() < 9000 {
		b.WriteString("Recovery point objective bounds the data you may lose. ")
	}
	text := bot.TextOf(b.String())
	parts := renderParts(text, textLimit)
	checkParts(t, text, parts, textLimit)
	if len(parts) < 3 {
		t.Fatalf("got %d parts, want ≥ 3", len(parts))
	}
	for i, p := range parts[:len(parts)-1] {
		if !strings.HasSuffix(strings.TrimSpace(p.plain), "lose.") {
			t.Errorf("part %d does not end at a sentence: …%q", i, p.plain[len(p.plain)-20:])
		}
	}
}

func TestSplitChineseAtFullStops(t *testing.T) {
	text := bot.TextOf(strings.Repeat("恢复点目标决定了可以丢失多少数据。", 400))
	parts := renderParts(text, textLimit)
	checkParts(t, text, parts, textLimit)
	for i, p := range parts[:len(parts)-1] {
		if !strings.HasSuffix(p.plain, "。") {
			t.Errorf("part %d does not end at 。", i)
		}
	}
}

func TestSplitWithoutBoundaries(t *testing.T) {
	text := bot.TextOf(strings.Repeat("x", 10000))
	parts := renderParts(text, textLimit)
	checkParts(t, text, parts, textLimit)
	if len(parts) != 3 {
		t.Errorf("got %d parts, want 3", len(parts))
	}
}

func TestSplitKeepsGraphemesAndSurrogates(t *testing.T) {
	family := "👨\u200d👩\u200d👧\u200d👦" // one grapheme, 11 UTF-16 units
	for _, unit := range []string{"😀", family, "🇨🇳", "e\u0301", "👍🏽"} {
		text := bot.TextOf(strings.Repeat(unit, 5000/len([]rune(unit))+3))
		for _, limit := range []int{textLimit, 97, 64} {
			parts := renderParts(text, limit)
			checkParts(t, text, parts, limit)
			for i, p := range parts {
				if strings.Count(p.plain, unit)*len(unit) != len(p.plain) {
					t.Fatalf("unit %q limit %d: part %d cuts a grapheme: %q…%q", unit, limit, i, p.plain[:8], p.plain[len(p.plain)-8:])
				}
			}
		}
	}
}

func TestSplitStyledSpanReopensTags(t *testing.T) {
	var text bot.Text
	text.Add(bot.P("Answer: "), bot.B(strings.Repeat("key point ", 900)), bot.I("end"))
	parts := renderParts(text, textLimit)
	checkParts(t, text, parts, textLimit)
	if len(parts) < 3 {
		t.Fatalf("got %d parts", len(parts))
	}
	if p := parts[1].html; !strings.HasPrefix(p, "<b>") || !strings.HasSuffix(p, "</b>") {
		t.Errorf("middle part does not reopen and close <b>: %.20q…", p)
	}
}

func TestSplitQuotesStayBlockquotes(t *testing.T) {
	var text bot.Text
	text.Add(bot.B("Reference answer"))
	for i := range 900 {
		text.AddQuote(bot.P("line "), bot.C(strings.Repeat("q", i%7)))
	}
	text.Add(bot.P("after"))
	parts := renderParts(text, textLimit)
	checkParts(t, text, parts, textLimit)
	if len(parts) < 2 {
		t.Fatalf("got %d parts", len(parts))
	}
	for i, p := range parts {
		if strings.Count(p.html, "<blockquote>") != 1 {
			t.Errorf("part %d has %d blockquotes, want 1 (consecutive quote lines together)", i, strings.Count(p.html, "<blockquote>"))
		}
	}
}

func TestSplitDropsEmptyParts(t *testing.T) {
	for _, text := range []bot.Text{
		nil,
		{{}, {}},
		bot.TextOf("   ", "\t"),
		{{Spans: []bot.Span{bot.B(strings.Repeat(" ", 9000))}}},
	} {
		if parts := renderParts(text, textLimit); len(parts) != 0 {
			t.Errorf("%q: got %d parts, want none", text.Plain(), len(parts))
		}
	}
}

func TestSplitTinyLimits(t *testing.T) {
	var text bot.Text
	text.Add(bot.B("粗体😀"), bot.P(" a&b <c> "), bot.C("x\x00y"))
	text.AddQuote(bot.I("quoted 👍🏽 text"))
	for limit := 0; limit < 40; limit++ {
		checkParts(t, text, renderParts(text, limit), max(limit, minLimit))
	}
}
