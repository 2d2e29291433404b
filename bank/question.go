package bank

import (
	"fmt"
	"slices"
)

// Question is one interview question with everything the bot needs to ask
// it, hint at it and grade a reply to it.
type Question struct {
	// ID is stable: derived from the normalized prompt (or set in YAML), so
	// renumbering, reordering, editing an answer or moving the question to
	// another file keeps it.
	ID string
	// AliasIDs are other IDs this question answers to: those of duplicate
	// prompts merged into it, and its derived ID when YAML set another. Stored
	// progress recorded under any of them belongs to this question.
	AliasIDs []string
	// Topic is the section (## heading) the question sits under, or "".
	Topic string
	// Prompt is the question as the interviewer asks it, without numbering or
	// markup.
	Prompt string
	// AltPrompts are other wordings of the same question.
	AltPrompts []string
	// Note is an annotation the person wrote beside the prompt, such as
	// "考验沟通和协作能力".
	Note string
	// Answer is the primary reference answer.
	Answer Answer
	// Variants are further reference answers: one per target role, or the
	// answer another file gives for the same question.
	Variants []Answer
	// Parent is the ID of the question this one follows up, or "".
	Parent string
	// FollowUps are the IDs of follow-up questions split out of this one.
	FollowUps []string
	// Sources lists where the question was read, first the primary one.
	Sources []Source
}

// Answer is one reference answer to a question.
type Answer struct {
	// Label names the variant, such as a target role ("SRE/DevOps工程师方向");
	// empty for an unlabelled answer.
	Label string
	// Text is the polished answer as plain text (markup removed), paragraphs
	// separated by blank lines.
	Text string
	// Outline is the answer outline (the > lines): a hint, not part of the
	// answer.
	Outline string
	// Spoken is a spoken transcript of the answer kept beside the polished
	// one. It never provides key points.
	Spoken string
	// KeyPoints are what a good reply covers.
	KeyPoints []KeyPoint
	// Source is where this answer was read.
	Source Source
	// partlyRead is set when the answer is so long that its key points
	// were picked from its start (maxMarksRead, maxIdeasRead): loading
	// tells the person.
	partlyRead bool
	// marks holds what the answer's text marks (its bold spans, labelled
	// items, enumerations) until they are read into KeyPoints
	// (readMarkedPoints): reading them needs the word list, which the
	// questions alone do not.
	marks *pendingMarks
}

// pendingMarks is what markedPoints reads: the answer's polished lines and
// its prose.
type pendingMarks struct {
	polished []line
	plain    string
	// text is the answer's text when read: the marked points depend on it.
	text string
}

// sameMarks reports whether two answers' marks, both still to be read,
// give the same key points: the same lines (wherever in their files) and
// the same prose.
func sameMarks(a, b *pendingMarks) bool {
	if a == nil || b == nil || a.plain != b.plain || a.text != b.text || len(a.polished) != len(b.polished) {
		return false
	}
	for i, l := range a.polished {
		m := b.polished[i]
		m.no = l.no
		if l != m {
			return false
		}
	}
	return true
}

// noBold reports whether marks still to be read hold no bold span: their
// answer has no point of OriginBold.
func (m *pendingMarks) noBold() bool {
	if m == nil {
		return false
	}
	for _, l := range m.polished {
		if reBold.MatchString(l.text) {
			return false
		}
	}
	return true
}

// readMarkedPoints sets the key points the answer's text marks, once, if
// they are not read yet. Whatever reads or replaces an answer's key points
// while the notes are read calls it first; Loading.Complete calls it for
// every answer.
func (a *Answer) readMarkedPoints() {
	if a.marks == nil {
		return
	}
	m := a.marks
	a.marks = nil
	a.markedPoints(m.polished, m.plain)
}

// KeyPoint is one point a reply should cover.
type KeyPoint struct {
	// Text is the point as shown to the person.
	Text string
	// Aliases are other ways of saying the point; a reply containing any of
	// them covers it.
	Aliases []string
	// Sentence is the sentence of the reference answer the point comes from.
	Sentence string
	// Origin tells where the point came from: OriginYAML, OriginChecklist,
	// OriginBold, OriginEnumeration or OriginTerm.
	Origin string
}

// Where key points come from, in order of precedence.
const (
	OriginYAML = "yaml"
	// OriginChecklist marks a point from the author's own checklist: a
	// bullet under "Good to hear", "Key points", 要点 or 得分点.
	OriginChecklist   = "checklist"
	OriginBold        = "bold"
	OriginEnumeration = "enumeration"
	OriginTerm        = "term"
)

// Source is a position in a notes file.
type Source struct {
	File string
	Line int
}

// String returns the source as file:line.
func (s Source) String() string { return fmt.Sprintf("%s:%d", s.File, s.Line) }

// Answers returns the primary answer followed by the variants.
func (q *Question) Answers() []Answer {
	return append([]Answer{q.Answer}, q.Variants...)
}

// HasReference reports whether the notes give something to grade a reply
// against: a reference answer or key points, in the primary answer or a
// variant. A question from a list of questions without answers has none; the
// bot still asks it and lets the person rate their own reply.
func (q *Question) HasReference() bool {
	for _, a := range q.Answers() {
		if a.Text != "" || len(a.KeyPoints) > 0 {
			return true
		}
	}
	return false
}

// HasID reports whether id is the question's ID or one of its alias IDs.
func (q *Question) HasID(id string) bool {
	return q.ID == id || slices.Contains(q.AliasIDs, id)
}

// DisplayTopic returns the topic, or fallback when the question has none.
func (q *Question) DisplayTopic(fallback string) string {
	if q.Topic == "" {
		return fallback
	}
	return q.Topic
}
