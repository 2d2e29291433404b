package bank

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// segment is one part of an answer body: the main answer, a labelled
// variant, or a follow-up block.
type segment struct {
	label    string // variant label
	followUp bool
	subject  string // follow-up subject, such as "k8s" in "k8s相关："
	ask      string // follow-up question written on the marker line
	start    int    // line number of the segment's first line
	lines    []line
}

// build reads a raw question into the question and the follow-up questions
// split out of it.
func (r *rawQuestion) build() ([]*Question, Problems) {
	src := Source{r.file, r.head.no}
	sec := r.sections()
	sec.problemStatement()
	q := r.question(&sec, src)
	if q == nil {
		return nil, Problems{{src, Error, "a question without a prompt (the heading or label asks nothing); it is left out: write the question after its label"}}
	}

	body, markerLine := sec.answer, sec.answerLine
	var outline []string
	if !sec.hasAnswer {
		body, markerLine, outline = r.leadAnswer(q, sec.lead)
	}
	answers, follows, primary := r.answers(body, markerLine, src)
	outline = append(outline, textLines(sec.outline)...)
	outline = append(outline, textLines(r.hints)...)
	if len(outline) > 0 {
		answers[0].Outline = joinLines(answers[0].Outline, strings.Join(outline, "\n"))
	}
	if pts := checklistPoints(sec.checklist); len(pts) > 0 {
		answers[0].readMarkedPoints()
		answers[0].KeyPoints = pts
	}
	q.Answer, q.Variants = answers[0], answers[1:]
	var probs Problems
	if !q.HasReference() && !r.noAnswerOK {
		probs = append(probs, Problem{src, Warning, "question has no answer: the bot asks it and lets you rate your own reply"})
	}
	if asks := askingLines(primary); len(asks) >= 2 {
		probs = append(probs, Problem{src, Warning, fmt.Sprintf("the answer to %q holds %d lines that read as questions (%q…); if they are questions of their own, give each its own numbered line or heading", clip(q.Prompt), len(asks), clip(asks[0]))})
	}

	out := []*Question{q}
	for _, f := range follows {
		fq := r.buildFollowUp(q, f)
		if fq == nil {
			continue
		}
		q.FollowUps = append(q.FollowUps, fq.ID)
		out = append(out, fq)
	}
	return out, probs
}

// question makes the question itself: its prompt, note and ID. What the
// question shows with it (code, options, a description) is part of the
// prompt and of its identity: "What's the output?" asked of two snippets is
// two questions.
func (r *rawQuestion) question(sec *questionSections, src Source) *Question {
	prompt := r.prompt
	if prompt == "" {
		// A file question: its 面试题 part asks it.
		prompt, sec.prompt = promptFromLines(sec.prompt)
	}
	if strings.TrimSpace(prompt) == "" {
		// #### **题目**： with nothing after it: the file's name asks.
		prompt = r.namePrompt
	}
	first, more, _ := strings.Cut(prompt, "\n")
	prompt, note := splitNote(cleanPrompt(first))
	if prompt == "" {
		return nil
	}
	if more != "" {
		prompt += "\n" + more
	}
	q := &Question{Topic: r.topic, Prompt: prompt, Note: note, Sources: []Source{src}}
	context := append([]line(nil), r.context...)
	if sec.hasAnswer {
		context = append(context, sec.lead...)
	}
	context = append(context, sec.prompt...)
	var shown []string
	for _, l := range context {
		switch {
		case l.blank(), l.linksOnly:
			// Links to the problem's page ("Leetcode / 力扣") do not read
			// in a chat, like a 题目链接 part.
		case l.isCode():
			shown = append(shown, l.text)
		case isAltPrompt(l.text) && !l.anchor && !l.sub && l.kind == kindText:
			q.AltPrompts = append(q.AltPrompts, cleanPrompt(l.text))
		default:
			if t := cleanInline(l.text); t != "" {
				if rest, ok := statementLabel(t); ok {
					t = rest
				}
				shown = append(shown, t)
			}
		}
	}
	q.ID = promptID(prompt)
	if len(shown) > 0 {
		q.Prompt += "\n" + strings.Join(shown, "\n")
		q.ID = promptID(q.Prompt)
	}
	return q
}

// leadAnswer reads a body without answer parts the way plain-text notes
// are read: the answer starts at a marker (回答：) or right away; lines before
// a marker are other wordings of the question, its outline, or more of the
// interviewer's words.
func (r *rawQuestion) leadAnswer(q *Question, lead []line) (body []line, markerLine int, outline []string) {
	var pre []line
	pre, body, markerLine = r.splitAtMarker(lead)
	for _, l := range pre {
		switch {
		case l.blank():
		case isAltPrompt(l.text) && !l.isCode() && !l.sub:
			q.AltPrompts = append(q.AltPrompts, cleanInline(l.text))
		default:
			if o, ok := outlineLine(l.text); ok && !l.isCode() {
				outline = append(outline, cleanInline(o))
				continue
			}
			// The interviewer's further words, before the answer starts.
			q.Prompt += "\n" + cleanInline(l.text)
		}
	}
	return body, markerLine, outline
}

// answers reads an answer body into the primary answer and its variants
// (at least one answer, maybe empty), the follow-up blocks to split out,
// and the lines of the primary answer.
func (r *rawQuestion) answers(body []line, markerLine int, src Source) ([]Answer, []segment, []line) {
	segs := segmentBody(body, markerLine)
	var answers []Answer
	var follows []segment
	var primary []line
	for _, s := range segs {
		if s.followUp {
			follows = append(follows, s)
			continue
		}
		a := readAnswer(s.lines, Source{r.file, s.start})
		a.Label = s.label
		if a.Text == "" && a.Label == "" && len(answers) == 0 && len(segs) > 1 {
			continue // an empty preface before labelled variants
		}
		if len(answers) == 0 {
			primary = s.lines
		}
		answers = append(answers, a)
	}
	if len(answers) == 0 {
		answers = []Answer{{Source: src}}
	}
	return answers, follows, primary
}

// askingLines returns the lines of an answer, outside code, that read as
// questions of their own: short lines that end with a question mark. A
// heading or <summary> inside the question's section is its own kind of
// line (reported apart, or a fold the notes meant), never counted.
func askingLines(ls []line) []string {
	var out []string
	for _, l := range ls {
		if l.isCode() || l.sub || l.kind == kindPart {
			continue
		}
		t := cleanInline(l.text)
		if utf8.RuneCountInString(t) <= 80 && endsWithQuestionMark(t) {
			out = append(out, t)
		}
	}
	return out
}

// questionSections are the parts of a question's body.
type questionSections struct {
	lead       []line // before the first part
	answer     []line // the answer parts
	answerLine int    // the line the first answer part starts on
	hasAnswer  bool
	checklist  []line
	outline    []line
	prompt     []line
}

// sections cuts a question's body at its part lines (Answer, Good to hear,
// References …). Lines of a part to drop are left out.
func (r *rawQuestion) sections() questionSections {
	var sec questionSections
	dst := &sec.lead
	for _, l := range r.body {
		if l.kind != kindPart {
			if dst == nil && l.sub {
				// A sub-heading (or <summary>) after References starts
				// more of the answer: what follows it is not dropped.
				dst = &sec.lead
				if sec.hasAnswer {
					dst = &sec.answer
				}
			}
			if dst != nil {
				*dst = append(*dst, l)
			}
			continue
		}
		switch part(l.level) {
		case partAnswer:
			if !sec.hasAnswer {
				sec.hasAnswer, sec.answerLine = true, l.no
			}
			dst = &sec.answer
			if l.text != "" {
				sec.answer = append(sec.answer, line{no: l.no, text: l.text})
			}
		case partChecklist:
			dst = &sec.checklist
		case partOutline:
			dst = &sec.outline
		case partPrompt:
			dst = &sec.prompt
			if l.text != "" {
				sec.prompt = append(sec.prompt, line{no: l.no, text: l.text})
			}
		default:
			dst = nil
		}
	}
	return sec
}

// reStatement is a line that states the problem a question asks:
// 题目描述：…, 问题描述：….
var reStatement = regexp.MustCompile(`^(?:\*\*)?\s*(?:题目描述|问题描述)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(.*)$`)

// statementLabel returns the text of a 题目描述：… line.
func statementLabel(t string) (string, bool) {
	if !strings.ContainsAny(t, ":：") {
		return "", false
	}
	m := reStatement.FindStringSubmatch(t)
	if m == nil || strings.TrimSpace(m[1]) == "" {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

// problemStatement moves the statement of a problem that opens a
// question's lead into its prompt, the way Leetcode solution notes write
// it: the problem's number and name as an escaped number ("283\. Move Zeroes
// (Easy)"), links to its page, example input in code, and a 题目描述：…
// paragraph. Its answer starts after them. A lead that opens otherwise is
// left as it is.
func (sec *questionSections) problemStatement() {
	if sec.hasAnswer {
		return // the lead is shown with the prompt already
	}
	lead := sec.lead
	first := 0
	for first < len(lead) && lead[first].blank() {
		first++
	}
	titled := first < len(lead) && lead[first].escaped
	end, stated := first, false
scan:
	for end < len(lead) {
		l := lead[end]
		switch {
		case l.blank(), l.isCode(), l.linksOnly, end == first && titled:
			end++
		default:
			if _, ok := statementLabel(cleanInline(l.text)); !ok || l.kind != kindText {
				break scan
			}
			// The statement is its paragraph.
			for end < len(lead) && !lead[end].blank() && lead[end].kind == kindText {
				end++
			}
			stated = true
			break scan
		}
	}
	if !titled && !stated {
		return
	}
	sec.prompt = append(append([]line(nil), lead[:end]...), sec.prompt...)
	sec.lead = lead[end:]
}

// promptFromLines takes a prompt from the lines of a 面试题 part: its
// questions, one a line, joined. The first is the prompt; the lines that
// are not questions stay as the part's text.
func promptFromLines(ls []line) (string, []line) {
	var asks []string
	var rest []line
	for _, l := range ls {
		t := cleanInline(stripItemMarker(l.text))
		switch {
		case l.blank() || t == "":
		case l.isCode() || len(asks) > 0 && !looksLikeAsk(t):
			rest = append(rest, l)
		default:
			asks = append(asks, cleanPrompt(t))
		}
	}
	return strings.Join(asks, "\n"), rest
}

// textLines returns the non-blank lines as plain text, list markers kept.
func textLines(ls []line) []string {
	var out []string
	for _, l := range ls {
		if l.blank() || l.kind == kindFence {
			continue
		}
		t := l.text
		if !l.isCode() {
			t = cleanInline(t)
		}
		if l.indent > 0 && !l.isCode() {
			t = strings.Repeat(" ", min(l.indent, 8)) + t
		}
		out = append(out, t)
	}
	return out
}

func joinLines(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// splitAtMarker cuts the body at the first answer marker. Without one, the
// leading lines that read as other wordings of the question are kept apart
// and everything else is the answer.
func (r *rawQuestion) splitAtMarker(lines []line) (pre, body []line, markerLine int) {
	for i, l := range lines {
		if l.isCode() {
			continue
		}
		if rest, ok := answerMarker(l.text); ok {
			body = lines[i+1:]
			if rest != "" {
				body = append([]line{{no: l.no, indent: l.indent, text: rest}}, body...)
			}
			return lines[:i], body, l.no
		}
	}
	i := 0
	for i < len(lines) && (lines[i].blank() || !lines[i].isCode() && !lines[i].sub && isAltPrompt(lines[i].text)) {
		i++
	}
	// Only blank lines before the answer: nothing is kept apart.
	j := 0
	for j < i && lines[j].blank() {
		j++
	}
	if j == i {
		i = 0
	}
	start := r.head.no
	if i < len(lines) {
		start = lines[i].no
	}
	return lines[:i], lines[i:], start
}

// isAltPrompt reports whether a line under a question, before its answer,
// is another wording of the question rather than more of it.
func isAltPrompt(text string) bool {
	t := cleanInline(text)
	return endsWithQuestionMark(t) && utf8.RuneCountInString(t) <= 60 && !startsWithContinuation(t)
}

// segmentBody cuts an answer body at variant labels and follow-up markers.
func segmentBody(body []line, firstLine int) []segment {
	segs := []segment{{start: firstLine}}
	cur := &segs[0]
	variants := variantLabels(body)
	for i, l := range body {
		if l.isCode() {
			cur.lines = append(cur.lines, l)
			continue
		}
		if label, ok := variants[i]; ok {
			segs = append(segs, segment{label: label, start: l.no})
			cur = &segs[len(segs)-1]
			continue
		}
		if subject, ask, ok := followUp(l.text); ok && l.kind == kindText {
			segs = append(segs, segment{followUp: true, subject: subject, ask: ask, start: l.no})
			cur = &segs[len(segs)-1]
			continue
		}
		if rest, ok := answerMarker(l.text); ok {
			// A second marker (often the answer to a follow-up): the marker
			// itself is not answer text.
			if rest != "" {
				cur.lines = append(cur.lines, line{no: l.no, indent: l.indent, text: rest})
			}
			continue
		}
		if len(cur.lines) == 0 && !l.blank() {
			cur.start = l.no
		}
		cur.lines = append(cur.lines, l)
	}
	return segs
}

// variantLabels finds the bold labels of a body that start answer variants,
// by line index. A label names a variant when it names a role or an
// audience (**SRE 方向：**, **架构师：**, **简洁版：**), or when it is the
// body's only label and opens it (**腾讯**： for "why our company?"). Other
// labels (**优点：**, **文件类型:**, **Java 程序从源代码到运行的过程如下图所示**：)
// are sub-sections of one answer.
func variantLabels(body []line) map[int]string {
	found := map[int]string{}
	opening := -1
	for i, l := range body {
		if l.isCode() || l.kind == kindItem {
			continue
		}
		if label, ok := variantLabel(l.text); ok {
			found[i] = label
			if opening < 0 && !hasText(body[:i]) {
				opening = i
			}
		}
	}
	out := map[int]string{}
	for i, label := range found {
		if namesRole(label) || len(found) == 1 && i == opening && !isSubSection(label) {
			out[i] = label
		}
	}
	return out
}

// roleWords mark a label that names who an answer is for.
var roleWords = []string{
	"方向", "岗位", "岗", "工程师", "架构师", "经理", "专家", "开发", "运维", "面试官", "校招", "社招", "应届",
	"sre", "devops", "engineer", "developer", "manager", "architect", "lead", "role", "track", "senior", "junior",
}

func namesRole(label string) bool {
	l := strings.ToLower(label)
	if strings.HasSuffix(l, "版") {
		return true // 简洁版, 详细版: the same answer at another length
	}
	for _, w := range roleWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// subSections are labels that name a part of one answer.
var subSections = map[string]bool{
	"优点": true, "缺点": true, "优势": true, "劣势": true, "原因": true, "总结": true, "结论": true,
	"定义": true, "概念": true, "作用": true, "特点": true, "区别": true, "原理": true, "步骤": true,
	"流程": true, "示例": true, "例子": true, "举例": true, "注意": true, "场景": true, "方案": true,
	"背景": true, "解释": true, "说明": true, "补充": true, "类型": true, "分类": true, "用法": true,
	"影响": true, "pros": true, "cons": true, "advantages": true, "disadvantages": true, "summary": true,
	"example": true, "note": true, "definition": true,
}

func isSubSection(label string) bool {
	return len(label) <= maxNameBytes && subSections[textnorm.Compact(label)]
}

// readAnswer reads the lines of one answer: outline, polished text, spoken
// transcript, and the key points the text itself marks.
func readAnswer(lines []line, src Source) Answer {
	a := Answer{Source: src}
	var text, prose, spoken, outline []string
	var polished []line
	inSpoken, started := false, false
	for i, l := range lines {
		if l.blank() {
			if inSpoken {
				spoken = append(spoken, "")
			} else {
				text = append(text, "")
				prose = append(prose, "")
			}
			continue
		}
		if l.isCode() {
			// Code is shown as written, between fences; it gives no key points.
			text = append(text, l.text)
			started, inSpoken = true, false
			continue
		}
		if o, ok := outlineLine(l.text); ok {
			if !started {
				outline = append(outline, cleanInline(o))
				continue
			}
			// A quotation inside the answer is part of it.
			l.text = o
		}
		if templateLine(l.text) && (neighbourIsTemplate(lines, i, -1) || neighbourIsTemplate(lines, i, +1)) {
			outline = append(outline, cleanInline(l.text))
			continue
		}
		if isTranscriptMarker(l.text) {
			inSpoken = true
			continue
		}
		st := countFillers(stripBoldMarks(l.text))
		switch {
		case !inSpoken && started && st.hard > 0 && st.spoken():
			// The polished answer, then the way it was said: hesitation
			// sounds mark a transcript. Prose that is merely conversational
			// stays the answer.
			inSpoken = true
		case inSpoken && st.polished() && !st.spoken() && st.runes >= 20:
			inSpoken = false
		}
		if inSpoken {
			spoken = append(spoken, cleanInline(l.text))
			continue
		}
		started = true
		t := cleanInline(l.text)
		text = append(text, t)
		prose = append(prose, t)
		polished = append(polished, l)
	}
	a.Text = joinParagraphs(text)
	a.Spoken = joinParagraphs(spoken)
	a.Outline = strings.Join(outline, "\n")
	if isUnwrittenAnswer(a.Text) {
		a.Text = ""
		return a
	}
	// The marked points are read with the key points (readMarkedPoints):
	// the questions are ready without them.
	a.marks = &pendingMarks{polished: polished, plain: joinParagraphs(prose), text: a.Text}
	return a
}

// markedPoints sets the key points the answer's text marks itself: its
// bold spans (read from the polished lines), its labelled list items, and
// its enumerated points (read from plain, the prose) when there are few.
func (a *Answer) markedPoints(polished []line, plain string) {
	a.KeyPoints, a.partlyRead = boldPoints(polished, plain)
	// Labelled list items are the author's steps; in an answer that marks
	// nothing else the list's heads are read at the top-up instead.
	labelled := labelledItemPoints(a.Text)
	if len(a.KeyPoints) > 0 {
		a.KeyPoints = appendNew(a.KeyPoints, labelled...)
		labelled = nil
	}
	if len(a.KeyPoints) < minKeyPoints {
		enumerated, more := enumerationPoints(plain)
		a.KeyPoints = appendNew(a.KeyPoints, enumerated...)
		a.partlyRead = a.partlyRead || more
		if len(enumerated) > 0 {
			a.KeyPoints = appendNew(a.KeyPoints, labelled...)
		}
	}
}

// transcriptMarkers open a spoken transcript written after an answer.
var transcriptMarkers = []string{"口语版", "口述版", "口述", "逐字稿", "spoken version", "spoken", "transcript"}

func isTranscriptMarker(text string) bool {
	t := strings.TrimSpace(stripBoldMarks(text))
	if !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") {
		return false
	}
	t = strings.ToLower(strings.TrimRight(t, ":： "))
	for _, m := range transcriptMarkers {
		if t == m {
			return true
		}
	}
	return false
}

// placeholders stand where an answer is still to be written.
var placeholders = map[string]bool{
	"tobecompleted": true, "tbd": true, "todo": true, "comingsoon": true, "wip": true,
	"待补充": true, "待完善": true, "待更新": true, "暂无": true, "略": true, "无": true, "空": true,
}

// isUnwrittenAnswer reports whether an answer only says it is still to be
// written ("To be completed.", "待补充").
func isUnwrittenAnswer(text string) bool {
	return text != "" && len(text) <= 40 && placeholders[textnorm.Compact(text)]
}

func neighbourIsTemplate(lines []line, i, step int) bool {
	j := i + step
	return j >= 0 && j < len(lines) && !lines[j].blank() && templateLine(lines[j].text)
}

// joinParagraphs joins lines, keeping one blank line where the notes had
// one or more, and trims blank lines at the ends.
func joinParagraphs(lines []string) string {
	var b strings.Builder
	blank := false
	for _, l := range lines {
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(l)
	}
	return b.String()
}

// buildFollowUp turns a follow-up block into a question of its own,
// attached to its parent. Its prompt is the follow-up asked on the marker
// line, or the sentences of the parent's prompt that name its subject (which
// then leave the parent's prompt).
func (r *rawQuestion) buildFollowUp(parent *Question, s segment) *Question {
	a := readAnswer(s.lines, Source{r.file, s.start})
	if a.Text == "" {
		return nil
	}
	prompt := s.ask
	if prompt == "" && s.subject != "" {
		var keep, asked []string
		for _, sent := range textnorm.Sentences(parent.Prompt) {
			if strings.Contains(textnorm.Compact(sent), textnorm.Compact(s.subject)) {
				asked = append(asked, sent)
			} else {
				keep = append(keep, sent)
			}
		}
		if len(asked) > 0 && len(keep) > 0 {
			prompt = strings.Join(asked, "")
			parent.Prompt = strings.Join(keep, "")
		}
	}
	if prompt == "" {
		prompt = "追问：" + s.subject
	}
	fq := &Question{
		Topic:   parent.Topic,
		Prompt:  prompt,
		Answer:  a,
		Parent:  parent.ID,
		Sources: []Source{{r.file, s.start}},
	}
	// The ID keeps the follow-up distinct even when its prompt is generic.
	fq.ID = promptID(parent.ID + "\x00" + s.subject + "\x00" + s.ask)
	return fq
}

// isAcronym reports whether s is a short abbreviation such as "IIFE" or
// "RPO": a parenthetical that names the thing asked about, not a note.
func isAcronym(s string) bool {
	if len(s) > 12 {
		return false
	}
	upper := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '/', r == '.':
		default:
			return false
		}
	}
	return upper >= 2
}

// splitNote separates a trailing parenthetical annotation from a prompt:
// "有没有遇到SA给了不靠谱的方案的情况(考验沟通和协作能力)" gives the prompt
// and the note "考验沟通和协作能力". A parenthetical that ends in a question
// mark is part of the question and stays.
func splitNote(prompt string) (string, string) {
	p := strings.TrimSpace(prompt)
	for _, pair := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if !strings.HasSuffix(p, pair[1]) {
			continue
		}
		open := strings.LastIndex(p, pair[0])
		if open <= 0 {
			continue
		}
		note := strings.TrimSpace(p[open+len(pair[0]) : len(p)-len(pair[1])])
		if note == "" || endsWithQuestionMark(note) || isAcronym(note) {
			continue
		}
		return strings.TrimSpace(p[:open]), note
	}
	return p, ""
}
