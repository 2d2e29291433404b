package telegramfake

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// entityError is an error of Telegram's markup parser; the API answers it
// as "Bad Request: can't parse entities: " followed by the message.
type entityError struct{ msg string }

// Error returns the parser's message.
func (e *entityError) Error() string { return e.msg }

// entityErrorf returns an *entityError.
func entityErrorf(format string, args ...any) error {
	return &entityError{msg: fmt.Sprintf(format, args...)}
}

// openTag is a start tag waiting for its end tag.
type openTag struct {
	name    string
	arg     string
	offset  int // in UTF-16 code units of the output
	byteOff int // in bytes of the output
}

// htmlParser holds the state of one parse.
type htmlParser struct {
	text   string
	strict bool
	out    []byte
	utf16  int
	stack  []openTag
	ents   []MessageEntity
}

// parseHTML parses text in Telegram's HTML parse mode the way the Bot API
// server (tdlib) does and returns the plain text a user sees and its
// entities. Unknown tags, unclosed or misnested tags and malformed
// attributes are errors; a bare "&" that starts no supported character
// reference is kept literally, unless strict is set.
func parseHTML(text string, strict bool) (string, []MessageEntity, error) {
	p := &htmlParser{text: text, strict: strict, out: make([]byte, 0, len(text))}
	if err := p.run(); err != nil {
		return "", nil, err
	}
	finishCode(p.ents)
	slices.SortStableFunc(p.ents, func(a, b MessageEntity) int {
		if a.Offset != b.Offset {
			return a.Offset - b.Offset
		}
		return b.Length - a.Length
	})
	return string(p.out), p.ents, nil
}

// at returns the byte at i, or 0 past the end (tdlib's parser relies on
// the terminating NUL the same way).
func (p *htmlParser) at(i int) byte {
	if i < len(p.text) {
		return p.text[i]
	}
	return 0
}

// isHTMLSpace reports the characters tdlib treats as spaces in tags.
func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0 || c == '\v' || c == '\f'
}

// run parses the whole text.
func (p *htmlParser) run() error {
	for i := 0; i < len(p.text); i++ {
		c := p.text[i]
		if c == '&' {
			if r, next, ok := decodeHTMLEntity(p.text, i); ok {
				if r >= 0xd800 && r <= 0xdfff {
					return entityErrorf("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units")
				}
				p.out = utf8.AppendRune(p.out, r)
				p.utf16 += utf16Len(r)
				i = next - 1
				continue
			}
			if p.strict {
				return entityErrorf("Unescaped \"&\" at byte offset %d (telegramfake strict HTML mode)", i)
			}
		}
		if c != '<' {
			if c&0xc0 != 0x80 { // first byte of a UTF-8 sequence
				p.utf16++
				if c >= 0xf0 {
					p.utf16++
				}
			}
			p.out = append(p.out, c)
			continue
		}
		var err error
		if p.at(i+1) == '/' {
			i, err = p.endTag(i)
		} else {
			i, err = p.startTag(i)
		}
		if err != nil {
			return err
		}
	}
	if n := len(p.stack); n > 0 {
		return entityErrorf("Can't find end tag corresponding to start tag \"%s\"", p.stack[n-1].name)
	}
	return nil
}

// supportedTag reports whether Telegram accepts a start tag.
func supportedTag(name string) bool {
	switch name {
	case "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji",
		"span", "pre", "code", "blockquote":
		return true
	}
	return false
}

// startTag parses a start tag at begin and returns the index of its '>'.
func (p *htmlParser) startTag(begin int) (int, error) {
	i := begin + 1
	for !isHTMLSpace(p.at(i)) && p.at(i) != '>' {
		i++
	}
	if i >= len(p.text) {
		return 0, entityErrorf("Unclosed start tag at byte offset %d", begin)
	}
	name := strings.ToLower(p.text[begin+1 : i])
	if !supportedTag(name) {
		return 0, entityErrorf("Unsupported start tag \"%s\" at byte offset %d", name, begin)
	}
	arg := ""
	for p.at(i) != '>' {
		for i < len(p.text) && isHTMLSpace(p.at(i)) {
			i++
		}
		if p.at(i) == '>' {
			break
		}
		attrBegin := i
		for i < len(p.text) && !isHTMLSpace(p.at(i)) && p.at(i) != '=' && p.at(i) != '>' {
			i++
		}
		attr := strings.ToLower(p.text[attrBegin:i])
		if attr == "" {
			return 0, entityErrorf("Empty attribute name in the tag \"%s\" at byte offset %d", name, begin)
		}
		for i < len(p.text) && isHTMLSpace(p.at(i)) {
			i++
		}
		if p.at(i) != '=' {
			if name == "blockquote" && attr == "expandable" {
				arg = "1"
				continue
			}
			if i >= len(p.text) {
				return 0, entityErrorf("Unclosed start tag \"%s\" at byte offset %d", name, begin)
			}
			return 0, entityErrorf("Expected equal sign in declaration of an attribute of the tag \"%s\" at byte offset %d", name, begin)
		}
		i++
		for i < len(p.text) && isHTMLSpace(p.at(i)) {
			i++
		}
		if i >= len(p.text) {
			return 0, entityErrorf("Unclosed start tag \"%s\" at byte offset %d", name, begin)
		}
		value, next, err := p.attrValue(i)
		if err != nil {
			return 0, err
		}
		i = next
		if i >= len(p.text) {
			return 0, entityErrorf("Unclosed start tag at byte offset %d", begin)
		}
		arg = tagArg(name, attr, value, arg)
	}
	if name == "span" && arg != "spoiler" {
		return 0, entityErrorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
	}
	p.stack = append(p.stack, openTag{name: name, arg: arg, offset: p.utf16, byteOff: len(p.out)})
	return i, nil
}

// attrValue parses an attribute value at i, unquoted (a name token,
// lower-cased) or quoted (entities decoded), and returns it with the index
// after it.
func (p *htmlParser) attrValue(i int) (string, int, error) {
	q := p.at(i)
	if q != '"' && q != '\'' {
		tokenBegin := i
		for isAlnum(p.at(i)) || p.at(i) == '.' || p.at(i) == '-' {
			i++
		}
		if !isHTMLSpace(p.at(i)) && p.at(i) != '>' {
			return "", 0, entityErrorf("Unexpected end of name token at byte offset %d", tokenBegin)
		}
		return strings.ToLower(p.text[tokenBegin:i]), i, nil
	}
	i++
	var b []byte
	for i < len(p.text) && p.at(i) != q {
		if p.at(i) == '&' {
			if r, next, ok := decodeHTMLEntity(p.text, i); ok {
				b = utf8.AppendRune(b, r)
				i = next
				continue
			}
		}
		b = append(b, p.at(i))
		i++
	}
	if p.at(i) == q {
		i++
	}
	return string(b), i, nil
}

// tagArg returns the argument a tag's attribute gives it (a link's href,
// a code block's language …), or arg when the attribute gives none.
func tagArg(name, attr, value, arg string) string {
	switch {
	case name == "a" && attr == "href":
		return value
	case name == "code" && attr == "class" && strings.HasPrefix(value, "language-"):
		return value[len("language-"):]
	case name == "span" && attr == "class" && strings.HasPrefix(value, "tg-"):
		return value[len("tg-"):]
	case name == "tg-emoji" && attr == "emoji-id":
		return value
	case name == "blockquote" && attr == "expandable":
		return "1"
	}
	return arg
}

// endTag parses an end tag at begin and returns the index of its '>'.
func (p *htmlParser) endTag(begin int) (int, error) {
	if len(p.stack) == 0 {
		return 0, entityErrorf("Unexpected end tag at byte offset %d", begin)
	}
	i := begin + 2
	for i < len(p.text) && !isHTMLSpace(p.at(i)) && p.at(i) != '>' {
		i++
	}
	endName := strings.ToLower(p.text[begin+2 : i])
	for i < len(p.text) && isHTMLSpace(p.at(i)) {
		i++
	}
	if p.at(i) != '>' {
		return 0, entityErrorf("Unclosed end tag at byte offset %d", begin)
	}
	top := p.stack[len(p.stack)-1]
	if endName != "" && endName != top.name {
		return 0, entityErrorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.name, endName)
	}
	p.stack = p.stack[:len(p.stack)-1]
	if p.utf16 > top.offset {
		if err := p.addEntity(top); err != nil {
			return 0, err
		}
	}
	return i, nil
}

// addEntity turns a closed tag into an entity.
func (p *htmlParser) addEntity(t openTag) error {
	e := MessageEntity{Offset: t.offset, Length: p.utf16 - t.offset}
	last := func() *MessageEntity {
		if n := len(p.ents); n > 0 && p.ents[n-1].Offset == e.Offset && p.ents[n-1].Length == e.Length {
			return &p.ents[n-1]
		}
		return nil
	}
	switch t.name {
	case "b", "strong":
		e.Type = "bold"
	case "i", "em":
		e.Type = "italic"
	case "u", "ins":
		e.Type = "underline"
	case "s", "strike", "del":
		e.Type = "strikethrough"
	case "tg-spoiler", "span":
		e.Type = "spoiler"
	case "blockquote":
		e.Type = "blockquote"
		if t.arg != "" {
			e.Type = "expandable_blockquote"
		}
	case "tg-emoji":
		id, err := strconv.ParseInt(t.arg, 10, 64)
		if err != nil || id <= 0 {
			return entityErrorf("Invalid custom emoji identifier specified")
		}
		e.Type, e.CustomEmojiID = "custom_emoji", t.arg
	case "a":
		link := t.arg
		if link == "" {
			link = string(p.out[t.byteOff:])
		}
		u, ok := checkURL(link)
		if !ok {
			return nil // Telegram drops links it cannot use
		}
		e.Type, e.URL = "text_link", u
	case "code":
		if l := last(); l != nil && l.Type == "pre" {
			if l.Language == "" {
				l.Language = t.arg
			}
			return nil
		}
		e.Type = "code"
	case "pre":
		if l := last(); l != nil && l.Type == "code" {
			l.Type = "pre"
			return nil
		}
		e.Type = "pre"
	}
	if e.Type == "code" && t.arg != "" {
		// Remember the language until the enclosing pre closes.
		e.Language = t.arg
	}
	p.ents = append(p.ents, e)
	return nil
}

// finishCode drops languages left on code entities outside pre.
func finishCode(ents []MessageEntity) {
	for i := range ents {
		if ents[i].Type == "code" {
			ents[i].Language = ""
		}
	}
}

// checkURL validates a link target like Telegram does (loosely): a URL
// without a scheme gets http://.
func checkURL(link string) (string, bool) {
	link = strings.TrimSpace(link)
	if link == "" || strings.ContainsAny(link, " \n\t") {
		return "", false
	}
	if !strings.Contains(link, "://") && !strings.HasPrefix(link, "tg:") && !strings.HasPrefix(link, "mailto:") {
		link = "http://" + link
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "" && u.Scheme != "tg") {
		return "", false
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		if u.Path == "" && u.RawQuery == "" && u.Fragment == "" {
			link += "/"
		}
	}
	return link, true
}

// isAlnum reports an ASCII letter or digit.
func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// decodeHTMLEntity decodes the character reference at text[pos] ('&') the
// way tdlib does: &lt; &gt; &amp; &quot; and numeric references, the ';'
// being optional. It returns the rune and the index after the reference.
func decodeHTMLEntity(text string, pos int) (rune, int, bool) {
	at := func(i int) byte {
		if i < len(text) {
			return text[i]
		}
		return 0
	}
	end := pos + 1
	var r rune
	if at(pos+1) == '#' {
		end++
		if at(pos+2) == 'x' {
			end++
			for isHex(at(end)) {
				r = r*16 + rune(hexVal(at(end)))
				end++
				if r >= 0x10ffff {
					return 0, 0, false
				}
			}
		} else {
			for at(end) >= '0' && at(end) <= '9' {
				r = r*10 + rune(at(end)-'0')
				end++
				if r >= 0x10ffff {
					return 0, 0, false
				}
			}
		}
		if r == 0 || r >= 0x10ffff || end-pos >= 10 {
			return 0, 0, false
		}
	} else {
		for c := at(end); c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'; c = at(end) {
			end++
		}
		switch text[pos+1 : end] {
		case "lt":
			r = '<'
		case "gt":
			r = '>'
		case "amp":
			r = '&'
		case "quot":
			r = '"'
		default:
			return 0, 0, false
		}
	}
	if at(end) == ';' {
		end++
	}
	return r, end, true
}

// isHex reports an ASCII hexadecimal digit.
func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// hexVal returns the value of a hexadecimal digit.
func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}
