package bank

import (
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
	prompt, note := splitNote(cleanInline(r.prompt))
	q := &Question{ID: promptID(prompt), Topic: r.topic, Prompt: prompt, Note: note, Sources: []Source{src}}
	var probs Problems

	pre, body, markerLine := r.splitAtMarker()
	var preOutline []string
	for _, l := range pre {
		switch {
		case l.blank():
		case isAltPrompt(l.text):
			q.AltPrompts = append(q.AltPrompts, cleanInline(l.text))
		default:
			if o, ok := outlineLine(l.text); ok {
				preOutline = append(preOutline, cleanInline(o))
				continue
			}
			// The interviewer's further words, before the answer starts.
			q.Prompt += "\n" + cleanInline(l.text)
		}
	}

	segs := segmentBody(body, markerLine)
	var answers []Answer
	var follows []segment
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
		answers = append(answers, a)
	}
	if len(answers) == 0 {
		answers = []Answer{{Source: src}}
	}
	if len(preOutline) > 0 && answers[0].Outline == "" {
		answers[0].Outline = strings.Join(preOutline, "\n")
	}
	q.Answer, q.Variants = answers[0], answers[1:]
	if q.Answer.Text == "" && len(q.Variants) == 0 {
		probs = append(probs, Problem{src, Error, "question has no answer"})
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

// splitAtMarker cuts the body at the first answer marker. Without one, the
// leading lines that read as other wordings of the question are kept apart
// and everything else is the answer.
func (r *rawQuestion) splitAtMarker() (pre, body []line, markerLine int) {
	for i, l := range r.body {
		if rest, ok := answerMarker(l.text); ok {
			body = r.body[i+1:]
			if rest != "" {
				body = append([]line{{no: l.no, indent: l.indent, text: rest}}, body...)
			}
			return r.body[:i], body, l.no
		}
	}
	i := 0
	for i < len(r.body) && (r.body[i].blank() || isAltPrompt(r.body[i].text)) {
		i++
	}
	// Only blank lines before the answer: nothing is kept apart.
	j := 0
	for j < i && r.body[j].blank() {
		j++
	}
	if j == i {
		i = 0
	}
	start := r.head.no
	if i < len(r.body) {
		start = r.body[i].no
	}
	return r.body[:i], r.body[i:], start
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
	for _, l := range body {
		if label, ok := variantLabel(l.text); ok {
			segs = append(segs, segment{label: label, start: l.no})
			cur = &segs[len(segs)-1]
			continue
		}
		if subject, ask, ok := followUp(l.text); ok {
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

// readAnswer reads the lines of one answer: outline, polished text, spoken
// transcript, and the key points the text itself marks.
func readAnswer(lines []line, src Source) Answer {
	a := Answer{Source: src}
	var text, spoken, outline []string
	var polished []line
	inSpoken := false
	for i, l := range lines {
		if l.blank() {
			if inSpoken {
				spoken = append(spoken, "")
			} else {
				text = append(text, "")
			}
			continue
		}
		if o, ok := outlineLine(l.text); ok {
			outline = append(outline, cleanInline(o))
			continue
		}
		if templateLine(l.text) && (neighbourIsTemplate(lines, i, -1) || neighbourIsTemplate(lines, i, +1)) {
			outline = append(outline, cleanInline(l.text))
			continue
		}
		st := countFillers(stripBoldMarks(l.text))
		switch {
		case !inSpoken && st.spoken():
			inSpoken = true
		case inSpoken && st.polished() && !st.spoken() && st.runes >= 20:
			inSpoken = false
		}
		if inSpoken {
			spoken = append(spoken, cleanInline(l.text))
			continue
		}
		text = append(text, cleanInline(l.text))
		polished = append(polished, l)
	}
	a.Text = joinParagraphs(text)
	a.Spoken = joinParagraphs(spoken)
	a.Outline = strings.Join(outline, "\n")
	a.KeyPoints = boldPoints(polished, a.Text)
	if len(a.KeyPoints) < minKeyPoints {
		a.KeyPoints = appendNew(a.KeyPoints, enumerationPoints(a.Text)...)
	}
	return a
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
		if note == "" || endsWithQuestionMark(note) {
			continue
		}
		return strings.TrimSpace(p[:open]), note
	}
	return p, ""
}
