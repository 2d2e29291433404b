package telegram

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkHTML parses text in Telegram's HTML parse mode, strictly, for the
// subset the adapter emits: the tags b, i, code, tg-spoiler and blockquote
// without attributes, properly nested (blockquote only at the top); the
// references &amp; &lt; &gt; &quot; and no bare "&", "<" or ">". It returns
// the text a user sees.
func checkHTML(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("invalid UTF-8")
	}
	var (
		out   strings.Builder
		stack []string
	)
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '&':
			ok := false
			for ref, r := range map[string]string{"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": `"`} {
				if strings.HasPrefix(s[i:], ref) {
					out.WriteString(r)
					i += len(ref)
					ok = true
					break
				}
			}
			if !ok {
				return "", fmt.Errorf("bare & at %d", i)
			}
		case '>':
			return "", fmt.Errorf("bare > at %d", i)
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("unclosed tag at %d", i)
			}
			tag := s[i+1 : i+end]
			i += end + 1
			if name, closing := strings.CutPrefix(tag, "/"); closing {
				if len(stack) == 0 || stack[len(stack)-1] != name {
					return "", fmt.Errorf("unmatched </%s>", name)
				}
				stack = stack[:len(stack)-1]
				continue
			}
			switch tag {
			case "b", "i", "code", "tg-spoiler":
			case "blockquote":
				if len(stack) > 0 {
					return "", fmt.Errorf("blockquote inside <%s>", stack[len(stack)-1])
				}
			default:
				return "", fmt.Errorf("unsupported tag <%s>", tag)
			}
			stack = append(stack, tag)
		default:
			out.WriteByte(c)
			i++
		}
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("unclosed <%s>", stack[len(stack)-1])
	}
	return out.String(), nil
}
