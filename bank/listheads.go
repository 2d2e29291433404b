package bank

import (
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
	items := 0
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
		if !ok {
			continue
		}
		items++
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
	if n := len(found.pts); n < 2 || 2*n < items {
		return nil, false // a few items with names among sentences: no list of names
	}
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
