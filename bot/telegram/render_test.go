package telegram

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/internal/split"
)

func TestRenderHTML(t *testing.T) {
	quote := func(spans ...bot.Span) bot.Line { return bot.Line{Spans: spans, Quote: true} }
	line := func(spans ...bot.Span) bot.Line { return bot.Line{Spans: spans} }
	tests := []struct {
		name string
		text bot.Text
		want string
	}{
		{"styles", bot.Text{line(bot.P("a "), bot.B("b"), bot.I("i"), bot.C("c"), bot.Span{Text: "s", Style: bot.Spoiler})},
			"a <b>b</b><i>i</i><code>c</code><tg-spoiler>s</tg-spoiler>"},
		{"escaping", bot.Text{line(bot.P(`<b>&amp; "x" 'y'`), bot.B("<script>"))},
			`&lt;b&gt;&amp;amp; &quot;x&quot; 'y'<b>&lt;script&gt;</b>`},
		{"paragraphs", bot.TextOf("one", "", "two"), "one\n\ntwo"},
		{"quotes grouped", bot.Text{line(bot.P("ref:")), quote(bot.P("q1")), quote(bot.B("q2")), line(bot.P("after"))},
			"ref:\n<blockquote>q1\n<b>q2</b></blockquote>\nafter"},
		{"quotes split by a break", bot.Text{quote(bot.P("a")), line(), quote(bot.P("b"))},
			"<blockquote>a</blockquote>\n\n<blockquote>b</blockquote>"},
		{"empty spans skipped", bot.Text{line(bot.B(""), bot.P("x"), bot.I(""))}, "x"},
		{"invalid UTF-8 and controls", bot.Text{line(bot.P("a\xff\xfeb\x00c\rd\x7f"))}, "a\uFFFDbcd"},
		{"unknown style is plain", bot.Text{line(bot.Span{Text: "<x>", Style: 99})}, "&lt;x&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderHTML(normalize(tt.text))
			if got != tt.want {
				t.Errorf("renderHTML = %q, want %q", got, tt.want)
			}
			if _, err := checkHTML(got); err != nil {
				t.Errorf("invalid HTML: %v", err)
			}
		})
	}
}

func TestKeyboard(t *testing.T) {
	rows := [][]bot.Button{
		{{Label: "Hint", Action: "hint:q1"}, {Label: "Answer here", Action: "form:q1", Form: true}},
		{{Label: "Form only", Action: "f", Form: true}},
		{{Label: "Good", Action: "rate:3", Suggested: true}, {Label: "", Action: "x"}, {Label: "Bad", Action: strings.Repeat("a", 65)}},
	}
	kb := keyboard(rows)
	if kb == nil {
		t.Fatal("keyboard = nil")
	}
	var got [][]string
	for _, row := range kb.InlineKeyboard {
		var r []string
		for _, b := range row {
			r = append(r, b.Text+"="+*b.CallbackData)
		}
		got = append(got, r)
	}
	want := [][]string{{"Hint=hint:q1"}, {"✓ Good=rate:3"}}
	if len(got) != len(want) || got[0][0] != want[0][0] || len(got[1]) != 1 || got[1][0] != want[1][0] {
		t.Errorf("keyboard = %v, want %v", got, want)
	}
	if keyboard([][]bot.Button{{{Label: "x", Action: "f", Form: true}}}) != nil || keyboard(nil) != nil {
		t.Error("keyboard without buttons is not nil")
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		text               string
		name, target, args string
		ok                 bool
	}{
		{"/next", "next", "", "", true},
		{"/Next@Test_Bot  ", "Next", "Test_Bot", "", true},
		{"/topic 数据库 设计", "topic", "", "数据库 设计", true},
		{"/topic\u3000数据库", "topic", "", "数据库", true},
		{"/subscribe 09:00 mon-fri Asia/Shanghai", "subscribe", "", "09:00 mon-fri Asia/Shanghai", true},
		{"/next@", "", "", "", false},
		{"/etc/passwd", "", "", "", false},
		{"/", "", "", "", false},
		{"next", "", "", "", false},
		{" /next", "", "", "", false},
		{"/next\xff", "", "", "", false},
	}
	for _, tt := range tests {
		name, target, args, ok := parseCommand(tt.text)
		if name != tt.name || target != tt.target || args != tt.args || ok != tt.ok {
			t.Errorf("parseCommand(%q) = %q, %q, %q, %v; want %q, %q, %q, %v",
				tt.text, name, target, args, ok, tt.name, tt.target, tt.args, tt.ok)
		}
	}
}

// fuzzText builds a structured text from fuzz input: s cut at random byte
// offsets (even inside UTF-8 sequences) into spans of random styles, on
// random lines, some quoted.
func fuzzText(s string, seed uint64) bot.Text {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var text bot.Text
	line := bot.Line{}
	for len(s) > 0 {
		n := 1 + rng.IntN(min(len(s), 1+rng.IntN(600)))
		line.Spans = append(line.Spans, bot.Span{Text: s[:n], Style: bot.Style(rng.IntN(6))})
		s = s[n:]
		switch rng.IntN(8) {
		case 0:
			text = append(text, line, bot.Line{})
			line = bot.Line{Quote: rng.IntN(3) == 0}
		case 1, 2:
			text = append(text, line)
			line = bot.Line{Quote: rng.IntN(3) == 0}
		}
	}
	return append(text, line)
}

// FuzzRenderSplit checks the renderer and the splitter together: every
// part within the limit (in HTML parse mode and as plain text), valid
// strict HTML on its own, and the parts making up the whole text in order.
func FuzzRenderSplit(f *testing.F) {
	f.Add("<b>bold</b> & <script>alert(1)</script> \"quoted\" 'single'", uint64(1), uint16(4000))
	f.Add(strings.Repeat("回答：恢复点目标（RPO）是可以容忍丢失的数据量。", 60), uint64(2), uint16(500))
	f.Add(strings.Repeat("x", 5000), uint64(3), uint16(4000))
	f.Add(strings.Repeat("😀👨\u200d👩\u200d👧🇨🇳e\u0301 ", 100), uint64(4), uint16(300))
	f.Add("bad \xff\xfe utf8 \xc3 and \x00 nul \r\n & &amp; &lt; <", uint64(5), uint16(16))
	f.Add(strings.Repeat("Sentence one. Sentence two! Question? ", 60), uint64(6), uint16(1000))
	f.Add(strings.Repeat("> quoted line\n\n", 50), uint64(7), uint16(200))
	f.Add(strings.Repeat(" ", 5000), uint64(8), uint16(4000))
	f.Fuzz(func(t *testing.T, s string, seed uint64, limit uint16) {
		if len(s) > 50000 {
			return
		}
		text := fuzzText(s, seed)
		lim := minLimit + int(limit)%5000
		parts := renderParts(text, lim)
		checkParts(t, text, parts, lim)
		if lim <= textLimit {
			for i, p := range parts {
				if n := split.Len16(p.plain); n >= 4096 {
					t.Fatalf("part %d: %d units", i, n)
				}
			}
		}
	})
}
