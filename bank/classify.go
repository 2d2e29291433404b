package bank

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// questionIndent is the deepest indentation at which a line can start a
// question; answers are indented further in the notes this bank reads.
const questionIndent = 1

var (
	reHeading = regexp.MustCompile(`^(#{1,6})\s+(.*?)[\s#]*$`)
	// A numbered line: 1. Q, 1、Q, 1）Q, Q1: Q, 1.1.7 Q, **1、**Q. A dot counts
	// only before a space or, in reNumberedTight, a word (101.输出什么),
	// never before a digit, so 192.168.1.2 and 3.14 are not numbers.
	reNumbered      = regexp.MustCompile(`^(?:\*\*)?(?:[Qq]\s*\d{1,4}\s*[:：.．、)）]\s*|\d{1,4}(?:[.．]\s+|\s*[、)）]\s*)|\d{1,3}(?:\.\d{1,3}){1,2}[.．]?\s+)(?:\*\*)?\s*(.*)$`)
	reBullet        = regexp.MustCompile(`^[-*+•·]\s+(.*)$`)
	reNumberedTight = regexp.MustCompile(`^(?:\*\*)?\d{1,4}[.．]((?:[^\d\s.．*]|\*\*).*)$`)
	// An answer marker, bold or not, with the colon inside or outside the
	// bold: 回答：, **答案**：, **参考答案：**, Answer:.
	// The bracket form, 【答案】…, needs no colon.
	reMarker = regexp.MustCompile(`(?i)^(?:\*\*)?\s*(?:(?:参考答案|答案解析|参考解答|解答|回答|答案|答|answer|a)\s*(?:\*\*)?\s*[:：]|` +
		`【(?:参考答案|答案解析|参考解答|解答|回答|答案)】(?:\*\*)?\s*[:：]?)\s*(?:\*\*)?\s*(.*)$`)
	reOutline = regexp.MustCompile(`^[>＞]\s?(.*)$`)
	// A variant label is a bold phrase alone on its line with a colon:
	// **SRE/DevOps工程师方向：** or **腾讯**：
	reLabel = regexp.MustCompile(`^\*\*\s*([^*]+?)\s*(?:[:：]\s*\*\*|\*\*\s*[:：])\s*$`)
	// A follow-up block: "k8s相关：", "追问：...", "Follow-up: ...".
	reFollowUpTopic = regexp.MustCompile(`^(.{1,16}?)\s*(相关|追问|延伸问题|补充问题)\s*[:：]\s*$`)
	reFollowUpAsk   = regexp.MustCompile(`(?i)^(?:面试官)?(?:追问|follow[- ]?up)\s*[:：]\s*(.*)$`)
	// A template line such as "Situation:描述情景" (STAR and similar).
	reTemplate = regexp.MustCompile(`^[A-Za-z][A-Za-z ]{1,15}\s*[:：]\s*(.{0,20})$`)
	reBold     = regexp.MustCompile(`\*\*(.+?)\*\*`)
)

// questionWords are words that make a line read as a question even without
// a question mark.
var questionWords = []string{
	"什么", "怎么", "如何", "为什么", "为何", "哪些", "哪个", "哪里", "多少", "是否",
	"有没有", "能不能", "会不会", "是不是", "吗", "呢", "介绍一下", "谈谈", "说说",
	"讲讲", "区别", "how ", "what ", "why ", "which ", "describe ", "explain ", " vs ", " vs. ", " versus ",
}

// continuationWords open a sentence that continues the previous one; a line
// starting with one is never a question of its own.
var continuationWords = []string{"但是", "而且", "那么", "所以", "然后", "另外", "还有", "并且", "以及", "那"}

func heading(text string) (level int, title string, ok bool) {
	if !strings.HasPrefix(text, "#") {
		return 0, "", false
	}
	m := reHeading.FindStringSubmatch(text)
	if m == nil {
		return 0, "", false
	}
	return len(m[1]), m[2], true
}

func numbered(text string) (rest string, ok bool) {
	if text == "" || !strings.ContainsRune("0123456789Qq*", rune(text[0])) {
		return "", false
	}
	m := reNumbered.FindStringSubmatch(text)
	if m == nil {
		m = reNumberedTight.FindStringSubmatch(text)
	}
	if m == nil {
		return "", false
	}
	rest = strings.TrimSpace(strings.TrimPrefix(m[1], "**"))
	if rest == "" {
		return "", false
	}
	return m[1], true
}

// trimLeadingNumber removes numbering from the start of s, if any.
func trimLeadingNumber(s string) string {
	if rest, ok := numbered(strings.TrimSpace(s)); ok {
		return rest
	}
	return s
}

func bullet(text string) (rest string, ok bool) {
	if strings.HasPrefix(text, "**") {
		return "", false
	}
	m := reBullet.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// answerMarker recognizes 回答：, 答案：, **答案**：, **参考答案：**,
// **答案解析**：, 【答案】, Answer: and returns the text after the marker
// on the same line. A bold label that opens a line is a label, never a
// bold phrase of the answer.
func answerMarker(text string) (rest string, ok bool) {
	if !strings.ContainsAny(text, ":：】") {
		return "", false
	}
	m := reMarker.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

func outlineLine(text string) (rest string, ok bool) {
	if !strings.HasPrefix(text, ">") && !strings.HasPrefix(text, "＞") {
		return "", false
	}
	m := reOutline.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

func variantLabel(text string) (label string, ok bool) {
	if !strings.HasPrefix(text, "**") {
		return "", false
	}
	if _, isMarker := answerMarker(text); isMarker {
		return "", false
	}
	m := reLabel.FindStringSubmatch(text)
	if m == nil || utf8.RuneCountInString(m[1]) > 30 {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

// followUp recognizes the start of a follow-up block inside an answer and
// returns its label (the subject, "k8s") or the follow-up question asked on
// the same line.
func followUp(text string) (label, ask string, ok bool) {
	if !strings.ContainsAny(text, ":：") {
		return "", "", false
	}
	t := stripBoldMarks(text)
	if m := reFollowUpAsk.FindStringSubmatch(t); m != nil {
		return "", strings.TrimSpace(m[1]), true
	}
	if m := reFollowUpTopic.FindStringSubmatch(t); m != nil {
		return strings.TrimSpace(m[1]), "", true
	}
	return "", "", false
}

func templateLine(text string) bool {
	if !strings.ContainsAny(text, ":：") {
		return false
	}
	return reTemplate.MatchString(text)
}

// looksLikeQuestion reports whether s reads as a question: it ends with a
// question mark or contains a question word.
func looksLikeQuestion(s string) bool {
	t := strings.TrimSpace(stripBoldMarks(s))
	t = strings.TrimRight(t, " )）")
	if strings.HasSuffix(t, "？") || strings.HasSuffix(t, "?") {
		return true
	}
	low := strings.ToLower(t) + " "
	for _, w := range questionWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// subHeadingAsks reports whether a heading inside an answer reads as a
// question of its own. Besides a question mark, only question words count:
// a comparison ("Image vs. Container"), a "How to …" section and a label
// ending with a colon ("How the go mod Workflow Simplifies:") name parts of
// the answer, as sub-headings mostly do.
func subHeadingAsks(title string) bool {
	t := strings.TrimRight(strings.TrimSpace(stripBoldMarks(title)), " )）")
	switch {
	case strings.HasSuffix(t, "？") || strings.HasSuffix(t, "?"):
		return true
	case strings.HasSuffix(t, ":") || strings.HasSuffix(t, "："):
		return false
	}
	low := strings.TrimPrefix(strings.ToLower(t)+" ", "how to ")
	for _, w := range questionWords {
		if !comparisonWord(w) && strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// comparisonWord reports whether w is one of the English comparison words
// among questionWords (" vs ", " versus ").
func comparisonWord(w string) bool {
	return w == " vs " || w == " vs. " || w == " versus "
}

// endsWithQuestionMark reports whether s, markup aside, ends with ？ or ?.
func endsWithQuestionMark(s string) bool {
	t := strings.TrimSpace(stripBoldMarks(s))
	return strings.HasSuffix(t, "？") || strings.HasSuffix(t, "?")
}

func startsWithContinuation(s string) bool {
	for _, w := range continuationWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

func stripBoldMarks(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	return strings.ReplaceAll(s, "__", "")
}
