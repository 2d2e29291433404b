package telegram

import (
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/interviewbot/interviewbot/bot"
)

// suggestedPrefix marks the suggested button.
const suggestedPrefix = "✓ "

// maxCallbackData is Telegram's limit for callback_data, in bytes.
const maxCallbackData = 64

// htmlEscaper escapes text for Telegram's HTML parse mode. Quotes are
// escaped too, so the same escaping is safe inside attribute values.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// styleTags are the HTML tags of the inline styles.
var styleTags = map[bot.Style]string{
	bot.Bold:    "b",
	bot.Italic:  "i",
	bot.Code:    "code",
	bot.Spoiler: "tg-spoiler",
}

// sanitize makes user text safe to send: invalid UTF-8 becomes U+FFFD and
// control characters other than tab and newline are dropped (carriage
// returns included).
func sanitize(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, dropped) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if dropped(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// dropped reports the control characters sanitize removes.
func dropped(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f
}

// escapeHTML escapes sanitized text for HTML parse mode.
func escapeHTML(s string) string { return htmlEscaper.Replace(sanitize(s)) }

// renderHTML renders a text in Telegram's HTML parse mode: styled spans in
// their tags, consecutive quoted lines in one blockquote, lines joined by
// newlines. Span texts are escaped; the result is valid on its own.
func renderHTML(t bot.Text) string {
	var b strings.Builder
	inQuote := false
	for i, l := range t {
		if i > 0 {
			if inQuote && !l.Quote {
				b.WriteString("</blockquote>")
				inQuote = false
			}
			b.WriteByte('\n')
		}
		if l.Quote && !inQuote {
			b.WriteString("<blockquote>")
			inQuote = true
		}
		for _, s := range l.Spans {
			writeSpan(&b, s)
		}
	}
	if inQuote {
		b.WriteString("</blockquote>")
	}
	return b.String()
}

// writeSpan writes one span in its style's tag.
func writeSpan(b *strings.Builder, s bot.Span) {
	if s.Text == "" {
		return
	}
	tag, ok := styleTags[s.Style]
	if ok {
		b.WriteString("<" + tag + ">")
	}
	b.WriteString(escapeHTML(s.Text))
	if ok {
		b.WriteString("</" + tag + ">")
	}
}

// keyboard renders button rows as an inline keyboard, or nil when no
// button is left. Form buttons are left out (on Telegram the person
// replies to the message); the suggested button's label gets a check mark.
// Buttons Telegram would reject (no label, no or too long callback data)
// are left out too.
func keyboard(rows [][]bot.Button) *tgbotapi.InlineKeyboardMarkup {
	var out [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, btn := range row {
			label := strings.TrimSpace(sanitize(btn.Label))
			if btn.Form || label == "" || btn.Action == "" || len(btn.Action) > maxCallbackData || !utf8.ValidString(btn.Action) {
				continue
			}
			if btn.Suggested {
				label = suggestedPrefix + label
			}
			r = append(r, tgbotapi.NewInlineKeyboardButtonData(label, btn.Action))
		}
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: out}
}
