package bank

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// listHeadPoints reads the key points of an answer that is a list: the
// name each item opens with (平台无关性（…）, 编译型：…, "Quirks mode -
// …"), or a short item whole (file permissions, 系统可用性降低). The
// author's list is the answer's structure, as 第一/第二 are; an item that
// opens with a sentence gives none. It needs two heads or more, and heads
// for half the items. It returns the first maxMarksRead heads and reports
// whether there were more.
func listHeadPoints(text, prompt string) (pts []KeyPoint, more bool) {
	promptCompact := textnorm.Compact(prompt)
	var found pointSet
	items := listItems(text)
	for _, item := range items {
		head := itemHeadText(item)
		if head == "" || isAsideOrQuestion(head) || reExample.MatchString(head) || strings.ContainsAny(head, "你我他她") || isFramingClause(head) || isFraming(head) {
			continue // "比如你拿个数据要写库": an example told, not a name
		}
		kp, ok := cleanPoint(strings.ReplaceAll(head, "`", ""))
		if !ok || strings.Contains(promptCompact, textnorm.Compact(kp.Text)) || isAllDigits(kp.Text) {
			continue
		}
		kp.Origin = OriginEnumeration
		kp.Sentence = item
		found.add(kp)
	}
	if n := len(found.pts); n < 2 || 2*n < len(items) {
		return nil, false // a few items with names among sentences: no list of names
	}
	withItemTerms(found.pts)
	if len(found.pts) > maxMarksRead {
		return found.pts[:maxMarksRead], true
	}
	return found.pts, false
}

// Head sizes: a name is at most maxHeadRunes Chinese characters or
// maxHeadWords English words.
const (
	maxHeadRunes = 12
	maxHeadWords = 5
)

// itemHeadText returns the name a list item opens with, or the whole item
// when it is short, or "".
func itemHeadText(item string) string {
	head := item
	if i := strings.IndexAny(item, "（(：:，,；;。"); i >= 0 {
		head = item[:i]
	}
	if h, _, ok := itemHead(item); ok && len(h) < len(head) {
		head = h
	}
	head = strings.TrimSpace(strings.TrimRight(head, " .。…"))
	if head == "" || strings.Trim(head, ".。… ") == "" {
		return ""
	}
	if mostlyLatin(head) {
		words := strings.Fields(head)
		for len(words) > 1 && textnorm.IsStopWord(strings.ToLower(words[0])) {
			words = words[1:] // "a regular file"
		}
		if len(words) > maxHeadWords {
			return ""
		}
		return strings.Join(words, " ")
	}
	if utf8.RuneCountInString(head) > maxHeadRunes {
		return ""
	}
	return head
}

// labelledItemPoints reads the items of the answer's lists that open with
// a label and a colon (`- 第一次握手：Client将SYN置1…`): the author named
// each step, so each is a point, whatever else the answer marks. A label
// that holds a sentence (你/我, a comma, a framing clause) is none. It needs
// two labelled items or more, and labels for half the items.
func labelledItemPoints(text string) []KeyPoint {
	var found pointSet
	items := listItems(text)
	for _, item := range items {
		label, _, ok := itemLabel(item)
		if !ok {
			continue
		}
		kp, ok := cleanPoint(label)
		if !ok || kp.Text != label {
			continue
		}
		kp.Origin = OriginEnumeration
		kp.Sentence = item
		found.add(kp)
	}
	if n := len(found.pts); n < 2 || 2*n < len(items) {
		return nil
	}
	withItemTerms(found.pts)
	return found.pts[:min(len(found.pts), maxMarksRead)]
}

// itemLabel splits a list item at the colon that ends its label: a name of
// at most maxHeadRunes characters (maxHeadWords English words), not a
// clause of a sentence. A colon of a URL (https://) ends no label.
func itemLabel(item string) (label, content string, ok bool) {
	i := strings.IndexAny(item, "：:")
	if i <= 0 {
		return "", "", false
	}
	_, size := utf8.DecodeRuneInString(item[i:])
	label, content = strings.TrimSpace(stripBoldMarks(item[:i])), strings.TrimSpace(item[i+size:])
	if content == "" || strings.HasPrefix(content, "//") || label == "" {
		return "", "", false
	}
	if strings.ContainsAny(label, "，,。；;！？!?（()）`\"“”") || strings.ContainsAny(label, "你我他她") {
		return "", "", false
	}
	if mostlyLatin(label) {
		if len(strings.Fields(label)) > maxHeadWords {
			return "", "", false
		}
	} else if utf8.RuneCountInString(label) > maxHeadRunes {
		return "", "", false
	}
	if isAsideOrQuestion(label) || reExample.MatchString(label) || isFramingClause(label) || isFraming(label) || isAllDigits(label) {
		return "", "", false
	}
	return label, content, true
}

// maxItemTerms bounds the acronyms a labelled point carries.
const maxItemTerms = 2

// withItemTerms adds to each Chinese label of a list the acronyms its
// item names (第一次握手 with SYN gives 第一次握手（SYN）): the label says
// which step, the acronym what happens in it, and a reply that names
// either is heard. The acronyms are added only when they tell every item
// apart (SYN / SYN、ACK / ACK); CPU in two of 就绪/运行/阻塞 tells nothing.
func withItemTerms(pts []KeyPoint) {
	terms := make([]string, len(pts))
	seen := map[string]bool{}
	for i, kp := range pts {
		label, content, ok := itemLabel(kp.Sentence)
		if !ok || label != kp.Text || mostlyLatin(label) {
			return
		}
		terms[i] = strings.Join(itemAcronyms(label, content), "、")
		if terms[i] == "" || seen[terms[i]] {
			return
		}
		seen[terms[i]] = true
	}
	for i := range pts {
		pts[i].Text += "（" + terms[i] + "）"
	}
}

// itemAcronyms returns the first maxItemTerms acronyms of an item's
// content that its label does not hold.
func itemAcronyms(label, content string) []string {
	var terms []string
	for _, w := range strings.FieldsFunc(content, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
	}) {
		if isCapitalsAcronym(w) && !strings.Contains(label, w) && !slices.Contains(terms, w) {
			terms = append(terms, w)
		}
		if len(terms) == maxItemTerms {
			break
		}
	}
	return terms
}

// isCapitalsAcronym reports whether w is two to five capital letters (SYN, ACK,
// RST), not a constant (SYN_SENT) or a word in capitals (ESTABLISHED).
func isCapitalsAcronym(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// isLinkItem reports whether a list item is a bare link (https://…,
// www.…): a reference, not a name of the answer.
func isLinkItem(item string) bool {
	item = strings.ToLower(strings.TrimSpace(item))
	if strings.HasPrefix(item, "www.") {
		return true
	}
	i := strings.Index(item, "://")
	if i <= 0 {
		return false
	}
	for _, r := range item[:i] {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// listItems returns the text of the list items of an answer, outside code
// blocks; a bare link (https://…) is the notes' references, not an item.
func listItems(text string) []string {
	var items []string
	inCode := false
	for _, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") {
			inCode = !inCode
			continue
		}
		if inCode {
			continue
		}
		item, ok := bullet(t)
		if !ok {
			item, ok = numbered(t)
		}
		if ok && !isLinkItem(item) {
			items = append(items, item)
		}
	}
	return items
}

// ItemNames returns the names the list items of an answer open with, bold
// marks left out: 管道 of `1. 管道(Pipe)`, 原子性 of `- **原子性**
// （Atomicity）：…`, `Inner join` of `- Inner join: …`. The grader takes
// naming one as answering it when the question asks for the list.
func ItemNames(text string) []string {
	var names []string
	for _, item := range listItems(text) {
		if head := itemHeadText(stripBoldMarks(item)); head != "" {
			names = append(names, head)
		}
	}
	return names
}

// minStatements is how many numbered statements make an answer a list of
// statements (1. TCP是面向连接的，UDP是无连接的；2. …).
const minStatements = 3

// numberedStatements returns the items of an answer's numbered list when
// they are statements: minStatements numbered items or more, half of them
// or more sentences rather than names (a clause break, or longer than a
// name), none a labelled item (`1. 管道：…` is a name and its content).
func numberedStatements(text string) []string {
	var items []string
	for l := range linesOutsideCode(text) {
		if item, ok := numbered(strings.TrimSpace(l)); ok && !isLinkItem(item) {
			items = append(items, stripBoldMarks(item))
		}
	}
	if len(items) < minStatements {
		return nil
	}
	statements := 0
	for _, item := range items {
		if _, _, labelled := itemLabel(item); labelled {
			return nil
		}
		if isStatement(item) {
			statements++
		}
	}
	if statements < minStatements || 2*statements < len(items) {
		return nil
	}
	return items
}

// isStatement reports whether a list item is a sentence rather than a
// name: it has a clause break, or it is longer than a name.
func isStatement(item string) bool {
	t := strings.TrimRight(strings.TrimSpace(item), "。.；;，,！!？? ")
	base, _ := splitParen(t)
	if mostlyLatin(base) {
		return strings.ContainsAny(base, ",;.") || len(strings.Fields(base)) > maxHeadWords
	}
	return strings.ContainsAny(base, "，,；;。") || utf8.RuneCountInString(base) > maxHeadRunes
}

// statementPoints gives one point per numbered statement (items, from
// numberedStatements) of an answer's text: its short form, the statement's first clause when
// it is short enough to be a name (TCP是面向连接的 of `TCP是面向连接的，UDP是
// 无连接的`; a Chinese clause, not one that frames a time, 每次过程重入时),
// else the statement's best phrase (连接状态表). A statement that says
// nothing checkable gives none.
func (c corpus) statementPoints(items []string, text, prompt string) []KeyPoint {
	promptCompact := textnorm.Compact(prompt)
	english := mostlyLatin(text)
	ip := c.newIdeaPicker(prompt, english)
	var found pointSet
	for _, item := range items {
		var kp KeyPoint
		ok := false
		if !english {
			// An English statement's first clause is a sentence ("If it
			// exists", "They provide simpler syntax"): its phrase is read.
			kp, ok = statementHead(item, promptCompact)
		}
		if !ok {
			best, score := ip.bestWhere(item, func(p phrase) bool { return !modifiesNext(item, p.text) })
			if score == 0 {
				continue
			}
			kp, ok = KeyPoint{Text: best.text, Aliases: best.aliases}, true
		}
		kp.Origin, kp.Sentence = OriginEnumeration, item
		found.add(kp)
	}
	return found.pts
}

// statementHead returns a statement's first clause as a point, when it is
// short enough to be a name and says more than the prompt.
func statementHead(item, promptCompact string) (KeyPoint, bool) {
	head := itemHeadText(item)
	if head == "" || strings.HasSuffix(head, "时") || isAsideOrQuestion(head) || reExample.MatchString(head) || isFramingClause(head) || isFraming(head) {
		return KeyPoint{}, false
	}
	kp, ok := cleanPoint(strings.ReplaceAll(head, "`", ""))
	if !ok || strings.Contains(promptCompact, textnorm.Compact(kp.Text)) || isAllDigits(kp.Text) {
		return KeyPoint{}, false
	}
	return kp, true
}

// modifiesNext reports whether a phrase of a statement only describes what
// follows it: it is followed by 的 (维持复杂 of 维持复杂的连接状态表) or
// ends on 时 (每次过程重入时, a time, not a thing).
func modifiesNext(statement, text string) bool {
	if strings.HasSuffix(text, "时") {
		return true
	}
	for off := 0; ; {
		i := strings.Index(statement[off:], text)
		if i < 0 {
			return false
		}
		off += i + len(text)
		if strings.HasPrefix(strings.TrimSpace(statement[off:]), "的") {
			return true
		}
	}
}
