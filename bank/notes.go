package bank

import (
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
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
	flat bool
}

// parseNotes reads one markdown or text notes file.
func parseNotes(file string, data []byte) ([]*Question, Problems) {
	if looksBinary(data) {
		return nil, Problems{{Source{file, 1}, Error, "not a text file (it contains NUL bytes); skipped"}}
	}
	lines, probs := splitLines(file, data)
	raws := splitQuestions(file, lines)
	var qs []*Question
	for _, r := range raws {
		built, p := r.build()
		qs = append(qs, built...)
		probs = append(probs, p...)
	}
	if len(raws) == 0 && strings.TrimSpace(string(data)) != "" {
		probs = append(probs, Problem{Source{file, 1}, Warning, "no questions found (expected numbered, bulleted or # heading questions)"})
	}
	return qs, probs
}

// splitQuestions walks the lines and cuts them into questions, tracking the
// current ## section as the topic.
func splitQuestions(file string, lines []line) []*rawQuestion {
	var (
		out     []*rawQuestion
		cur     *rawQuestion
		headers [7]string // current heading text per level
	)
	topic := func() string {
		for lvl := 6; lvl >= 1; lvl-- {
			if headers[lvl] != "" {
				return headers[lvl]
			}
		}
		return ""
	}
	start := func(l line, prompt string) {
		cur = &rawQuestion{file: file, head: l, prompt: prompt, topic: topic()}
		out = append(out, cur)
	}
	for i, l := range lines {
		if l.blank() {
			if cur != nil {
				cur.body = append(cur.body, l)
			}
			continue
		}
		if lvl, title, ok := heading(l.text); ok && l.indent <= 3 {
			if p, isQ := headingQuestion(title); isQ {
				start(l, p)
				continue
			}
			headers[lvl] = cleanInline(title)
			for deeper := lvl + 1; deeper < len(headers); deeper++ {
				headers[deeper] = ""
			}
			cur = nil
			continue
		}
		if l.indent <= questionIndent {
			if p, ok := questionLine(lines, i, cur); ok {
				start(l, p)
				continue
			}
		}
		if cur == nil {
			continue // text before the first question: a title or preamble
		}
		if l.indent <= questionIndent {
			if _, isMarker := answerMarker(l.text); isMarker || len(cur.body) > 0 {
				cur.flat = cur.flat || isMarker || !startsWithContinuation(l.text)
			}
		}
		cur.body = append(cur.body, l)
	}
	return out
}

// headingQuestion reports whether a # heading is a question rather than a
// section, and returns its prompt.
func headingQuestion(title string) (string, bool) {
	t := title
	if rest, ok := numbered(t); ok {
		t = rest
	}
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
// marks, inline code ticks, and surrounding spaces.
func cleanInline(s string) string {
	s = stripBoldMarks(s)
	s = strings.ReplaceAll(s, "`", "")
	return textnorm.CleanSpaces(s)
}
