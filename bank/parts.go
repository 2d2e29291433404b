package bank

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// part is a part of a question that a sub-heading (or a label alone on its
// line) names. Sub-headings under a question name parts of its answer;
// they are never topics and never new questions.
type part int

const (
	partNone part = iota
	// partAnswer is the reference answer: Answer, 答案, 参考答案, 面试题剖析.
	partAnswer
	// partChecklist is the author's own list of what a good reply covers:
	// Good to hear, Key points, 要点, 得分点. Its items are the key points.
	partChecklist
	// partOutline is a hint for the person answering: Hint, 思路,
	// 面试官心理分析.
	partOutline
	// partDrop is material that is neither question nor answer: References,
	// Additional links, Other answers, 参考资料, 题目链接.
	partDrop
	// partPrompt holds more of the question: 面试题, 题目描述, Question.
	partPrompt
)

// partNames maps the compact form of each part name to its part.
var partNames = func() map[string]part {
	names := map[part][]string{
		partAnswer: {"answer", "answers", "solution", "solutions", "reference answer", "答案", "参考答案",
			"解答", "面试题剖析", "分析", "解析", "解题思路", "解答思路", "解决思路", "解法", "题解", "回答", "答",
			"答案解析", "参考解答"},
		partChecklist: {"good to hear", "key points", "keypoints", "要点", "得分点", "答题要点", "评分要点"},
		partOutline:   {"hint", "hints", "提示", "思路", "面试官心理分析", "考察点", "考点"},
		partDrop: {"references", "reference", "additional links", "further reading", "other answers",
			"useful resources", "useful resource", "resources", "see also", "links", "参考", "参考资料",
			"参考链接", "相关链接", "相关阅读", "延伸阅读", "扩展阅读", "题目链接", "原题链接", "出题人", "来源"},
		partPrompt: {"question", "面试题", "题目", "题目描述", "问题描述", "问题"},
	}
	m := map[string]part{}
	for p, ns := range names {
		for _, n := range ns {
			m[textnorm.Compact(n)] = p
		}
	}
	return m
}()

// dropSuffixes are the names of material to drop that are long enough to
// name it at the end of a longer heading.
var dropSuffixes = func() []string {
	var out []string
	for name, p := range partNames {
		if p == partDrop && utf8.RuneCountInString(name) >= 4 {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}()

// headingPart reports which part a heading names, with any text the
// heading carries after the name ("Answer: D", "参考答案：恢复到任意时间点…").
func headingPart(title string) (part, string) {
	if m := reBracketLabel.FindStringSubmatch(strings.TrimSpace(title)); m != nil {
		title = m[1] + "：" + m[2] // 【答案】text reads as 答案：text
	}
	t := strings.TrimSpace(stripBoldMarks(title))
	t = trimLeadingNumber(t)
	c := textnorm.Compact(t)
	if p, ok := partNames[c]; ok {
		return p, ""
	}
	// "其他参考资料", "Further references": a longer name of material to drop.
	for _, name := range dropSuffixes {
		if strings.HasSuffix(c, name) && utf8.RuneCountInString(c) <= utf8.RuneCountInString(name)+8 {
			return partDrop, ""
		}
	}
	// "**参考答案**：text", "Answer: D": the rest of the line starts the part.
	// It is cut from the title with its bold kept, for key points.
	raw := strings.TrimSpace(title)
	if i := strings.IndexAny(raw, ":："); i > 0 {
		label := raw[:i]
		if p, ok := partNames[textnorm.Compact(trimLeadingNumber(stripBoldMarks(label)))]; ok {
			_, size := utf8.DecodeRuneInString(raw[i:])
			rest := strings.TrimSpace(raw[i+size:])
			if strings.Count(label, "**")%2 == 1 {
				rest = strings.TrimSpace(strings.TrimPrefix(rest, "**")) // **答案：**rest
			}
			return p, rest
		}
	}
	return partNone, ""
}

// labelPart reports which part a line alone names, such as "Useful
// resources:" or "**要点：**". Answer markers (回答：, **答案**：) are read
// elsewhere, and a question label (问题：…) starts a question.
func labelPart(text string) part {
	t := strings.TrimSpace(stripBoldMarks(text))
	if !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") {
		return partNone
	}
	t = strings.TrimRight(t, ":： ")
	switch p := partNames[textnorm.Compact(t)]; p {
	case partChecklist, partOutline, partDrop:
		return p
	}
	return partNone
}

// foldNames are what a <summary> says when it only folds what follows
// away: "展开" (expand), "Click to expand".
var foldNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range []string{"展开", "点击展开", "展开查看", "展开/收起", "查看", "点击查看", "查看详情", "详情", "更多",
		"expand", "click to expand", "show", "show more", "more", "details", "see more", "click here"} {
		m[textnorm.Compact(n)] = true
	}
	return m
}()

// summaryIsFold reports whether a <summary> only folds away what follows:
// the text under it stays where the <details> is.
func summaryIsFold(text string) bool {
	return len(text) <= maxNameBytes && foldNames[textnorm.Compact(stripBoldMarks(text))]
}

// summaryIsAnswer reports whether a <summary> names the answer folded under
// it ("Answer", "答案", "查看答案") rather than asking a question.
func summaryIsAnswer(text string) bool {
	t := strings.TrimSpace(stripBoldMarks(text))
	for _, prefix := range []string{"show ", "点击查看", "查看", "点击", "展开"} {
		t = strings.TrimPrefix(strings.ToLower(t), prefix)
	}
	p, _ := headingPart(t)
	return p == partAnswer
}

var (
	// A question label: 题目：…, 问题：…, 问：…, Question: …, Q: …, **题目**：…,
	// numbered (面试题 3：…, Question 3: …; Q1: is numbering, read apart) or
	// in brackets (【问题】…).
	reQuestionLabel = regexp.MustCompile(`(?i)^(?:\*\*)?\s*(?:(?:(?:题目|问题|面试题|question)\s*\d{0,4}|问|q)\s*(?:\*\*)?\s*[:：]|` +
		`【(?:问题|题目|面试题)】(?:\*\*)?\s*[:：]?)\s*(?:\*\*)?\s*(.+)$`)
	// A bracket label opening a heading: 【问题】…, 【答案】….
	reBracketLabel = regexp.MustCompile(`^(?:\*\*)?【([^】]{1,8})】(?:\*\*)?\s*[:：]?\s*(.*)$`)
	// An ordinal before a question: 第1题, 第二题：.
	reQuestionOrdinal = regexp.MustCompile(`^第\s*[\d一二三四五六七八九十百零]{1,4}\s*题\s*[:：.．、]?\s*`)
	// A link written out in plain text: [3、Q](url).
	reLinkWrapper = regexp.MustCompile(`\[([^\]\[]+)\]\([^)\s]*\)`)
	// A leading "[⬆]", arrows and other marks before a heading's words.
	// A 【 opens a label (【问题】) and a （ a number (（四）), which are kept.
	reLeadingMarks = regexp.MustCompile(`^(?:\[[^\pL\pN]*\]|[^\pL\pN*("'“‘【（` + "`" + `<])+`)
	// A trailing count such as "(37)" in "System Questions (37)".
	reTrailingCount = regexp.MustCompile(`\s*[(（]\d+[)）]$`)
	// Marks left after a prompt: *** (an unfinished answer), a colon.
	reTrailingMarks = regexp.MustCompile(`(?:\s*\*+|\s*[:：])+$`)
)

// questionLabel returns the question a labelled line asks.
func questionLabel(text string) (string, bool) {
	if !strings.ContainsAny(text, ":：】") {
		return "", false
	}
	m := reQuestionLabel.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	q := strings.TrimSpace(strings.Trim(m[1], "* "))
	if q == "" {
		return "", false
	}
	return q, true
}

// cleanPrompt removes the decoration people put around a question: bold
// marks, a link wrapper, a label (题目：, Question:), numbering (1., 1、,
// Q1:, 1.1.7), emoji shortcodes, a trailing colon and the *** some notes use
// for "no answer yet".
func cleanPrompt(s string) string {
	t := unwrapLinks(stripBoldMarks(s))
	t = cleanRendered(t)
	for range 3 {
		before := t
		if q, ok := questionLabel(t); ok {
			t = q
		}
		t = trimLeadingNumber(t)
		if rest, ok := chineseNumbered(t); ok {
			t = rest
		}
		if t == before {
			break
		}
	}
	if strings.HasSuffix(t, "*") || strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：") {
		t = reTrailingMarks.ReplaceAllString(t, "")
	}
	return textnorm.CleanSpaces(t)
}

// unwrapLinks replaces links written out in text, [text](url), by their
// text.
func unwrapLinks(s string) string {
	if !strings.Contains(s, "](") {
		return s
	}
	return reLinkWrapper.ReplaceAllString(s, "$1")
}

// cleanHeading returns a heading's words: no leading marks ("[⬆]", emoji),
// no bold.
func cleanHeading(title string) string {
	t := strings.TrimSpace(reLeadingMarks.ReplaceAllString(cleanRendered(unwrapLinks(title)), ""))
	return t
}

// topicName returns the name of a section heading as a topic: no bold, no
// trailing colon or count.
func topicName(title string) string {
	t := strings.TrimSpace(stripBoldMarks(cleanHeading(title)))
	t = reTrailingCount.ReplaceAllString(t, "")
	t = reChineseNumbering.ReplaceAllString(t, "") // 三、数据结构 → 数据结构
	t = strings.TrimRight(t, ":：")
	return textnorm.CleanSpaces(strings.ReplaceAll(t, "`", ""))
}

// genericFolders are folder names that say nothing about the questions in
// them.
var genericFolders = map[string]bool{
	"questions": true, "question": true, "notes": true, "note": true, "docs": true, "doc": true,
	"src": true, "content": true, "contents": true, "md": true, "markdown": true, "files": true,
	"interview": true, "interviews": true, "面试题": true, "笔记": true, "题目": true,
}

// folderTopic returns the topic a folder gives the one-question files in
// it: its name without numbering ("01.阿里篇" → "阿里篇"), or "" for the
// root and for generic names.
func folderTopic(rel string) string {
	dir := rel
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		dir = dir[:i]
	} else {
		return ""
	}
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		dir = dir[i+1:]
	}
	name := strings.TrimSpace(trimLeadingNumber(dir))
	if name == "" || name == "." || genericFolders[strings.ToLower(name)] {
		return ""
	}
	return name
}

// askWords open a request that is a question without a question mark:
// "Explain event delegation.", "请写一个幻灯片页面".
var askWords = []string{
	"explain", "describe", "discuss", "compare", "contrast", "name", "list", "give", "write", "create",
	"implement", "design", "tell", "talk", "make", "define", "walk", "show", "outline", "summarize",
	"suggest", "propose", "estimate", "draw", "build", "find", "how", "what", "why", "which", "when",
	"where", "who", "can", "could", "do", "does", "did", "is", "are", "have", "has", "would", "should", "will",
}

var askPrefixes = []string{
	"请", "谈谈", "说说", "讲讲", "聊聊", "介绍", "描述", "解释", "简述", "简单说", "列举", "说出", "写", "手写",
	"实现", "设计", "比较", "分析", "阐述", "说明", "举例", "给出", "画出",
	"如何", "怎么", "怎样", "为什么", "为何", "什么", "哪些", "哪个", "有没有", "能否", "是否",
}

// looksLikeAsk reports whether an item of a list asks something: it reads as
// a question, or opens with a request ("Explain …", "Describe …", "谈谈…").
func looksLikeAsk(s string) bool {
	t := strings.TrimSpace(stripBoldMarks(s))
	if t == "" {
		return false
	}
	return looksLikeQuestion(t) || opensWithAsk(t)
}

// opensWithAsk reports whether s opens with a request or a question word:
// "Explain …", "What …", "请…", "谈谈…".
func opensWithAsk(t string) bool {
	for _, p := range askPrefixes {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	fields := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(fields) == 0 {
		return false
	}
	word := strings.ToLower(fields[0])
	for _, w := range askWords {
		if word == w {
			return true
		}
	}
	return false
}

// isTOCTitle reports whether a heading introduces a table of contents.
func isTOCTitle(title string) bool {
	switch textnorm.Compact(title) {
	case "目录", "tableofcontents", "contents", "toc", "索引":
		return true
	}
	return false
}
