package grade

// Status is how well a reply covers one key point.
type Status int

const (
	// Missed means the reply does not mention the point.
	Missed Status = iota
	// Partial means the reply touches the point without its substance.
	Partial
	// Covered means the reply states the point or a close paraphrase.
	Covered
)

// String returns "missed", "partial" or "covered".
func (s Status) String() string {
	switch s {
	case Covered:
		return "covered"
	case Partial:
		return "partial"
	default:
		return "missed"
	}
}

// Rating is a review rating suggested by coverage; its values are FSRS's
// (Again 1 … Easy 4).
type Rating int

// The four review ratings.
const (
	Again Rating = 1
	Hard  Rating = 2
	Good  Rating = 3
	Easy  Rating = 4
)

// String returns the rating's English name.
func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return "unknown"
}

// ParseRating reads a rating name or number ("good", "3").
func ParseRating(s string) (Rating, bool) {
	switch s {
	case "again", "1":
		return Again, true
	case "hard", "2":
		return Hard, true
	case "good", "3":
		return Good, true
	case "easy", "4":
		return Easy, true
	}
	return 0, false
}

// SuggestRating maps coverage to the review rating a person would most
// likely give themselves.
func SuggestRating(coverage float64) Rating {
	switch {
	case coverage < 0.3:
		return Again
	case coverage < 0.6:
		return Hard
	case coverage < 0.85:
		return Good
	default:
		return Easy
	}
}

// Point is one key point as graded.
type Point struct {
	// Text is the key point as shown to the person.
	Text string `json:"text"`
	// Aliases are the point's other wordings.
	Aliases []string `json:"aliases,omitempty"`
	// Status is how well the reply covered it.
	Status Status `json:"-"`
	// Share is the weighted share of the point's content units found in the
	// reply, 1 for an exact mention.
	Share float64 `json:"share"`
	// Reference is the sentence of the reference answer the point comes from.
	Reference string `json:"reference,omitempty"`
}

// Result is the grade of one reply.
type Result struct {
	// QuestionID is the graded question's ID.
	QuestionID string `json:"id"`
	// Variant is the index of the answer graded against (0 for the primary
	// answer) and Label its label.
	Variant int    `json:"variant"`
	Label   string `json:"label,omitempty"`
	// Coverage is in [0,1]: covered points plus half the partly covered ones,
	// over all points.
	Coverage float64 `json:"coverage"`
	// Covered, Partial and Missed list the points by status, in the order of
	// the reference answer.
	Covered []Point `json:"covered"`
	Partial []Point `json:"partial"`
	Missed  []Point `json:"missed"`
	// Relevance in [0,1] is the weighted share of the reply's content that
	// the question's reference (prompt and answers) also has: how much of
	// the reply is about this question at all.
	Relevance float64 `json:"relevance"`
	// OffTopic is set when the reply covers nothing, is hardly about the
	// question and does not name what a comparison prompt names (Docker of
	// "Docker vs a VM"): most likely an answer to another one.
	OffTopic bool `json:"off_topic,omitempty"`
	// Vague is set instead of OffTopic when the reply covers nothing, is
	// hardly about the question and is a few general words ("看情况吧",
	// "it depends"): too short or too general to grade, not an answer to
	// another question.
	Vague bool `json:"vague,omitempty"`
	// DontKnow is set when the reply only says that the person does not
	// know ("不知道", "忘了", "没做过这块", "idk", "never used it"); its
	// coverage is then 0 and OffTopic unset.
	DontKnow bool `json:"dont_know,omitempty"`
	// Rating is the suggested review rating.
	Rating Rating `json:"-"`
	// Empty is set when the reply has no content at all.
	Empty bool `json:"empty,omitempty"`
	// Truncated is set when the reply was longer than MaxReplyRunes and only
	// its beginning was graded.
	Truncated bool `json:"truncated,omitempty"`
	// InvalidUTF8 is set when the reply had bytes that are not UTF-8; they
	// were ignored.
	InvalidUTF8 bool `json:"invalid_utf8,omitempty"`
	// ReplyLang and NotesLang are the languages of the reply and of the
	// reference answer: "zh" or "en" ("" for an empty reply).
	ReplyLang string `json:"reply_lang,omitempty"`
	NotesLang string `json:"notes_lang,omitempty"`
}

// LanguageMismatch reports whether the reply is in another language than
// the notes and little of it matched: the feedback should say so, since
// the lexicon bridges common terms only.
func (r Result) LanguageMismatch() bool {
	return r.ReplyLang != "" && r.NotesLang != "" && r.ReplyLang != r.NotesLang && r.Coverage < 0.3
}

// Less reports whether r ranks below o the way an interviewer would order
// two replies: by coverage, and between equal coverage by relevance, so a
// vague reply on the topic ranks above an answer to another question.
func (r Result) Less(o Result) bool {
	if r.Coverage != o.Coverage {
		return r.Coverage < o.Coverage
	}
	return r.Relevance < o.Relevance
}

// Total returns the number of key points graded.
func (r Result) Total() int { return len(r.Covered) + len(r.Partial) + len(r.Missed) }
