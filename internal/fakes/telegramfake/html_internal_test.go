package telegramfake

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		plain string
		ents  []MessageEntity
	}{
		{"plain", "hello", "hello", nil},
		{"nested", "<b>bold <i>both</i></b> <u>u</u>", "bold both u", []MessageEntity{
			{Type: "bold", Offset: 0, Length: 9}, {Type: "italic", Offset: 5, Length: 4}, {Type: "underline", Offset: 10, Length: 1}}},
		{"synonyms", "<strong>a</strong><em>b</em><ins>c</ins><del>d</del><strike>e</strike><s>f</s>", "abcdef", []MessageEntity{
			{Type: "bold", Offset: 0, Length: 1}, {Type: "italic", Offset: 1, Length: 1}, {Type: "underline", Offset: 2, Length: 1},
			{Type: "strikethrough", Offset: 3, Length: 1}, {Type: "strikethrough", Offset: 4, Length: 1}, {Type: "strikethrough", Offset: 5, Length: 1}}},
		{"upper case tags", "<B>x</B>", "x", []MessageEntity{{Type: "bold", Offset: 0, Length: 1}}},
		{"references", "&lt;&gt;&amp;&quot;&#65;&#x42;", `<>&"AB`, nil},
		{"reference without semicolon", "&lt b", "< b", nil},
		{"unknown reference kept", "a&nbsp;b AT&T", "a&nbsp;b AT&T", nil},
		{"bare greater-than", "a > b", "a > b", nil},
		{"utf16 offsets", "😀<b>x</b>", "😀x", []MessageEntity{{Type: "bold", Offset: 2, Length: 1}}},
		{"cjk", "回答：<b>恢复点目标</b>", "回答：恢复点目标", []MessageEntity{{Type: "bold", Offset: 3, Length: 5}}},
		{"link", `<a href="https://example.com/q?a=1&amp;b=2">ex</a>`, "ex", []MessageEntity{
			{Type: "text_link", Offset: 0, Length: 2, URL: "https://example.com/q?a=1&b=2"}}},
		{"link without scheme", `<a href='example.com'>ex</a>`, "ex", []MessageEntity{
			{Type: "text_link", Offset: 0, Length: 2, URL: "http://example.com/"}}},
		{"pre code language", `<pre><code class="language-go">x := 1</code></pre>`, "x := 1", []MessageEntity{
			{Type: "pre", Offset: 0, Length: 6, Language: "go"}}},
		{"code alone drops language", `<code class="language-go">x</code>`, "x", []MessageEntity{{Type: "code", Offset: 0, Length: 1}}},
		{"pre", "<pre>a\nb</pre>", "a\nb", []MessageEntity{{Type: "pre", Offset: 0, Length: 3}}},
		{"spoilers", `<tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span>`, "ab", []MessageEntity{
			{Type: "spoiler", Offset: 0, Length: 1}, {Type: "spoiler", Offset: 1, Length: 1}}},
		{"blockquotes", "<blockquote>a</blockquote><blockquote expandable>b</blockquote>", "ab", []MessageEntity{
			{Type: "blockquote", Offset: 0, Length: 1}, {Type: "expandable_blockquote", Offset: 1, Length: 1}}},
		{"custom emoji", `<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>`, "👍", []MessageEntity{
			{Type: "custom_emoji", Offset: 0, Length: 2, CustomEmojiID: "5368324170671202286"}}},
		{"empty tag makes no entity", "a<b></b>b", "ab", nil},
		{"end tag with spaces", "<b>x</b >", "x", []MessageEntity{{Type: "bold", Offset: 0, Length: 1}}},
		{"anonymous end tag", "<b>x</>", "x", []MessageEntity{{Type: "bold", Offset: 0, Length: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, ents, err := parseHTML(tt.in, false)
			if err != nil {
				t.Fatalf("parseHTML(%q): %v", tt.in, err)
			}
			if plain != tt.plain || !reflect.DeepEqual(ents, tt.ents) {
				t.Errorf("parseHTML(%q) = %q %+v, want %q %+v", tt.in, plain, ents, tt.plain, tt.ents)
			}
		})
	}
}

func TestParseHTMLErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"<b>bold", `Can't find end tag corresponding to start tag "b"`},
		{"<script>alert(1)</script>", `Unsupported start tag "script" at byte offset 0`},
		{"<br>", `Unsupported start tag "br" at byte offset 0`},
		{"a < b", `Unsupported start tag "" at byte offset 2`},
		{"x <b", "Unclosed start tag at byte offset 2"},
		{"<a href", `Unclosed start tag "a" at byte offset 0`},
		{`<a href="x"`, "Unclosed start tag at byte offset 0"},
		{`<a ="x">y</a>`, `Empty attribute name in the tag "a" at byte offset 0`},
		{`<a href x>y</a>`, `Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0`},
		{"<a href=x/>y</a>", "Unexpected end of name token at byte offset 8"},
		{"<span>x</span>", `Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{"x</b>", "Unexpected end tag at byte offset 1"},
		{"<b>x</b", "Unclosed end tag at byte offset 4"},
		{"<b><i>x</b></i>", `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{`<tg-emoji emoji-id="x">y</tg-emoji>`, "Invalid custom emoji identifier specified"},
		{"&#xD800;", "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, _, err := parseHTML(tt.in, false)
			if err == nil || err.Error() != tt.want {
				t.Errorf("parseHTML(%q) error = %v, want %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestParseHTMLStrict(t *testing.T) {
	if _, _, err := parseHTML("a &amp; b &lt;", true); err != nil {
		t.Fatalf("escaped text: %v", err)
	}
	_, _, err := parseHTML("AT&T", true)
	if want := `Unescaped "&" at byte offset 2 (telegramfake strict HTML mode)`; err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %q", err, want)
	}
}

func TestDetectEntities(t *testing.T) {
	tests := []struct {
		in   string
		want []MessageEntity
	}{
		{"/start", []MessageEntity{{Type: "bot_command", Offset: 0, Length: 6}}},
		{"/start@test_bot deep link", []MessageEntity{{Type: "bot_command", Offset: 0, Length: 15}}},
		{"hi @test_bot, /help", []MessageEntity{{Type: "mention", Offset: 3, Length: 9}, {Type: "bot_command", Offset: 14, Length: 5}}},
		{"😀 /x", []MessageEntity{{Type: "bot_command", Offset: 3, Length: 2}}},
		{"a/b and mail@example.com", nil},
		{"just text", nil},
	}
	for _, tt := range tests {
		if got := detectEntities(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("detectEntities(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestTrimFormatted(t *testing.T) {
	got := trimFormatted(formatted{plain: "\n  <x> \n", entities: []MessageEntity{{Type: "bold", Offset: 0, Length: 6}}})
	want := formatted{plain: "<x>", entities: []MessageEntity{{Type: "bold", Offset: 0, Length: 3}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("trimFormatted = %+v, want %+v", got, want)
	}
}

func FuzzParseHTML(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "a &amp; <i>b", "<pre><code class=\"language-go\">x</code></pre>", "😀<a href=x>y</a>", "<blockquote expandable>q"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		plain, ents, err := parseHTML(in, false)
		if err != nil {
			return
		}
		if utf8.ValidString(in) && !utf8.ValidString(plain) {
			t.Fatalf("invalid UTF-8 output %q from %q", plain, in)
		}
		n := utf16Count(plain)
		for _, e := range ents {
			if e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > n {
				t.Fatalf("entity %+v out of range for %q (len %d)", e, plain, n)
			}
		}
	})
}
