package bank

import (
	"regexp"
	"strings"
)

// How the splitter reads <details>, code, 问题： labels and lists: a folded
// question or answer, code a question shows, a labelled question, and lists
// of questions with their follow-ups and hints.

// detailsFrame is an open <details>.
type detailsFrame struct {
	// question is the question its <summary> asks, or nil when it folds
	// something away.
	question *rawQuestion
	// owner is the question that was being read when it opened.
	owner *rawQuestion
	// closes is set when a </details> closes it later in the file.
	closes bool
}

// summary reads a <summary>. "Answer" folds away the answer of the current
// question, "展开" (expand) whatever follows. Any other summary in the
// section of a heading question (before its References), or inside a list
// question's item, is a line of that question's answer, and its <details>
// part of the answer. Elsewhere it asks the question of its <details>.
func (s *splitter) summary(l line) {
	if len(s.details) == 0 {
		s.details = append(s.details, detailsFrame{owner: s.cur})
	}
	top := &s.details[len(s.details)-1]
	cur := s.cur
	switch {
	case summaryIsAnswer(l.text):
		if cur != nil && !foldsSubAnswer(cur) {
			cur.addPart(l, partAnswer, "")
		}
		return
	case summaryIsFold(l.text):
		return
	// A <details> in a question's section is part of its answer, unless
	// the section has reached a part that is left out (References,
	// Additional links): the end matter, after which one that asks is a
	// question of its own.
	case cur != nil && (cur.owner == ownerHeading || cur.owner == ownerFile) && cur.lastPart != partDrop,
		cur != nil && cur.owner == ownerItem && l.indent > cur.head.indent:
		cur.body = append(cur.body, line{no: l.no, indent: l.indent, text: l.text, sub: true})
		if asks := cleanPrompt(l.text); looksLikeQuestion(asks) {
			s.probs = append(s.probs, Problem{Source{s.file, l.no}, Info,
				"the <details> \"" + clip(asks) + "\" asks a question but is read as part of the answer to " + cur.name() +
					" (a <details> inside a question's section belongs to its answer); give it a heading of its own to ask it apart"})
		}
		return
	}
	prompt := cleanPrompt(l.text)
	if prompt == "" || !s.summariesAsk && !looksLikeAsk(prompt) {
		return
	}
	q := s.start(l, prompt, ownerDetails)
	q.level = len(s.details)
	top.question = q
}

// foldsSubAnswer reports whether an "Answer" <summary> after the body of q
// folds the answer of a sub-question of the body (a heading or summary line
// just before it) or a second answer, rather than starting the question's
// answer.
func foldsSubAnswer(q *rawQuestion) bool {
	if q.answerPart {
		return true
	}
	for i := len(q.body) - 1; i >= 0; i-- {
		if !q.body[i].blank() {
			return q.body[i].sub
		}
	}
	return false
}

func (s *splitter) closeDetails() {
	if len(s.details) == 0 {
		return
	}
	f := s.details[len(s.details)-1]
	s.details = s.details[:len(s.details)-1]
	if f.question != nil && s.cur == f.question {
		s.cur = nil
	}
}

// inDetails reports whether the line being read is inside a <details> that
// closes later.
func (s *splitter) inDetails() bool {
	for _, f := range s.details {
		if f.closes {
			return true
		}
	}
	return false
}

// foldOf reports whether the line being read is inside a <details> that
// opened while q was being read and asks no question of its own: what it
// folds is q's.
func (s *splitter) foldOf(q *rawQuestion) bool {
	for _, f := range s.details {
		if f.owner == q && f.question == nil && f.closes {
			return true
		}
	}
	return false
}

// closedDetails finds the <details> lines that a </details> closes.
func closedDetails(ls []line) map[int]bool {
	closes := map[int]bool{}
	var open []int
	for i, l := range ls {
		switch l.kind {
		case kindDetailsOpen:
			open = append(open, i)
		case kindDetailsClose:
			if n := len(open); n > 0 {
				closes[open[n-1]] = true
				open = open[:n-1]
			}
		}
	}
	return closes
}

// code reads a line of code: part of the current question, or, outside any,
// kept for a labelled question that may follow and ask about it.
func (s *splitter) code(l line) {
	cur := s.cur
	switch {
	case cur == nil:
		s.pending = append(s.pending, l)
		s.addOrphan(l)
	case cur.owner == ownerItem && l.indent < 4 && !s.foldOf(cur):
		// Code right under a list question ("Make this work:") is part of it.
		cur.context = append(cur.context, l)
	default:
		cur.body = append(cur.body, l)
	}
}

// labelsAllowed reports whether a 问题：… line can start a question here:
// not inside the answer of a heading or <details> question.
func (s *splitter) labelsAllowed() bool {
	if s.cur == nil {
		return true
	}
	switch s.cur.owner {
	case ownerHeading, ownerDetails, ownerFile:
		return false
	}
	return true
}

// startLabel starts a labelled question. Code just before it, outside any
// question or at the end of the previous labelled one, is what it asks about.
func (s *splitter) startLabel(l line, prompt string) {
	context := s.pending
	if prev := s.cur; prev != nil && prev.owner == ownerLabel {
		var tail []line
		prev.body, tail = splitTrailingCode(prev.body)
		context = append(tail, context...)
	}
	s.pending = nil
	s.orphan = dropCode(s.orphan)
	q := s.start(l, cleanPrompt(prompt), ownerLabel)
	q.context = context
}

// splitTrailingCode cuts a code block (and blank lines) off the end of body.
func splitTrailingCode(body []line) (rest, code []line) {
	end := len(body)
	for end > 0 && body[end-1].blank() {
		end--
	}
	i := end
	for i > 0 && body[i-1].isCode() {
		i--
	}
	if i == end {
		return body, nil
	}
	return body[:i], body[i:end]
}

func dropCode(ls []line) []line {
	var out []line
	for _, l := range ls {
		if !l.isCode() {
			out = append(out, l)
		}
	}
	return out
}

// leavesList reports whether a line ends the current list question: a line
// of text back at the list's own indentation.
func (s *splitter) leavesList(l line) bool {
	return l.kind == kindText && l.indent < 4
}

// listItem reads a list item outside any answer: a question of a list of
// questions, a follow-up of one, a hint, or an entry of a table of contents.
// It reports false when the item is none of these and should be read as
// plain text.
func (s *splitter) listItem(i int) bool {
	l := s.lines[i]
	text := stripItemMarker(l.text)
	if l.level == 0 {
		if l.anchor || s.inTOC {
			s.cur = nil
			return true
		}
		answered := s.itemHasMarker(i)
		if !answered && (!s.questionLists[l.list] || !looksLikeAsk(text)) {
			// An item of a list that is not a list of questions.
			s.cur = nil
			s.addOrphan(l)
			return true
		}
		q := s.start(l, cleanPrompt(text), ownerItem)
		q.noAnswerOK = true
		return true
	}
	root := s.cur
	if root == nil || hasText(root.body) {
		// Nested items under a question with an answer are part of it.
		return false
	}
	for root.parent != nil {
		root = root.parent
	}
	if looksLikeQuestion(text) {
		q := &rawQuestion{file: s.file, head: l, prompt: cleanPrompt(text), topic: root.topic, owner: ownerItem, parent: root, noAnswerOK: true}
		s.out = append(s.out, q)
		s.cur = q
		return true
	}
	s.cur = root
	if s.answerLists[root.head.list] && !isGraderNote(text) {
		root.body = append(root.body, l) // the notes answer their questions with nested items
		return true
	}
	root.hints = append(root.hints, line{no: l.no, indent: 2 * (l.level - 1), text: text})
	return true
}

// answerLists finds the lists of questions whose nested items answer them:
// more than half of their question items hold nested items that do not
// ask ("1. What is the difference between TCP and UDP?" over "- TCP is …",
// "- UDP is …"), and it has two questions at least. In a list where only
// some questions carry a nested note (h5bp's lists) the notes are hints,
// and so is a note to the interviewer anywhere ("Bonus if they mention
// bubbling", "如果提到了 event.target，可以加分").
func answerLists(ls []line, questionLists map[int]bool) map[int]bool {
	answered, total := map[int]int{}, map[int]int{}
	cur, counted := 0, false
	for _, l := range ls {
		switch {
		case l.kind == kindHeading && !l.nested:
			cur = 0
		case l.kind == kindItem && l.level == 0:
			cur, counted = 0, false
			if questionLists[l.list] && asksPlainly(stripItemMarker(l.text)) {
				cur = l.list
				total[cur]++
			}
		case l.kind == kindItem && cur != 0 && !counted && !looksLikeQuestion(stripItemMarker(l.text)) &&
			!isGraderNote(stripItemMarker(l.text)):
			answered[cur]++
			counted = true
		}
	}
	out := map[int]bool{}
	for id, n := range answered {
		out[id] = total[id] >= 2 && 2*n > total[id]
	}
	return out
}

// reGraderNote is a note to the interviewer under a question: what earns a
// bonus, what to expect.
var reGraderNote = regexp.MustCompile(`(?i)\b(?:bonus|extra (?:credit|points?)|if (?:they|the candidate|you) mention|expect(?:ed|s)?|look for)\b|加分|期待|期望|提到了?.{0,20}(?:可以|会)`)

// isGraderNote reports whether a nested item speaks to the interviewer
// rather than answers the question.
func isGraderNote(s string) bool {
	return reGraderNote.MatchString(s)
}

// summariesAsk reports whether most <summary>s that do not fold an answer
// ask a question.
func summariesAsk(ls []line) bool {
	asks, total := 0, 0
	for _, l := range ls {
		if l.kind != kindSummary || summaryIsAnswer(l.text) || summaryIsFold(l.text) {
			continue
		}
		total++
		if looksLikeAsk(cleanPrompt(l.text)) {
			asks++
		}
	}
	return total > 0 && 2*asks >= total
}

// itemHasMarker reports whether the item at i is answered in the style of
// plain-text notes: an answer marker (回答：, **答案**：) starts its text.
func (s *splitter) itemHasMarker(i int) bool {
	next, ok := nextNonBlank(s.lines, i)
	return ok && next.indent > s.lines[i].indent && isMarkerLine(next)
}

// questionLists finds the lists of questions: lists most of whose top
// items end with a question mark or open with a request ("Explain …",
// "请…"). A list of statements that merely uses a question word ("…是否正常
// 工作") is not one.
func questionLists(ls []line) map[int]bool {
	strong, total := map[int]int{}, map[int]int{}
	for _, l := range ls {
		if l.kind != kindItem || l.level != 0 {
			continue
		}
		total[l.list]++
		if asksPlainly(stripItemMarker(l.text)) {
			strong[l.list]++
		}
	}
	out := map[int]bool{}
	for id, n := range total {
		out[id] = 2*strong[id] >= n
	}
	return out
}

// asksPlainly reports whether a list item is plainly a question: it ends
// with a question mark (a trailing note aside) or opens with a request.
func asksPlainly(s string) bool {
	t := strings.TrimSpace(stripBoldMarks(s))
	p, _ := splitNote(t)
	if endsWithQuestionMark(p) || endsWithQuestionMark(t) {
		return true
	}
	return opensWithAsk(t)
}

// stripItemMarker removes a list marker ("- ", "1. ") from an item's text.
func stripItemMarker(t string) string {
	if rest, ok := bullet(t); ok {
		return rest
	}
	if rest, ok := numbered(t); ok {
		return rest
	}
	return t
}

// expectAnswers clears noAnswerOK on list questions when another list
// question of the file has an answer: then the notes answer their list
// items, and one without an answer was forgotten.
func (s *splitter) expectAnswers() {
	for _, q := range s.out {
		if q.owner == ownerItem && q.parent == nil && hasText(q.body) {
			for _, o := range s.out {
				if o.owner == ownerItem {
					o.noAnswerOK = false
				}
			}
			return
		}
	}
}

// linkFollowUps records list follow-ups on their parents, now that both
// have IDs.
func linkFollowUps(raws []*rawQuestion, byRaw map[*rawQuestion]*Question) {
	for _, r := range raws {
		if r.parent == nil {
			continue
		}
		child, parent := byRaw[r], byRaw[r.parent]
		if child == nil || parent == nil {
			continue
		}
		child.Parent = parent.ID
		parent.FollowUps = append(parent.FollowUps, child.ID)
	}
}
