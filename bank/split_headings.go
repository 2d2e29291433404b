package bank

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// How the splitter reads headings: a part of the current question, a
// sub-heading of its answer, a question, or a section that gives the topic.
//
// A question heading owns everything below it until the next heading of
// the same or a higher level that is itself a question (or a section above
// it). Headings inside its section name parts of its answer: a known part
// (Answer, 要点, References …) is read as that part, any other stays in the
// answer as a line of its own. Headings inside a list item or a <details>
// are content, never sections.

// headInfo is what a heading says, read once: several rules look at the
// headings around the one being read.
type headInfo struct {
	title string // its words, without marks
	part  part   // the part of a question it names, if any
	rest  string // the text after a part's name ("题目：Q" gives Q)
}

// head returns what heading line i says.
func (s *splitter) head(i int) headInfo {
	if h, ok := s.heads[i]; ok {
		return h
	}
	if s.heads == nil {
		s.heads = map[int]headInfo{}
	}
	h := headInfo{title: cleanHeading(s.lines[i].text)}
	h.part, h.rest = headingPart(h.title)
	s.heads[i] = h
	return h
}

// heading reads a heading line.
func (s *splitter) heading(i, lvl int) {
	l := s.lines[i]
	h := s.head(i)
	title := h.title
	s.inTOC = false
	if l.nested || s.inDetails() {
		s.innerHeading(l, h)
		return
	}
	if h.part != partNone {
		s.partHeading(l, lvl, h.part, h.rest)
		return
	}
	if isTodoTitle(title) || s.isTodoSection(i) {
		s.startTodo(l, title)
		return
	}
	if cur := s.cur; cur != nil && s.inQuestion(cur, i, lvl, title) {
		s.subHeading(cur, i, l, title)
		return
	}
	if isSubSectionTitle(title) && !s.hasDeeperHeading(i, lvl) {
		// 定义, 举例, 总结 outside any question: neither a question nor a
		// topic; its text is reported as attached to no question.
		s.cur, s.dropping = nil, false
		s.addOrphan(line{no: l.no, text: title})
		return
	}
	s.dropping = false
	if s.sectionsAsk {
		s.sectionHeading(i, lvl, title)
		return
	}
	if prompt, ok := headingQuestion(title); ok || s.inferQuestion(i, lvl, title) {
		if !ok {
			prompt = cleanPrompt(title)
		}
		s.startHeading(l, lvl, prompt)
		return
	}
	s.section(i, lvl, title)
}

// inQuestion reports whether a heading of level lvl belongs to the section
// of the current question: it is deeper, or at its level without asking
// and either a known sub-section name (定义, 举例, 总结) or under a
// question its label named (#### **题目**：…).
func (s *splitter) inQuestion(cur *rawQuestion, i, lvl int, title string) bool {
	switch cur.owner {
	case ownerFile:
		return true
	case ownerHeading:
		if lvl != cur.level {
			return lvl > cur.level
		}
		if _, asks := headingQuestion(title); asks || s.numberedQuestion(i, lvl, title) || cur.lastPart == partDrop {
			return false
		}
		return cur.labelled || isSubSectionTitle(title)
	}
	return false
}

// subHeading keeps a heading inside a question's section as a line of its
// answer, warning when it reads as a question of its own or as a topic.
func (s *splitter) subHeading(cur *rawQuestion, i int, l line, title string) {
	if cur.owner == ownerHeading && l.level > cur.level {
		if subHeadingAsks(title) && utf8.RuneCountInString(title) <= 80 {
			s.probs = append(s.probs, Problem{Source{s.file, l.no}, Warning,
				"the heading \"" + clip(title) + "\" reads as a question but is part of the answer to " + cur.name() + "; give it the level of the other questions if it is one"})
		}
		if s.emptySection(i) && s.nextQuestionHeadingAtMost(i, cur.level) {
			s.probs = append(s.probs, Problem{Source{s.file, l.no}, Warning,
				"the heading \"" + clip(title) + "\" is deeper than the questions after it, so it reads as part of an answer; if it is a topic, give it a higher level than its questions"})
		}
	}
	cur.body = append(cur.body, line{no: l.no, text: title, sub: true})
}

// innerHeading reads a heading inside a list item or a <details>: a part of
// the current question, or a line of its answer; outside any question, text
// attached to none.
func (s *splitter) innerHeading(l line, h headInfo) {
	cur := s.cur
	if cur == nil {
		s.addOrphan(line{no: l.no, indent: l.indent, text: h.title})
		return
	}
	if h.part != partNone {
		cur.addPart(l, h.part, h.rest)
		return
	}
	cur.body = append(cur.body, line{no: l.no, indent: l.indent, text: h.title, sub: true})
}

// startHeading starts a heading question. It ends the sections at its
// level and below, except a topic label at its own level whose questions
// are all at that level (## Redis, then ## Redis 是什么？, ## Redis 为什么快？).
func (s *splitter) startHeading(l line, lvl int, prompt string) *rawQuestion {
	for d := lvl + 1; d < len(s.headers); d++ {
		s.headers[d], s.headerEmpty[d] = "", false
	}
	if !s.headerEmpty[lvl] {
		s.headers[lvl] = ""
	}
	for d := 1; d < lvl; d++ {
		s.headerEmpty[d] = false // a section with a deeper question is no label of its level
	}
	s.reportPreSection(lvl)
	q := s.start(l, prompt, ownerHeading)
	q.level = lvl
	s.qLevel, s.qParent = lvl, s.parentTopic(lvl)
	return q
}

// section reads a heading that gives the topic of the questions below it.
func (s *splitter) section(i, lvl int, title string) {
	s.endOrphan()
	s.pending = nil
	name := topicName(title)
	s.inTOC = isTOCTitle(name)
	if s.inTOC {
		name = "" // a table of contents is no topic
	}
	if len(s.out) == 0 {
		s.preSection.head, s.preSection.title, s.preSection.hasText = s.lines[i], title, false
		if s.inTOC {
			s.preSection.head = line{} // a table of contents is no question's text
		}
	}
	s.headers[lvl], s.headerEmpty[lvl] = name, s.emptySection(i)
	for deeper := lvl + 1; deeper < len(s.headers); deeper++ {
		s.headers[deeper], s.headerEmpty[deeper] = "", false
	}
	s.cur = nil
}

// partHeading reads a heading that names a part of a question.
func (s *splitter) partHeading(l line, lvl int, p part, rest string) {
	if p == partPrompt && rest != "" && s.opensLabelledQuestion(lvl) {
		// #### **题目**：Q asks Q; the headings of its level that follow
		// and do not ask are parts of its answer.
		q := s.startHeading(l, lvl, cleanPrompt(rest))
		q.labelled = true
		return
	}
	if cur := s.cur; cur != nil && p == partDrop && (cur.owner == ownerItem || cur.owner == ownerLabel) {
		// References after a list of questions belong to none of them.
		s.cur = nil
	}
	if cur := s.cur; cur != nil && !(p == partPrompt && cur.owner == ownerFile && cur.answerPart) {
		cur.addPart(l, p, rest)
		return
	}
	switch p {
	case partPrompt, partAnswer, partOutline, partChecklist:
		// A file that is one question asked under a 面试题 sub-heading.
		q := s.start(l, "", ownerFile)
		q.addPart(l, p, rest)
	default:
		s.endOrphan()
		s.dropping = true
	}
}

// opensLabelledQuestion reports whether a 题目：Q heading of level lvl
// starts a question: outside any, after a labelled question of its level
// or above, or after a file question that has its answer.
func (s *splitter) opensLabelledQuestion(lvl int) bool {
	cur := s.cur
	switch {
	case cur == nil:
		return true
	case cur.labelled:
		return lvl <= cur.level
	case cur.owner == ownerFile:
		return cur.answerPart
	case cur.owner == ownerHeading:
		return lvl <= cur.level // ### 问题：Q after ### Q?: the next question
	}
	return false
}

func partLine(l line, p part, rest string) line {
	return line{no: l.no, indent: l.indent, text: rest, kind: kindPart, level: int(p)}
}

// inferQuestion reports whether a heading that does not read as a question
// still asks one: it is one of a run of numbered headings that are the
// file's questions ("## 1. 有序数组的 Two Sum"), the next heading names a
// part of an answer ("# 3. 数组中重复的数字" then "## 解题思路"), or it sits
// at the level of the questions before it, under the same section, with
// text of its own ("### 移位运算符" among "### …？" questions; "### 进程同步问题"
// among "### …？" questions, its own sub-questions below it).
func (s *splitter) inferQuestion(i, lvl int, title string) bool {
	if s.numberedQuestion(i, lvl, title) {
		return true
	}
	next, j := s.nextHeading(i)
	if j >= 0 && next.level > lvl {
		// A bare part names a part of this heading's question; a label
		// with its question (#### **题目**：Q) asks one of its own.
		if h := s.head(j); h.part != partNone && !(h.part == partPrompt && h.rest != "") {
			return true
		}
	}
	for k := i + 1; k < len(s.lines) && k != j; k++ {
		if l := s.lines[k]; l.kind == kindSummary && summaryIsAnswer(l.text) {
			return true
		}
	}
	return s.qLevel == lvl && s.qParent == s.parentTopic(lvl) && !s.emptySection(i)
}

// numberedQuestion reports whether a heading is one of the file's numbered
// question headings (see numberedQuestionLevel), with text of its own.
func (s *splitter) numberedQuestion(i, lvl int, title string) bool {
	return s.numberedLevel == lvl && isNumberedTitle(title) && !s.emptySection(i)
}

// isSubSectionTitle reports whether a heading names a sub-section of one
// answer (定义, **举例**, 总结：).
func isSubSectionTitle(title string) bool {
	return len(title) <= maxNameBytes && isSubSection(strings.TrimRight(strings.TrimSpace(stripBoldMarks(title)), ":： "))
}

// numberedQuestionLevel returns the level whose headings are the file's
// questions by their numbering, as in Leetcode solution notes ("## 1. 移动零",
// "## 2. 盛最多水的容器", …): at least three headings at that level, every
// one numbered, and no heading below them that asks a question (then the
// numbers count chapters). It returns 0 for none.
func (s *splitter) numberedQuestionLevel() int {
	if !maybeNumberedLevel(s.lines) {
		return 0
	}
	var all, numbered [7]int
	for i, l := range s.lines {
		if l.kind != kindHeading || l.nested {
			continue
		}
		h := s.head(i)
		if h.part != partNone || isTodoTitle(h.title) {
			continue
		}
		all[l.level]++
		if isNumberedTitle(h.title) {
			numbered[l.level]++
		}
	}
	for lvl := 1; lvl < len(all); lvl++ {
		if numbered[lvl] >= 3 && numbered[lvl] == all[lvl] && !s.asksBelow(lvl) {
			return lvl
		}
	}
	return 0
}

// maybeNumberedLevel is a quick look for three numbered headings at one
// level, so that files without them are not read twice.
func maybeNumberedLevel(ls []line) bool {
	var n [7]int
	for _, l := range ls {
		if l.kind == kindHeading && !l.nested {
			if t := strings.TrimLeft(l.text, "*[ "); t != "" && t[0] >= '0' && t[0] <= '9' {
				if n[l.level]++; n[l.level] >= 3 {
					return true
				}
			}
		}
	}
	return false
}

// asksBelow reports whether a heading deeper than lvl reads as a question.
func (s *splitter) asksBelow(lvl int) bool {
	for i, l := range s.lines {
		if l.kind == kindHeading && !l.nested && l.level > lvl && s.isQuestionHeading(i) {
			return true
		}
	}
	return false
}

// isNumberedTitle reports whether a heading starts with a number: "1. 移动零".
func isNumberedTitle(title string) bool {
	_, ok := numbered(stripBoldMarks(title))
	return ok
}

// parentTopic is the topic above a heading of level lvl.
func (s *splitter) parentTopic(lvl int) string {
	for l := lvl - 1; l >= 1; l-- {
		if s.headers[l] != "" {
			return s.headers[l]
		}
	}
	return ""
}

func (s *splitter) nextHeading(i int) (line, int) {
	for j := i + 1; j < len(s.lines); j++ {
		if s.lines[j].kind == kindHeading && !s.lines[j].nested {
			return s.lines[j], j
		}
	}
	return line{}, -1
}

// hasDeeperHeading reports whether a heading deeper than lvl comes after
// heading i, before the next one of level lvl or higher.
func (s *splitter) hasDeeperHeading(i, lvl int) bool {
	for j := i + 1; j < len(s.lines); j++ {
		if l := s.lines[j]; l.kind == kindHeading && !l.nested {
			return l.level > lvl
		}
	}
	return false
}

func (s *splitter) isQuestionHeading(j int) bool {
	_, ok := headingQuestion(s.head(j).title)
	return ok
}

// emptySection reports whether nothing but blank lines follows heading i
// before the next heading.
func (s *splitter) emptySection(i int) bool { return emptyAfter(s.lines, i) }

// nextQuestionHeadingAtMost reports whether the next heading after i is a
// question heading of level lvl or higher.
func (s *splitter) nextQuestionHeadingAtMost(i, lvl int) bool {
	next, j := s.nextHeading(i)
	return j >= 0 && next.level <= lvl && s.isQuestionHeading(j)
}

// headingQuestion reports whether a # heading is a question rather than a
// section, and returns its prompt.
func headingQuestion(title string) (string, bool) {
	if q, ok := questionLabel(stripBoldMarks(title)); ok {
		return cleanPrompt(q), true
	}
	t := cleanPrompt(title)
	if !looksLikeQuestion(t) && !asksInside(t) && !reQuizForm.MatchString(t) {
		return "", false
	}
	return t, true
}

var (
	// reQuizForm opens a question that ends with a statement: "True or
	// False? A branch is a pointer.", "T/F: …", "判断题：…", "选择题：…".
	reQuizForm = regexp.MustCompile(`(?i)^(?:true\s*(?:or|/)\s*false|t\s*/\s*f\b|判断题?\s*[:：]|选择题\s*[:：]|单选题?\s*[:：]|多选题?\s*[:：])`)
	// reAskInside is a question mark that ends a sentence inside a heading
	// ("Which one is a VCS? (a) git (b) vim."): before a space, or a full-width ？.
	reAskInside = regexp.MustCompile(`\?\s|？`)
)

// asksInside reports whether a heading asks before it goes on with a
// statement or the options of a multiple-choice question. Inline code
// (`a?.b`) does not ask.
func asksInside(t string) bool {
	if !strings.ContainsAny(t, "?？") {
		return false
	}
	return reAskInside.MatchString(reCodeSpan.ReplaceAllString(t, ""))
}

// reportPreSection warns, as the first question heading of level lvl
// starts, about text under a section heading of the same level before it:
// "### A branch is a pointer" with text, then "### What does git stash
// do?". Its text belongs to no question; after a first question the same
// heading would have been read as one (inferQuestion).
func (s *splitter) reportPreSection(lvl int) {
	pre := s.preSection
	if len(s.out) > 0 || !pre.hasText || pre.head.level != lvl {
		return
	}
	s.probs = append(s.probs, Problem{Source{s.file, pre.head.no}, Warning,
		"the heading \"" + clip(pre.title) + "\" has text under it but does not read as a question, so that text is left out; end it with ? (or label it 题目：/Q:) if it is one"})
}
