package bank

import (
	"fmt"
	"path"
	"regexp"
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
	// labelled is set on a heading question its label names (#### **题目**：Q):
	// the other headings of its level that do not ask are parts of its
	// answer (#### 定义, #### 举例).
	labelled bool
	// chineseNumbered is set on a question a line numbered in Chinese
	// started (一、…？): numbered lines under it are items of its answer.
	chineseNumbered bool
	// fromTable is set on a row of a question | answer table: its answer
	// is its row's.
	fromTable bool
	// namePrompt is the question the file's name asks, for a question whose
	// notes leave the prompt empty (#### **题目**： and nothing after it).
	namePrompt string
	// lastPart is the part the body's last part line starts, and
	// answerPart is set once the body has an answer part: the splitter
	// asks both for many lines of a long body, which it never scans again.
	lastPart   part
	answerPart bool
}

// addPart appends a line that starts a part of the question (Answer,
// References …) to its body.
func (q *rawQuestion) addPart(l line, p part, rest string) {
	q.body = append(q.body, partLine(l, p, rest))
	q.lastPart = p
	q.answerPart = q.answerPart || p == partAnswer
}

// name names the question in a message: its prompt, quoted, or the line
// it starts on when its prompt is still to be read.
func (r *rawQuestion) name() string {
	if r.prompt != "" {
		return "\"" + clip(r.prompt) + "\""
	}
	return fmt.Sprintf("the question at line %d", r.head.no)
}

// parseNotes reads one notes file. rel is the file's path inside the folder
// being loaded: its folder is the topic of questions no heading names. The
// file is decoded and its line ends made LF before any reader sees it.
func parseNotes(file, rel string, data []byte) ([]*Question, Problems) {
	data, probs := decodeNotes(file, data)
	data = normalizeLineEnds(data)
	if looksBinary(data) {
		return nil, Problems{{Source{file, 1}, Error, "not a text file (it contains NUL bytes); skipped"}}
	}
	s := &splitter{file: file, fileTopic: folderTopic(rel)}
	if isMarkdown(rel) {
		doc, p := markdownLines(file, data)
		s.lines, probs = doc.lines, append(probs, p...)
		if doc.title != "" {
			s.fileTopic = cleanHeading(doc.title)
		}
	} else {
		var p Problems
		s.lines, p = splitLines(file, data)
		probs = append(probs, p...)
	}
	s.run()
	if len(s.out) == 0 && isMarkdown(rel) {
		s.wholeFile(rel)
	}
	if s.asksNothing(rel) {
		if sections := readSections(file, s.fileTopic, s.lines); sections != nil && len(sections.out) > len(s.out) {
			s = sections
		}
	}
	if len(s.out) == 1 {
		s.out[0].namePrompt = fileNamePrompt(rel)
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
		probs = append(probs, Problem{Source{file, 1}, Warning, noQuestionsMessage(file, rel, s.lines)})
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
	fileTopic string
	out       []*rawQuestion
	cur       *rawQuestion
	headers   [7]string // current heading text per level
	// headerEmpty is set for a level whose current section heading has
	// nothing under it but headings: a topic label.
	headerEmpty [7]bool
	qLevel      int    // level of the last question heading; 0 for none
	qParent     string // the topic the last question heading sat under
	// numberedLevel is the level of numbered question headings (Leetcode
	// notes); 0 for none.
	numberedLevel int
	// details tracks the open <details>, innermost last.
	details []detailsFrame
	// closes marks the <details> lines (by index) that a </details> closes
	// later; one never closed does not make the rest of the file content.
	closes map[int]bool
	// todo is the to-do list being skipped, or nil.
	todo *todoRegion
	// heads holds what each heading line says, read once (by line index).
	heads map[int]headInfo
	// dropping is set inside a section that belongs to no question
	// (References at the end of a file).
	dropping bool
	inTOC    bool
	// pending is code met outside any question; a labelled question right
	// after it asks about it.
	pending []line
	// orphan is the current run of text that belongs to no question.
	orphan []line
	// preSection is the last section heading before the first question,
	// with whether text sits under it: when the first question heading has
	// its level, that text was meant as a question's and is reported.
	preSection struct {
		head    line
		title   string
		hasText bool
	}
	// questionLists marks the lists that are lists of questions: most of
	// their items end with a question mark or open with a request.
	questionLists map[int]bool
	// answerLists marks the lists of questions whose nested items are
	// their answers rather than hints.
	answerLists map[int]bool
	// summariesAsk is set when most <summary>s of the file ask questions:
	// then every <summary> that does not fold an answer is a question, else
	// only those that ask ("See 20 translations" is not).
	summariesAsk bool
	// sectionsAsk is set when a file without questions is read again with
	// its topic sections as questions (split_sections.go); sectionsTitle is
	// the index of its title heading (-1 for none) and sectionsChinese
	// whether its prompts are written in Chinese.
	sectionsAsk     bool
	sectionsTitle   int
	sectionsChinese bool
	probs           Problems
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
	s.answerLists = answerLists(s.lines, s.questionLists)
	s.summariesAsk = summariesAsk(s.lines)
	s.numberedLevel = s.numberedQuestionLevel()
	s.closes = closedDetails(s.lines)
	for i := range s.lines {
		s.line(i)
	}
	s.endTodo()
	s.endOrphan()
}

func (s *splitter) line(i int) {
	l := s.lines[i]
	if s.todo != nil {
		if !s.todo.endsAt(l) {
			s.todo.add(l)
			return
		}
		s.endTodo()
	}
	if l.blank() {
		if s.cur != nil {
			s.cur.body = append(s.cur.body, l)
		}
		return
	}
	if s.cur != nil && s.cur.fromTable && l.cell != cellAnswer {
		s.cur = nil // the row's answer ends with it; text after the table is no part of it
	}
	switch l.kind {
	case kindHeading:
		s.heading(i, l.level)
		return
	case kindDetailsOpen:
		s.details = append(s.details, detailsFrame{owner: s.cur, closes: s.closes[i]})
		return
	case kindSummary:
		s.summary(l)
		return
	case kindDetailsClose:
		s.closeDetails()
		return
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
	if l.cell == cellQuestion && s.labelsAllowed() {
		q := s.start(l, cleanPrompt(l.text), ownerLabel)
		q.fromTable = true
		return
	}
	if q, ok := questionLabel(l.text); ok && l.indent <= questionIndent && l.cell == cellNone && s.labelsAllowed() {
		s.startLabel(l, q)
		return
	}
	if s.cur != nil && s.cur.owner == ownerItem && s.foldOf(s.cur) {
		s.cur.body = append(s.cur.body, l) // what a <details> under a list question folds is its answer
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
			s.cur.addPart(l, p, "")
			return
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
	if l.indent <= questionIndent && !l.anchor && !l.escaped && !s.sectionsAsk {
		if p, ok := questionLine(s.lines, i, s.cur); ok {
			q := s.start(l, p, ownerLine)
			if _, ok := chineseNumbered(l.text); ok {
				// 一、…？ heads the numbering: its 1. 2. lines are its answer.
				q.flat, q.chineseNumbered = true, true
			}
			return
		}
	}
	cur := s.cur
	if cur == nil {
		s.pending = nil // code that text follows is not what a 问题： asks about
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
	if o != ownerLabel {
		s.pending = nil // code a question before this one showed
	}
	q := &rawQuestion{file: s.file, head: l, prompt: prompt, topic: s.topic(), owner: o}
	s.out = append(s.out, q)
	s.cur = q
	return q
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

// addOrphan records a line that belongs to no question. Text before the
// first question is a title or preamble and is not reported.
func (s *splitter) addOrphan(l line) {
	if len(s.out) == 0 && !l.anchor && !l.isCode() && strings.TrimSpace(l.text) != "" {
		s.preSection.hasText = true
	}
	if len(s.out) == 0 || l.anchor {
		return
	}
	s.orphan = append(s.orphan, l)
}

// endOrphan reports the current run of text attached to no question: one
// warning that names its first line and, when it runs on, its last.
func (s *splitter) endOrphan() {
	defer func() { s.orphan = nil }()
	first := -1
	for i, l := range s.orphan {
		if !l.isCode() && strings.TrimSpace(l.text) != "" {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	l, last := s.orphan[first], s.orphan[len(s.orphan)-1].no
	msg := "text attached to no question: \"" + clip(l.text) + "\" (it is left out; put it under a question, or make it a question)"
	if last > l.no {
		msg = fmt.Sprintf("text attached to no question: \"%s\" and what follows it to line %d (left out; put it under a question, or make it a question)",
			clip(l.text), last)
	}
	s.probs = append(s.probs, Problem{Source{s.file, l.no}, Warning, msg})
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

// fileNamePrompt returns the question a file's name asks ("10.1.0
// 使用Redis有哪些好处？.md" gives 使用Redis有哪些好处？), or "" for a name that
// names no question (README, index, notes).
func fileNamePrompt(rel string) string {
	name := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	switch low := strings.ToLower(strings.TrimSpace(name)); {
	case low == "readme", low == "index", low == "untitled", genericFolders[low]:
		return ""
	}
	return cleanPrompt(name)
}

// questionLine reports whether lines[i], at question indentation, starts a
// new question, and returns its prompt text.
func questionLine(lines []line, i int, cur *rawQuestion) (string, bool) {
	l := lines[i]
	next, hasNext := nextNonBlank(lines, i)
	nextIsAnswer := hasNext && (next.indent > l.indent || isMarkerLine(next))
	if rest, ok := numbered(l.text); ok {
		if cur != nil && cur.chineseNumbered {
			return rest, hasNext && isMarkerLine(next)
		}
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
	// A line numbered in Chinese (一、…？, （二）…？, 第3题：…？) that asks, or
	// that an answer marker follows; 二、总结 is a line of the answer.
	if rest, ok := chineseNumbered(l.text); ok {
		return rest, endsWithQuestionMark(rest) || hasNext && isMarkerLine(next)
	}
	// An unnumbered line: a short question followed by an answer marker.
	if endsWithQuestionMark(l.text) && hasNext && isMarkerLine(next) &&
		utf8.RuneCountInString(l.text) <= 60 && !startsWithContinuation(l.text) {
		return l.text, true
	}
	return "", false
}

// chineseNumbered returns the rest of a line numbered in Chinese: 一、,
// （二）, 第3题：.
func chineseNumbered(text string) (string, bool) {
	t := strings.TrimPrefix(text, "**")
	r, _ := utf8.DecodeRuneInString(t)
	if !strings.ContainsRune("一二三四五六七八九十百零（(第", r) {
		return "", false // most lines: no regexp run
	}
	t = stripBoldMarks(t)
	for _, re := range []*regexp.Regexp{reChineseNumbering, reQuestionOrdinal} {
		if loc := re.FindStringIndex(t); loc != nil && loc[1] < len(t) {
			return strings.TrimSpace(t[loc[1]:]), true
		}
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
