package telegramfake

import (
	"bytes"
	"encoding/json"
)

// markup is a parsed reply_markup parameter.
type markup struct {
	raw    json.RawMessage          // compacted JSON as sent; nil when absent
	inline [][]InlineKeyboardButton // the inline keyboard, if it is one
}

// isInline reports whether the markup is an inline keyboard.
func (m markup) isInline() bool { return m.inline != nil }

// echo returns the reply_markup a Message object carries: Telegram only
// keeps inline keyboards on messages.
func (m markup) echo() json.RawMessage {
	if !m.isInline() {
		return nil
	}
	return m.raw
}

// isButtonAction reports whether a field gives an inline button an action.
func isButtonAction(field string) bool {
	switch field {
	case "url", "callback_data", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
		"switch_inline_query_chosen_chat", "callback_game", "pay", "web_app", "copy_text":
		return true
	}
	return false
}

// parseReplyMarkup validates a reply_markup parameter like the Bot API.
func parseReplyMarkup(s string) (markup, error) {
	if s == "" {
		return markup{}, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &obj); err != nil || obj == nil {
		return markup{}, badRequest("can't parse reply keyboard markup JSON object")
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil {
		return markup{}, badRequest("can't parse reply keyboard markup JSON object")
	}
	m := markup{raw: buf.Bytes()}
	rawRows, ok := obj["inline_keyboard"]
	if !ok {
		for _, k := range []string{"keyboard", "remove_keyboard", "force_reply"} {
			if _, ok := obj[k]; ok {
				return m, nil
			}
		}
		return markup{}, badRequest("can't parse reply keyboard markup JSON object")
	}
	var rows [][]map[string]json.RawMessage
	if err := json.Unmarshal(rawRows, &rows); err != nil {
		return markup{}, badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array")
	}
	m.inline = make([][]InlineKeyboardButton, 0, len(rows))
	for _, row := range rows {
		out := make([]InlineKeyboardButton, 0, len(row))
		for _, fields := range row {
			b, err := parseInlineButton(fields)
			if err != nil {
				return markup{}, err
			}
			out = append(out, b)
		}
		m.inline = append(m.inline, out)
	}
	return m, nil
}

// parseInlineButton validates one inline keyboard button.
func parseInlineButton(fields map[string]json.RawMessage) (InlineKeyboardButton, error) {
	var b InlineKeyboardButton
	if err := json.Unmarshal(fields["text"], &b.Text); err != nil {
		return b, badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
	}
	actions := 0
	for k := range fields {
		if isButtonAction(k) {
			actions++
		}
	}
	if actions == 0 {
		return b, badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	}
	if raw, ok := fields["callback_data"]; ok {
		if err := json.Unmarshal(raw, &b.CallbackData); err != nil || b.CallbackData == "" || len(b.CallbackData) > 64 {
			return b, badRequest("BUTTON_DATA_INVALID")
		}
	}
	if raw, ok := fields["url"]; ok {
		if err := json.Unmarshal(raw, &b.URL); err != nil {
			return b, badRequest("BUTTON_URL_INVALID")
		}
		if _, ok := checkURL(b.URL); !ok {
			return b, badRequest("BUTTON_URL_INVALID")
		}
	}
	return b, nil
}
