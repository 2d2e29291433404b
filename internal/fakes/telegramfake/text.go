package telegramfake

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Limits of message texts, in UTF-16 code units after entity parsing.
const (
	maxTextLen    = 4096
	maxCaptionLen = 1024
)

// utf16Len returns how many UTF-16 code units encode r.
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// utf16Count returns the length of s in UTF-16 code units, as Telegram
// counts message lengths and entity offsets.
func utf16Count(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

// formatted is a text after its parse mode was applied.
type formatted struct {
	plain    string
	entities []MessageEntity
}

// formatText validates and renders a message text or caption the way the
// Bot API does: UTF-8 check, parse mode, whitespace trim, emptiness and
// length limits.
func (s *Server) formatText(text, parseMode, entitiesJSON string, caption bool) (formatted, error) {
	field := "text"
	if caption {
		field = "caption"
	}
	if !utf8.ValidString(text) {
		return formatted{}, badRequest("%s must be encoded in UTF-8", field)
	}
	var f formatted
	switch strings.ToLower(parseMode) {
	case "":
		f.plain = text
		if entitiesJSON != "" {
			if err := json.Unmarshal([]byte(entitiesJSON), &f.entities); err != nil {
				return formatted{}, badRequest("can't parse entities JSON object")
			}
		}
	case "html":
		plain, ents, err := parseHTML(text, s.cfg.strictHTML)
		if err != nil {
			return formatted{}, badRequest("can't parse entities: %v", err)
		}
		f.plain, f.entities = plain, ents
	case "markdown", "markdownv2":
		// Simplified: Markdown is not parsed; the text is shown as is.
		f.plain = text
	default:
		return formatted{}, badRequest("unsupported parse_mode")
	}
	f = trimFormatted(f)
	if f.plain == "" && !caption {
		return formatted{}, badRequest("message text is empty")
	}
	limit, msg := maxTextLen, "message is too long"
	if caption {
		limit, msg = maxCaptionLen, "message caption is too long"
	}
	if utf16Count(f.plain) > limit {
		return formatted{}, badRequest("%s", msg)
	}
	return f, nil
}

// trimFormatted removes leading and trailing whitespace, as Telegram does
// with every message, and moves the entities accordingly.
func trimFormatted(f formatted) formatted {
	const spaces = " \t\r\n"
	trimmed := strings.TrimLeft(f.plain, spaces)
	lead := len(f.plain) - len(trimmed) // ASCII: bytes are code units
	trimmed = strings.TrimRight(trimmed, spaces)
	n := utf16Count(trimmed)
	var ents []MessageEntity
	for _, e := range f.entities {
		start, end := e.Offset-lead, e.Offset+e.Length-lead
		start, end = max(start, 0), min(end, n)
		if end <= start {
			continue
		}
		e.Offset, e.Length = start, end-start
		ents = append(ents, e)
	}
	return formatted{plain: trimmed, entities: ents}
}

// isWordChar reports the characters of command names and usernames.
func isWordChar(c byte) bool { return isAlnum(c) || c == '_' }

// detectEntities returns the bot_command and mention entities Telegram
// adds to a message a user types.
func detectEntities(text string) []MessageEntity {
	var ents []MessageEntity
	offset := 0 // UTF-16 offset of text[i]
	prev := rune(' ')
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		boundary := prev == ' ' || prev == '\n' || prev == '\t' || prev == '(' || prev == ','
		switch {
		case r == '/' && boundary:
			j := i + 1
			for j < len(text) && isWordChar(text[j]) && j-i <= 64 {
				j++
			}
			if j > i+1 {
				if j < len(text) && text[j] == '@' {
					k := j + 1
					for k < len(text) && isWordChar(text[k]) {
						k++
					}
					if k-j-1 >= 3 {
						j = k
					}
				}
				ents = append(ents, MessageEntity{Type: "bot_command", Offset: offset, Length: j - i})
				offset += j - i
				prev = rune(text[j-1])
				i = j
				continue
			}
		case r == '@' && boundary:
			j := i + 1
			for j < len(text) && isWordChar(text[j]) {
				j++
			}
			if n := j - i - 1; n >= 5 && n <= 32 {
				ents = append(ents, MessageEntity{Type: "mention", Offset: offset, Length: j - i})
				offset += j - i
				prev = rune(text[j-1])
				i = j
				continue
			}
		}
		offset += utf16Len(r)
		prev = r
		i += size
	}
	return ents
}
