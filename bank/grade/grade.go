package grade

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// MaxReplyRunes bounds the part of a reply that is graded: far longer than
// any spoken answer, short enough that a pasted essay grades in
// milliseconds.
const MaxReplyRunes = 20000

// Thresholds on a point's weighted unit share.
const (
	coveredShare = 0.6
	partialShare = 0.3
)

// Grader grades replies against the questions of one bank. It is built once
// per bank and safe for concurrent use.
type Grader struct {
	weights   map[textnorm.Unit]float64 // unit → weight, from document frequency over the bank
	compiled  map[string][]answerPoints
	reference map[string]unitSet // question ID → units of its prompt and answers
	prompt    map[string]unitSet // question ID → units of its prompts
}

type unitSet = map[textnorm.Unit]struct{}

func unitSetOf(s string) unitSet { return textnorm.Analyze(s).Units }

// echoWeight scales a unit the question itself contains: a reply that
// repeats the question's words ("备份" for a question about backups) has
// not yet said anything about a point.
const echoWeight = 0.3

// offTopicRelevance is the relevance below which a reply that covers
// nothing is reported as off topic.
const offTopicRelevance = 0.15

// answerPoints are the precomputed forms of one answer's key points.
type answerPoints struct {
	label  string
	points []compiledPoint
}

type compiledPoint struct {
	kp      bank.KeyPoint
	phrases []phrase        // the text and each alias
	units   []textnorm.Unit // content units of the text (or the best alias)
	shared  []bool          // units[i] also belongs to another point of the answer
}

// sharedWeight scales a unit that several points of one answer have
// ("consistent" in Crash / File System / Application Consistent): it does
// not tell the points apart, so it alone is not a partial mention.
const sharedWeight = 0.3

// phrase is one wording of a point, normalized for containment tests.
type phrase struct {
	compact string
	// token is set for a short Latin acronym ("RPO", "K8s") that must match
	// a whole word of the reply, not the inside of one.
	token bool
}

// New builds a grader for b: it weighs content units by how many answers
// of the bank use them, and precomputes every key point's normalized forms,
// so grading never looks at the rest of the bank.
func New(b *bank.Bank) *Grader {
	df := map[textnorm.Unit]int{}
	docs := 0
	for _, q := range b.Questions() {
		for _, a := range q.Answers() {
			docs++
			for u := range unitSetOf(a.Text + " " + q.Prompt) {
				df[u]++
			}
		}
	}
	g := &Grader{
		weights:   make(map[textnorm.Unit]float64, len(df)),
		compiled:  map[string][]answerPoints{},
		reference: map[string]unitSet{},
		prompt:    map[string]unitSet{},
	}
	for u, n := range df {
		g.weights[u] = unitWeight(n, docs)
	}
	for _, q := range b.Questions() {
		g.compiled[q.ID] = compileAnswers(q)
		g.reference[q.ID] = referenceUnits(q)
		g.prompt[q.ID] = promptUnits(q)
	}
	return g
}

func promptUnits(q *bank.Question) unitSet {
	return unitSetOf(q.Prompt + "\n" + strings.Join(q.AltPrompts, "\n"))
}

func referenceUnits(q *bank.Question) unitSet {
	text := q.Prompt + "\n" + strings.Join(q.AltPrompts, "\n")
	for _, a := range q.Answers() {
		text += "\n" + a.Text + "\n" + a.Outline
	}
	return unitSetOf(text)
}

// unitWeight gives a unit that appears in most answers of the bank ("客户",
// "问题") a low weight and a specific one full weight, so a vague reply full
// of common words does not pass for a paraphrase.
func unitWeight(df, docs int) float64 {
	if docs < 4 {
		return 1
	}
	share := float64(df) / float64(docs)
	switch {
	case share >= 0.5:
		return 0.2
	case share >= 0.25:
		return 0.5
	default:
		return 1
	}
}

// compileAnswers precomputes the key points of every answer of q.
func compileAnswers(q *bank.Question) []answerPoints {
	var answers []answerPoints
	for _, a := range q.Answers() {
		ap := answerPoints{label: a.Label}
		owners := map[textnorm.Unit]int{}
		for _, kp := range a.KeyPoints {
			cp := compilePoint(kp)
			for _, u := range cp.units {
				owners[u]++
			}
			ap.points = append(ap.points, cp)
		}
		for i := range ap.points {
			cp := &ap.points[i]
			cp.shared = make([]bool, len(cp.units))
			for j, u := range cp.units {
				cp.shared[j] = owners[u] > 1
			}
		}
		answers = append(answers, ap)
	}
	return answers
}

func compilePoint(kp bank.KeyPoint) compiledPoint {
	cp := compiledPoint{kp: kp}
	for _, w := range append([]string{kp.Text}, kp.Aliases...) {
		c := textnorm.Compact(w)
		if c == "" {
			continue
		}
		cp.phrases = append(cp.phrases, phrase{compact: c, token: isShortLatin(c)})
	}
	// Units come from the plain wording: the text without a parenthetical
	// alias, which is matched as a phrase of its own.
	base := kp.Text
	if len(kp.Aliases) > 0 && strings.Contains(kp.Text, kp.Aliases[0]) {
		base = kp.Aliases[0]
	}
	for _, u := range dedupe(textnorm.Units(base)) {
		cp.units = append(cp.units, textnorm.UnitOf(u))
	}
	return cp
}

func isShortLatin(c string) bool {
	if len(c) > 4 {
		return false
	}
	for _, r := range c {
		if r >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func dedupe(us []string) []string {
	seen := map[string]bool{}
	out := us[:0:0]
	for _, u := range us {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

// Grade grades a reply to q. A reply with nothing to grade (empty, only
// spaces, punctuation or emoji) gets zero coverage and Empty set; a reply
// longer than MaxReplyRunes is graded on its beginning with Truncated set.
func (g *Grader) Grade(q *bank.Question, text string) Result {
	res := Result{QuestionID: q.ID}
	if !utf8.ValidString(text) {
		res.InvalidUTF8 = true
		text = strings.ToValidUTF8(text, " ")
	}
	if utf8.RuneCountInString(text) > MaxReplyRunes {
		res.Truncated = true
		text = string([]rune(text)[:MaxReplyRunes])
	}
	answers, ok := g.compiled[q.ID]
	ref, echo := g.reference[q.ID], g.prompt[q.ID]
	if !ok {
		// A question from another bank: compile it now.
		answers, ref, echo = compileAnswers(q), referenceUnits(q), promptUnits(q)
	}
	r := textnorm.Analyze(text)
	if r.Compact == "" {
		res.Empty = true
		res.Missed = allMissed(answers[0].points)
		res.Label = answers[0].label
		res.Rating = Again
		return res
	}
	best := -1.0
	for i, a := range answers {
		graded := g.gradeAnswer(a, r, echo)
		if graded.Coverage > best {
			best = graded.Coverage
			graded.Variant, graded.Label = i, a.label
			graded.QuestionID, graded.Truncated, graded.InvalidUTF8 = res.QuestionID, res.Truncated, res.InvalidUTF8
			res = graded
		}
	}
	res.Relevance = g.relevance(r, ref)
	res.DontKnow = res.Coverage == 0 && isAdmission(r.Compact)
	res.OffTopic = res.Coverage == 0 && res.Relevance < offTopicRelevance && !res.DontKnow
	res.Rating = SuggestRating(res.Coverage)
	return res
}

// relevance is the weighted share of the reply's units that the reference
// also has.
func (g *Grader) relevance(r textnorm.Analysis, ref unitSet) float64 {
	var in, total float64
	for u := range r.Units {
		w, ok := g.weights[u]
		if !ok {
			w = 1
		}
		total += w
		if _, found := ref[u]; found {
			in += w
		}
	}
	if total == 0 {
		return 0
	}
	return math.Round(in/total*1000) / 1000
}

func (g *Grader) gradeAnswer(a answerPoints, r textnorm.Analysis, echo unitSet) Result {
	var res Result
	if len(a.points) == 0 {
		return res
	}
	credit := 0.0
	for _, cp := range a.points {
		p := Point{Text: cp.kp.Text, Aliases: cp.kp.Aliases, Reference: cp.kp.Sentence}
		p.Share = g.share(cp, r, echo)
		switch {
		case p.Share >= coveredShare:
			p.Status = Covered
			credit++
			res.Covered = append(res.Covered, p)
		case p.Share >= partialShare && len(cp.units) > 1:
			p.Status = Partial
			credit += 0.5
			res.Partial = append(res.Partial, p)
		default:
			p.Status = Missed
			res.Missed = append(res.Missed, p)
		}
	}
	res.Coverage = math.Round(credit/float64(len(a.points))*1000) / 1000
	return res
}

// share is how much of a point the reply holds: 1 when it contains the
// point or an alias, else the weighted share of the point's units present,
// units the question itself contains counting less.
func (g *Grader) share(cp compiledPoint, r textnorm.Analysis, echo unitSet) float64 {
	for _, ph := range cp.phrases {
		if ph.token && r.Words[ph.compact] || !ph.token && strings.Contains(r.Compact, ph.compact) {
			return 1
		}
	}
	var have, total float64
	for i, u := range cp.units {
		w, ok := g.weights[u]
		if !ok {
			w = 1
		}
		if _, inPrompt := echo[u]; inPrompt {
			w *= echoWeight
		}
		if cp.shared[i] {
			w *= sharedWeight
		}
		total += w
		if _, found := r.Units[u]; found {
			have += w
		}
	}
	if total == 0 {
		return 0
	}
	return have / total
}

func allMissed(cps []compiledPoint) []Point {
	out := make([]Point, 0, len(cps))
	for _, cp := range cps {
		out = append(out, Point{Text: cp.kp.Text, Aliases: cp.kp.Aliases, Reference: cp.kp.Sentence})
	}
	return out
}
