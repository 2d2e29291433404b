package bank

import "unicode/utf8"

// How the splitter reads headings: a part of the current question, a
// sub-heading of its answer, a question, or a section that gives the topic.

// heading reads a heading: a part of the current question, a sub-heading of
// its answer, a question, or a section that gives the topic.
func (s *splitter) heading(i, lvl int, raw string) {
	l := s.lines[i]
	title := cleanHeading(raw)
	s.inTOC = false
	if p, rest := headingPart(title); p != partNone {
		s.partHeading(l, p, rest)
		return
	}
	if cur := s.cur; cur != nil && (cur.owner == ownerHeading && lvl > cur.level || cur.owner == ownerFile) {
		if cur.owner == ownerHeading && looksLikeQuestion(title) && utf8.RuneCountInString(title) <= 80 {
			s.probs = append(s.probs, Problem{Source{s.file, l.no}, Warning,
				"the heading \"" + clip(title) + "\" reads as a question but is part of the answer to \"" + clip(cur.prompt) + "\"; give it the level of the other questions if it is one"})
		}
		if s.emptySection(i) && s.nextQuestionHeadingAtMost(i, cur.level) {
			s.probs = append(s.probs, Problem{Source{s.file, l.no}, Warning,
				"the heading \"" + clip(title) + "\" is deeper than the questions after it, so it reads as part of an answer; if it is a topic, give it a higher level than its questions"})
		}
		cur.body = append(cur.body, line{no: l.no, text: title})
		return
	}
	s.dropping = false
	if prompt, ok := headingQuestion(title); ok || s.inferQuestion(i, lvl) {
		if !ok {
			prompt = cleanPrompt(title)
		}
		q := s.start(l, prompt, ownerHeading)
		q.level = lvl
		s.qLevel, s.qParent = lvl, s.parentTopic(lvl)
		return
	}
	s.endOrphan()
	s.pending = nil
	s.headers[lvl] = topicName(title)
	for deeper := lvl + 1; deeper < len(s.headers); deeper++ {
		s.headers[deeper] = ""
	}
	s.cur = nil
	s.inTOC = isTOCTitle(s.headers[lvl])
}

// partHeading reads a heading that names a part of a question.
func (s *splitter) partHeading(l line, p part, rest string) {
	if cur := s.cur; cur != nil && p == partDrop && (cur.owner == ownerItem || cur.owner == ownerLabel) {
		// References after a list of questions belong to none of them.
		s.cur = nil
	}
	if cur := s.cur; cur != nil && !(p == partPrompt && cur.owner == ownerFile && hasPart(cur.body, partAnswer)) {
		s.cur.body = append(s.cur.body, partLine(l, p, rest))
		return
	}
	switch p {
	case partPrompt, partAnswer, partOutline, partChecklist:
		// A file that is one question asked under a 面试题 sub-heading.
		q := s.start(l, "", ownerFile)
		q.body = append(q.body, partLine(l, p, rest))
	default:
		s.endOrphan()
		s.dropping = true
	}
}

func partLine(l line, p part, rest string) line {
	return line{no: l.no, indent: l.indent, text: rest, kind: kindPart, level: int(p)}
}

// inferQuestion reports whether a heading that does not read as a question
// still asks one: the next heading names a part of an answer ("# 3. 数组中
// 重复的数字" then "## 解题思路"), or it sits at the level of the questions
// before it, under the same section, with text of its own ("### 移位运算符"
// among "### …？" questions).
func (s *splitter) inferQuestion(i, lvl int) bool {
	next, j := s.nextHeading(i)
	if j >= 0 && next.level > lvl {
		if p, _ := headingPart(cleanHeading(next.text)); p != partNone {
			return true
		}
	}
	for k := i + 1; k < len(s.lines) && k != j; k++ {
		if l := s.lines[k]; l.kind == kindSummary && summaryIsAnswer(l.text) {
			return true
		}
	}
	if s.qLevel != lvl || s.qParent != s.parentTopic(lvl) || s.emptySection(i) {
		return false
	}
	return j < 0 || next.level <= lvl || !s.isQuestionHeading(j)
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
		if s.lines[j].kind == kindHeading {
			return s.lines[j], j
		}
	}
	return line{}, -1
}

func (s *splitter) isQuestionHeading(j int) bool {
	_, ok := headingQuestion(cleanHeading(s.lines[j].text))
	return ok
}

// emptySection reports whether nothing but blank lines follows heading i
// before the next heading.
func (s *splitter) emptySection(i int) bool {
	for j := i + 1; j < len(s.lines); j++ {
		l := s.lines[j]
		if l.kind == kindHeading {
			return true
		}
		if !l.blank() {
			return false
		}
	}
	return true
}

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
	if !looksLikeQuestion(t) {
		return "", false
	}
	return t, true
}
