package discord

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/split"
)

func TestRenderLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		line bot.Line
		want string
	}{
		{"markdown escaped", bot.Line{Spans: []bot.Span{bot.P(`a*b_c~d` + "`" + `e|f>g#h-i[j]k<l\m`)}}, `a\*b\_c\~d\` + "`" + `e\|f\>g\#h\-i\[j\]k\<l\\m`},
		{"ordered list", bot.Line{Spans: []bot.Span{bot.P("1. first")}}, `1\. first`},
		{"indented list", bot.Line{Spans: []bot.Span{bot.P("  2) second")}}, `  2\) second`},
		{"plus list", bot.Line{Spans: []bot.Span{bot.P("+ item")}}, `\+ item`},
		{"list after spaces span", bot.Line{Spans: []bot.Span{bot.P("  "), bot.P("3. third")}}, `  3\. third`},
		{"not at start", bot.Line{Spans: []bot.Span{bot.B("Q"), bot.P("1. x")}}, `**Q**1. x`},
		{"mass mentions", bot.Line{Spans: []bot.Span{bot.P("@everyone and @Here, @heretic")}}, "@\u200beveryone and @\u200bHere, @\u200bheretic"},
		{"mention", bot.Line{Spans: []bot.Span{bot.P("<@123> <#45> <:e:6> <t:7>")}}, `\<@123\> \<\#45\> \<:e:6\> \<t:7\>`},
		{"bold", bot.Line{Spans: []bot.Span{bot.B("bold *x*")}}, `**bold \*x\***`},
		{"italic spaces outside", bot.Line{Spans: []bot.Span{bot.P("a"), bot.I(" it "), bot.P("b")}}, "a *it* b"},
		{"spoiler", bot.Line{Spans: []bot.Span{{Text: "secret|x", Style: bot.Spoiler}}}, `||secret\|x||`},
		{"code raw", bot.Line{Spans: []bot.Span{bot.C("*x* @everyone <@1>")}}, "`*x* @everyone <@1>`"},
		{"code with backtick", bot.Line{Spans: []bot.Span{bot.C("a`b")}}, "`` a`b ``"},
		{"code with run", bot.Line{Spans: []bot.Span{bot.C("x```y")}}, "`` x`\u200b`\u200b`y ``"},
		{"adjacent styles", bot.Line{Spans: []bot.Span{bot.B("a"), bot.I("b"), bot.C("c")}}, "**a**\u200b*b*\u200b`c`"},
		{"blank styled", bot.Line{Spans: []bot.Span{bot.B("  "), bot.P("x")}}, "  x"},
		{"empty spans", bot.Line{Spans: []bot.Span{bot.B(""), bot.P("x"), bot.I("")}}, "x"},
		{"quote", bot.Line{Quote: true, Spans: []bot.Span{bot.P("> 1. nested")}}, `> \> 1. nested`},
		{"quote list", bot.Line{Quote: true, Spans: []bot.Span{bot.P("1. in quote")}}, `> 1\. in quote`},
		{"empty quote", bot.Line{Quote: true}, "> \u200b"},
		{"emoji", bot.Line{Spans: []bot.Span{bot.P("👨‍👩‍👧 👍🏽 中文")}}, "👨‍👩‍👧 👍🏽 中文"},
	} {
		if got := renderLine(tc.line); got != tc.want {
			t.Errorf("%s: renderLine = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	t.Parallel()
	in := bot.Text{{Quote: true, Spans: []bot.Span{bot.P("a\r\nb"), bot.B("c\nd")}}, {Spans: []bot.Span{bot.P("\xffz")}}}
	got := normalizeText(in)
	want := []string{"> a", "> b**c**", "> **d**", "\uFFFDz"}
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d: %+v", len(got), len(want), got)
	}
	for i, l := range got {
		if s := renderLine(l); s != want[i] {
			t.Errorf("line %d = %q, want %q", i, s, want[i])
		}
	}
}

func TestSplitText(t *testing.T) {
	t.Parallel()
	para := func(c string, n int) string { return strings.Repeat(c+" ", n/2) }
	t.Run("short", func(t *testing.T) {
		parts := splitText(bot.TextOf("hello", "", "world"), maxContent)
		if len(parts) != 1 || parts[0] != "hello\n\nworld" {
			t.Errorf("parts = %q", parts)
		}
	})
	t.Run("empty", func(t *testing.T) {
		if parts := splitText(bot.TextOf("", "  "), maxContent); len(parts) != 0 {
			t.Errorf("parts = %q", parts)
		}
	})
	t.Run("paragraphs", func(t *testing.T) {
		parts := splitText(bot.TextOf(para("a", 900), "", para("b", 900), "", para("c", 900)), maxContent)
		if len(parts) != 2 || !strings.HasPrefix(parts[1], "c ") || !strings.Contains(parts[0], "b") {
			t.Errorf("parts = %d, want a cut before the third paragraph", len(parts))
		}
	})
	t.Run("paragraph preferred over line", func(t *testing.T) {
		var lines []string
		for range 12 {
			lines = append(lines, para("x", 100))
		}
		lines = append(lines, "")
		for range 12 {
			lines = append(lines, para("y", 100))
		}
		parts := splitText(bot.TextOf(lines...), maxContent)
		if len(parts) != 2 || strings.Contains(parts[0], "y") || strings.Contains(parts[1], "x") {
			t.Errorf("parts not cut at the paragraph: %d parts", len(parts))
		}
	})
	t.Run("sentences", func(t *testing.T) {
		s := strings.Repeat("This is one sentence of the answer. ", 150)
		parts := splitText(bot.TextOf(s), maxContent)
		if len(parts) < 3 {
			t.Fatalf("%d parts", len(parts))
		}
		for _, p := range parts[:len(parts)-1] {
			if !strings.HasSuffix(strings.TrimSpace(p), "answer.") {
				t.Errorf("part ends %q, want a sentence end", p[len(p)-20:])
			}
		}
	})
	t.Run("cjk sentences", func(t *testing.T) {
		s := strings.Repeat("恢复点目标是可以丢失的数据量。", 300)
		parts := splitText(bot.TextOf(s), maxContent)
		for _, p := range parts[:len(parts)-1] {
			if !strings.HasSuffix(p, "。") {
				t.Errorf("part ends %q, want 。", p[len(p)-9:])
			}
		}
	})
	t.Run("no boundary", func(t *testing.T) {
		parts := splitText(bot.TextOf(strings.Repeat("中", 5000)), maxContent)
		if len(parts) != 3 || utf8.RuneCountInString(parts[0]) != 2000 {
			t.Errorf("parts %d, first %d runes", len(parts), utf8.RuneCountInString(parts[0]))
		}
	})
	t.Run("emoji sequences kept whole", func(t *testing.T) {
		fam := "👨‍👩‍👧"
		parts := splitText(bot.TextOf(strings.Repeat(fam+"👍🏽🇨🇳", 600)), maxContent)
		if len(parts) < 2 {
			t.Fatalf("%d parts", len(parts))
		}
		for _, p := range parts {
			if !utf8.ValidString(p) || strings.HasPrefix(p, "\u200d") || strings.HasSuffix(p, "\u200d") || strings.HasPrefix(p, "🏽") {
				t.Errorf("part cut inside a sequence: %q…%q", p[:12], p[len(p)-12:])
			}
			if n := strings.Count(p, "🇨"); n != strings.Count(p, "🇳") {
				t.Errorf("flag cut in half")
			}
		}
	})
	t.Run("styles closed in every part", func(t *testing.T) {
		var tx bot.Text
		tx.Add(bot.B(strings.Repeat("bold words ", 400)))
		tx.Add(bot.C(strings.Repeat("code`s ", 600)))
		for _, p := range splitText(tx, maxContent) {
			ok := strings.HasPrefix(p, "**") && strings.HasSuffix(p, "**") ||
				strings.HasPrefix(p, "`` ") && strings.HasSuffix(p, " ``") ||
				strings.Contains(p, "**\n`` ")
			if !ok {
				t.Errorf("part not closed: %q … %q", p[:10], p[len(p)-10:])
			}
		}
	})
	t.Run("utf16 limit", func(t *testing.T) {
		parts := splitText(bot.TextOf(strings.Repeat("😀", 3000)), maxContent)
		for _, p := range parts {
			if split.Len16(p) > maxContent {
				t.Errorf("part of %d UTF-16 units", split.Len16(p))
			}
		}
	})
}

// listRE matches list syntax at the start of a line.
var listRE = regexp.MustCompile(`^\s*[0-9]+[.)]|^\s*[-+*]\s`)

// unrender undoes the adapter's rendering of one message, returning the
// plain text. It fails on markdown that the renderer should have escaped:
// an unescaped markdown character outside a code span that is no style
// marker, list syntax at a line start, or a mass mention.
func unrender(s string) (string, error) {
	var out strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if rest, ok := strings.CutPrefix(line, "> "); ok {
			line = rest
		}
		if listRE.MatchString(line) {
			return "", fmt.Errorf("list syntax in %q", line)
		}
		stars, pipes := 0, 0
		var plain strings.Builder
		for i := 0; i < len(line); {
			c := line[i]
			switch {
			case c == '\\':
				if i+1 >= len(line) {
					return "", fmt.Errorf("dangling backslash in %q", line)
				}
				r, n := utf8.DecodeRuneInString(line[i+1:])
				if r > unicode.MaxASCII || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) {
					return "", fmt.Errorf("escaped %q in %q", r, line)
				}
				out.WriteRune(r)
				plain.WriteRune(r)
				i += 1 + n
			case strings.HasPrefix(line[i:], "`` "):
				end := strings.Index(line[i+3:], " ``")
				if end < 0 {
					return "", fmt.Errorf("open code span in %q", line)
				}
				out.WriteString(line[i+3 : i+3+end])
				i += 3 + end + 3
			case c == '`':
				end := strings.IndexByte(line[i+1:], '`')
				if end < 0 {
					return "", fmt.Errorf("open code span in %q", line)
				}
				out.WriteString(line[i+1 : i+1+end])
				i += 1 + end + 1
			case c == '*':
				stars++
				i++
			case c == '|':
				pipes++
				i++
			case strings.IndexByte("_~>#-[]<", c) >= 0:
				return "", fmt.Errorf("unescaped %q in %q", c, line)
			default:
				r, n := utf8.DecodeRuneInString(line[i:])
				out.WriteRune(r)
				plain.WriteRune(r)
				i += n
			}
		}
		if stars%2 != 0 || pipes%4 != 0 {
			return "", fmt.Errorf("unbalanced markers in %q", line)
		}
		for _, m := range []string{"@everyone", "@here"} {
			if strings.Contains(strings.ToLower(plain.String()), m) {
				return "", fmt.Errorf("mass mention in %q", line)
			}
		}
		out.WriteByte('\n')
	}
	return out.String(), nil
}

// squeeze drops whitespace and zero-width spaces, for comparing text across
// splits.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' {
			return -1
		}
		return r
	}, s)
}

// textOf builds a text from fuzz input: lines at "\n", spans at "\x01",
// styles cycling from style, every other line quoted if quote.
func textOf(s string, style uint8, quote bool) bot.Text {
	var t bot.Text
	for i, ln := range strings.Split(s, "\n") {
		l := bot.Line{Quote: quote && i%2 == 1}
		for j, sp := range strings.Split(ln, "\x01") {
			l.Spans = append(l.Spans, bot.Span{Text: sp, Style: bot.Style((int(style) + i + j) % 5)})
		}
		t = append(t, l)
	}
	return t
}

// checkRendered checks the parts of a rendering of t.
func checkRendered(t *testing.T, tx bot.Text, parts []string, limit int) {
	t.Helper()
	var want strings.Builder
	for _, l := range tx {
		for _, sp := range l.Spans {
			want.WriteString(strings.ToValidUTF8(sp.Text, "\uFFFD"))
		}
	}
	var got strings.Builder
	for _, p := range parts {
		if n := split.Len16(p); n > limit || strings.TrimSpace(p) == "" {
			t.Fatalf("part of %d units (limit %d): %q", n, limit, p)
		}
		if !utf8.ValidString(p) {
			t.Fatalf("invalid UTF-8 in %q", p)
		}
		plain, err := unrender(p)
		if err != nil {
			t.Fatalf("%v\nin part %q", err, p)
		}
		got.WriteString(plain)
	}
	if g, w := squeeze(got.String()), squeeze(want.String()); g != w {
		t.Fatalf("plain text changed:\n got %q\nwant %q\nparts %q", g, w, parts)
	}
}

func FuzzRenderSplit(f *testing.F) {
	hostile := "**bold** _it_ ~~s~~ ||sp|| `code` ```block``` > q\n# h\n- li\n1. x\n@everyone @here <@123> <script>alert(1)</script> [l](http://x) \\*e\\* 😀👍🏽👨‍👩‍👧 🇨🇳 中文，答案。"
	for _, s := range []string{
		"", "plain text", hostile, "a\x01b\x01c", "`\x01``\x01```", "\\", "\\\x01*",
		" lead\x01 trail \x01 ", "1. one\n2) two\n+ three\n  4. four", "@everyone\x01@here\x01@EVERYONE",
		strings.Repeat("word ", 500), strings.Repeat("中文句子。", 500), strings.Repeat("👨‍👩‍👧", 300),
		strings.Repeat(hostile+"\n", 40), "\xff\xfe bad utf8 \x80", "x\r\ny\n\n\nz", "> \n>\n\n",
	} {
		f.Add(s, uint8(0), false)
		f.Add(s, uint8(3), true)
	}
	f.Add("\n ", uint8(3), true) // a blank quote line once rendered as a bare ">"
	f.Fuzz(func(t *testing.T, s string, style uint8, quote bool) {
		if len(s) > 1<<15 {
			t.Skip("long inputs add nothing the seeds do not cover")
		}
		tx := textOf(s, style, quote)
		checkRendered(t, tx, splitText(tx, maxContent), maxContent)
		small := 24 + int(style)%80
		checkRendered(t, tx, splitText(tx, small), small)
	})
}
