package bank

import (
	"path"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// owner is what started a question, and so what ends it.
type owner uint8

const (
	// ownerLine is a numbered, bulleted or marked line in the style of
	// plain-text notes; the answer is indented under it or follows a marker.
	ownerLine owner = iota
	// ownerHeading is a heading: the question owns everything below it until
	// the next heading of the same or a higher level.
	ownerHeading
	// ownerDetails is a <summary>: the question owns its <details>.
	ownerDetails
	// ownerItem is an item of a list of questions; nested question items
	// follow it up, nested other items hint at the answer.
	ownerItem
	// ownerLabel is a line such as 问题：… .
	ownerLabel
	// ownerFile is a file that is one question, asked under a 面试题 or
	// similar sub-heading rather than by a heading of its own.
	ownerFile
)

// rawQuestion is a question line and the lines under it, before they are
// read into a Question.
type rawQuestion struct {
	file   string
	head   line
	prompt string
	topic  string
	body   []line
	// flat is set once the body has a line at question indentation: the
	// answer is not indented, so a numbered line must read as a question to
	// start a new one.
	flat  bool
	owner owner
	level int // a heading question's level; a details question's depth
	// parent is the list question this one follows up.
	parent *rawQuestion
	// hints are the nested items of a list question that are not questions.
	hints []line
	// context is more of the question, shown with it: code it refers to.
	context []line
	// noAnswerOK is set for questions whose notes intend no answer (a list
	// of questions), which are not reported for lacking one.
	noAnswerOK bool
}

// parseNotes reads one notes file. rel is the file's path inside the folder
// being loaded: its folder is the topic of questions no heading names.
func parseNotes(file, rel string, data []byte) ([]*Question, Problems) {
	if looksBinary(data) {
		return nil, Problems{{Source{file, 1}, Error, "not a text file (it contains NUL bytes); skipped"}}
	}
	s := &splitter{file: file, fileTopic: folderTopic(rel)}
	var probs Problems
	if isMarkdown(rel) {
		doc, p := markdownLines(file, data)
		s.lines, s.md, probs = doc.lines, true, p
		if doc.title != "" {
			s.fileTopic = cleanHeading(doc.title)
		}
	} else {
		s.lines, probs = splitLines(file, data)
	}
	s.run()
	if len(s.out) == 0 && isMarkdown(rel) {
		s.wholeFile(rel)
	}
	s.expectAnswers()
	probs = append(probs, s.probs...)
	var qs []*Question
	byRaw := make(map[*rawQuestion]*Question, len(s.out))
	for _, r := range s.out {
		built, p := r.build()
		if len(built) > 0 {
			byRaw[r] = built[0]
		}
		qs = append(qs, built...)
		probs = append(probs, p...)
	}
	linkFollowUps(s.out, byRaw)
	if len(s.out) == 0 && strings.TrimSpace(string(data)) != "" {
		probs = append(probs, Problem{Source{file, 1}, Warning, "no questions found (expected numbered, bulleted or # heading questions)"})
	}
	return qs, probs
}

func isMarkdown(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// splitter walks the lines of a file and cuts them into questions.
type splitter struct {
	file      string
	lines     []line
	md        bool
	fileTopic string
	out       []*rawQuestion
	cur       *rawQuestion
	headers   [7]string // current heading text per level
	qLevel    int       // level of the last question heading; 0 for none
	qParent   string    // the topic the last question heading sat under
	// details tracks open <details>: for each, the question it asks, or nil
	// when it folds an answer away.
	details []*rawQuestion
	// dropping is set inside a section that belongs to no question
	// (References at the end of a file).
	dropping bool
	inTOC    bool
	// pending is code met outside any question; a labelled question right
	// after it asks about it.
	pending []line
	// orphan is the current run of text that belongs to no question.
	orphan []line
	// questionLists marks the lists that are lists of questions: most of
	// their items end with a question mark or open with a request.
	questionLists map[int]bool
	// summariesAsk is set when most <summary>s of the file ask questions:
	// then every <summary> that does not fold an answer is a question, else
	// only those that ask ("See 20 translations" is not).
	summariesAsk bool
	probs        Problems
}

func (s *splitter) topic() string {
	for lvl := 6; lvl >= 1; lvl-- {
		if s.headers[lvl] != "" {
			return s.headers[lvl]
		}
	}
	return s.fileTopic
}

func (s *splitter) run() {
	s.questionLists = questionLists(s.lines)
	s.summariesAsk = summariesAsk(s.lines)
	for i := range s.lines {
		s.line(i)
	}
	s.endOrphan()
}

func (s *splitter) line(i int) {
	l := s.lines[i]
	if l.blank() {
		if s.cur != nil {
			s.cur.body = append(s.cur.body, l)
		}
		return
	}
	switch l.kind {
	case kindHeading:
		s.heading(i, l.level, l.text)
		return
	case kindDetailsOpen:
		s.details = append(s.details, nil)
		return
	case kindSummary:
		s.summary(l)
		return
	case kindDetailsClose:
		s.closeDetails()
		return
	}
	if !s.md && l.kind == kindText && l.indent <= 3 {
		if lvl, title, ok := heading(l.text); ok {
			s.heading(i, lvl, title)
			return
		}
	}
	if s.dropping || s.inTOC && (l.anchor || l.kind != kindText) {
		return
	}
	if l.anchor && l.kind == kindText {
		return // "[⬆ Back to Top](#toc)": navigation, not content
	}
	s.inTOC = false
	if l.isCode() {
		s.code(l)
		return
	}
	if q, ok := questionLabel(l.text); ok && l.indent <= questionIndent && s.labelsAllowed() {
		s.startLabel(l, q)
		return
	}
	if s.cur != nil && s.cur.owner == ownerItem && s.leavesList(l) {
		s.cur = nil
	}
	if l.kind == kindItem && (s.cur == nil || s.cur.owner == ownerItem) {
		if s.listItem(i) {
			return
		}
	}
	if s.cur != nil && s.cur.owner != ownerLine {
		if p := labelPart(l.text); p != partNone {
			l = partLine(l, p, "")
		}
		s.cur.body = append(s.cur.body, l)
		return
	}
	s.plain(i)
}

// plain reads a line the way plain-text notes are read: a numbered,
// bulleted or marked line at question indentation starts a question, and
// anything else belongs to the current one.
func (s *splitter) plain(i int) {
	l := s.lines[i]
	if l.indent <= questionIndent && !l.anchor {
		if p, ok := questionLine(s.lines, i, s.cur); ok {
			s.start(l, p, ownerLine)
			return
		}
	}
	cur := s.cur
	if cur == nil {
		s.addOrphan(l)
		return
	}
	if l.indent <= questionIndent {
		if _, isMarker := answerMarker(l.text); isMarker || len(cur.body) > 0 {
			cur.flat = cur.flat || isMarker || !startsWithContinuation(l.text)
		}
	}
	cur.body = append(cur.body, l)
}

func (s *splitter) start(l line, prompt string, o owner) *rawQuestion {
	s.endOrphan()
	s.dropping = false
	q := &rawQuestion{file: s.file, head: l, prompt: prompt, topic: s.topic(), owner: o}
	s.out = append(s.out, q)
	s.cur = q
	return q
}

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

// summary reads a <summary>: the question of its <details>, or, when it
// says "Answer", the answer of the current question folded away.
func (s *splitter) summary(l line) {
	if len(s.details) == 0 {
		s.details = append(s.details, nil)
	}
	top := len(s.details) - 1
	if summaryIsAnswer(l.text) {
		if s.cur != nil {
			s.cur.body = append(s.cur.body, partLine(l, partAnswer, ""))
		}
		return
	}
	prompt := cleanPrompt(l.text)
	if prompt == "" || !s.summariesAsk && !looksLikeAsk(prompt) {
		return
	}
	q := s.start(l, prompt, ownerDetails)
	q.level = top + 1
	s.details[top] = q
}

func (s *splitter) closeDetails() {
	if len(s.details) == 0 {
		return
	}
	q := s.details[len(s.details)-1]
	s.details = s.details[:len(s.details)-1]
	if q != nil && s.cur == q {
		s.cur = nil
	}
}

// code reads a line of code: part of the current question, or, outside any,
// kept for a labelled question that may follow and ask about it.
func (s *splitter) code(l line) {
	cur := s.cur
	switch {
	case cur == nil:
		s.pending = append(s.pending, l)
		s.addOrphan(l)
	case cur.owner == ownerItem && l.indent < 4:
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
	root.hints = append(root.hints, line{no: l.no, indent: 2 * (l.level - 1), text: text})
	s.cur = root
	return true
}

// hasText reports whether any line is more than blank: text or code, not
// a part heading.
func hasText(ls []line) bool {
	for _, l := range ls {
		if !l.blank() && l.kind != kindPart {
			return true
		}
	}
	return false
}

// hasPart reports whether body holds a part line of part p.
func hasPart(body []line, p part) bool {
	for _, l := range body {
		if l.kind == kindPart && part(l.level) == p {
			return true
		}
	}
	return false
}

// summariesAsk reports whether most <summary>s that do not fold an answer
// ask a question.
func summariesAsk(ls []line) bool {
	asks, total := 0, 0
	for _, l := range ls {
		if l.kind != kindSummary || summaryIsAnswer(l.text) {
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

// addOrphan records a line that belongs to no question. Text before the
// first question is a title or preamble and is not reported.
func (s *splitter) addOrphan(l line) {
	if len(s.out) == 0 || l.anchor {
		return
	}
	s.orphan = append(s.orphan, l)
}

// endOrphan reports the current run of text attached to no question.
func (s *splitter) endOrphan() {
	defer func() { s.orphan = nil }()
	for _, l := range s.orphan {
		if !l.isCode() && strings.TrimSpace(l.text) != "" {
			s.probs = append(s.probs, Problem{Source{s.file, l.no}, Warning,
				"text attached to no question: \"" + clip(l.text) + "\" (it is left out; put it under a question, or make it a question)"})
			return
		}
	}
}

// wholeFile reads a markdown file in which no question was found as one
// question when its name asks one ("1.1.7 MySQL 的数据如何恢复到任意时间点？.md"):
// the name is the prompt and the text the answer.
func (s *splitter) wholeFile(rel string) {
	name := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	prompt := cleanPrompt(name)
	if !looksLikeQuestion(prompt) {
		return
	}
	var body []line
	for _, l := range s.lines {
		if l.kind != kindHeading && l.kind != kindDetailsOpen && l.kind != kindDetailsClose && l.kind != kindSummary {
			body = append(body, l)
		}
	}
	s.out = []*rawQuestion{{file: s.file, head: line{no: 1}, prompt: prompt, topic: s.fileTopic, owner: ownerFile, body: body}}
	s.probs = nil
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

// questionLine reports whether lines[i], at question indentation, starts a
// new question, and returns its prompt text.
func questionLine(lines []line, i int, cur *rawQuestion) (string, bool) {
	l := lines[i]
	next, hasNext := nextNonBlank(lines, i)
	nextIsAnswer := hasNext && (next.indent > l.indent || isMarkerLine(next))
	if rest, ok := numbered(l.text); ok {
		if cur == nil || !cur.flat {
			return rest, true
		}
		// In notes whose answers are not indented a numbered line may be a
		// list item of the answer; it starts a question only if it reads as one.
		return rest, looksLikeQuestion(rest) || (hasNext && isMarkerLine(next))
	}
	if rest, ok := bullet(l.text); ok {
		// Bullets are common inside answers: a bullet is a question only when
		// an answer marker follows it, or it asks and an indented answer follows.
		if hasNext && isMarkerLine(next) || endsWithQuestionMark(rest) && nextIsAnswer && (cur == nil || !cur.flat) {
			return rest, true
		}
		return "", false
	}
	// An unnumbered line: a short question followed by an answer marker.
	if endsWithQuestionMark(l.text) && hasNext && isMarkerLine(next) &&
		utf8.RuneCountInString(l.text) <= 60 && !startsWithContinuation(l.text) {
		return l.text, true
	}
	return "", false
}

func isMarkerLine(l line) bool {
	if l.kind != kindText {
		return false
	}
	_, ok := answerMarker(l.text)
	return ok
}

func nextNonBlank(lines []line, i int) (line, bool) {
	for j := i + 1; j < len(lines); j++ {
		if !lines[j].blank() {
			return lines[j], true
		}
	}
	return line{}, false
}

// cleanInline removes inline markup from a one-line text: bold and italic
// marks and surrounding spaces. Inline code keeps its backticks: it is how
// code reads in a chat.
func cleanInline(s string) string {
	return textnorm.CleanSpaces(stripBoldMarks(s))
}

// clip shortens s for a message.
func clip(s string) string {
	s = firstTextLine(s)
	if r := []rune(s); len(r) > 50 {
		return string(r[:49]) + "…"
	}
	return s
}

func firstTextLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
