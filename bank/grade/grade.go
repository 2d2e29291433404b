package grade

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// MaxReplyRunes bounds the part of a reply that is graded: far longer than
// any spoken answer, short enough that a pasted essay grades in
// milliseconds.
const MaxReplyRunes = 20000

// Thresholds on a point's weighted unit share, and on the share of its
// evidence (the answer's sentence it comes from) a paraphrase has.
const (
	coveredShare         = 0.6
	partialShare         = 0.3
	evidenceCoveredShare = 0.35
	evidencePartialShare = 0.3
	// A point partly named whose substance the reply also says in part is
	// covered: "带新同事…帮他们过考核点" names 新人 of 新人培养 and says a
	// quarter of what the answer says about it.
	evidenceWithName = 0.15
	combinedShare    = 0.65
)

// listGrammar is the function words per content word below which a reply
// is a list of words rather than sentences.
const listGrammar = 0.2

// namedCredit is what a point earns when the reply names it and says
// nothing of its substance ("备份策略很重要"): a mention, not an answer.
const namedCredit = 0.25

// Grader grades replies against the questions of one bank. It is built once
// per bank and safe for concurrent use.
type Grader struct {
	az        analyzer
	emphasis  []emphasisPhrase
	weights   map[textnorm.Unit]float64 // unit → weight, from document frequency over the bank
	questions map[string]*compiledQuestion
}

// compiledQuestion is what grading one question needs, prepared once.
type compiledQuestion struct {
	answers   []answerPoints
	reference unitSet // units of its prompt and answers
	prompt    unitSet // units of its prompts
	// sounds maps the sound of each character pair of the reference to
	// the pair, so a reply's typo that sounds the same finds it.
	sounds map[uint32]textnorm.Unit
	// english is set when the notes are mostly in English.
	english bool
	// subjects are the things the prompt names (TCP, UDP): a reply whose
	// clauses each state something of one is no list of words.
	subjects []string
	// yesNoPrompt is the prompt when it is a yes/no question (能不能接受
	// 加班), "" otherwise: a reply's stance is read against its words.
	yesNoPrompt string
}

type unitSet = map[textnorm.Unit]struct{}

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
	// vocabulary holds the units of every point: what a reply made only of
	// key words says.
	vocabulary unitSet
	// stance is the side the answer takes on a yes/no question (noStance
	// for any other question), and stancePoint the point that states it.
	stance      stance
	stancePoint int
}

type compiledPoint struct {
	kp bank.KeyPoint
	// list is set when the point's aliases are the items of a list it
	// names (虚拟机、数据库、存储; 业务连续性和数据可靠性), not other
	// wordings of it (恢复点目标（RPO）, a YAML alias).
	list     bool
	phrases  []phrase        // the text and each alias
	folded   []string        // the text and each alias folded, spacing kept
	counts   []wordCount     // the words of each folded wording
	wordings [][]term        // the words of the text and of each alias
	units    []textnorm.Unit // the units of every wording
	shared   map[textnorm.Unit]bool
	// evidence are the words of the point's sentence, with the units the
	// prompt does not have; support keeps of them the units no point of
	// the answer has either: the substance a reply adds when it says
	// something about the point. A word's near-synonyms (its senses) count
	// for it.
	evidence []term
	support  []term
	// wideEvidence and wideSupport are the same for the span with the
	// opening clauses of the point's sentence (nil when it has none).
	wideEvidence []term
	wideSupport  []term
	// cues are the words of the point's substance distinctive enough that
	// a reply saying one of them says part of the point.
	cues []term
	// figures are the numbers the point states when the question asks
	// for a number: a reply that says them all has given the answer's
	// figure (三四个 for 3 到 4 个新进工单).
	figures []textnorm.Unit
	// item is set when the question asks for a list and the point is the
	// name of an item of the answer's list (管道 for 进程间通信有哪些方式):
	// naming it is answering it, even in a reply that is a list of words.
	item bool
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
	g := &Grader{az: analyzer{lex: lexicon.Default()}, questions: map[string]*compiledQuestion{}}
	for _, w := range emphasisWords {
		a := g.az.analyze(w)
		g.emphasis = append(g.emphasis, emphasisPhrase{a.folded, wordCount{a.grammar, a.content}})
	}
	df := map[textnorm.Unit]int{}
	docs := 0
	for _, q := range b.Questions() {
		for _, a := range q.Answers() {
			docs++
			for u := range g.az.analyze(a.Text + "\n" + q.Prompt).units {
				df[u]++
			}
		}
	}
	g.weights = make(map[textnorm.Unit]float64, len(df))
	for u, n := range df {
		g.weights[u] = unitWeight(n, docs)
	}
	for _, q := range b.Questions() {
		g.questions[q.ID] = g.compile(q)
	}
	return g
}

// compile prepares one question.
func (g *Grader) compile(q *bank.Question) *compiledQuestion {
	prompts := q.Prompt + "\n" + strings.Join(q.AltPrompts, "\n")
	ref := g.az.analyze(referenceText(q))
	cq := &compiledQuestion{
		reference: ref.units,
		prompt:    g.az.analyze(prompts).units,
		sounds:    map[uint32]textnorm.Unit{},
		english:   ref.english(),
		subjects:  g.az.promptSubjects(q.Prompt),
	}
	for u := range ref.units {
		if k, ok := soundKey(u); ok {
			cq.sounds[k] = u
		}
	}
	enumerates, counts := asksForList(q.Prompt), asksForCount(q.Prompt)
	for _, p := range q.AltPrompts {
		enumerates = enumerates || asksForList(p)
		counts = counts || asksForCount(p)
	}
	if asksYesNo(q.Prompt) {
		cq.yesNoPrompt = q.Prompt
	}
	for _, a := range q.Answers() {
		ap := g.compileAnswer(a, cq.prompt, enumerates, cq.yesNoPrompt)
		if counts {
			for i := range ap.points {
				ap.points[i].figures = figureUnits(ap.points[i].kp.Text)
			}
		}
		cq.answers = append(cq.answers, ap)
	}
	return cq
}

// evidenceSpans returns, for each key point of a, the part of the answer
// that speaks of it: from the clause that states the point to the next
// point's clause, at most maxSpanClauses clauses (a point that only heads
// its paragraph, "第一，备份范围。", takes the clauses that explain it).
// Points stated in one sentence ("RPO 是能丢多少数据，RTO 是多久恢复，两者
// 决定备份频率") each keep their own clauses. The opening clauses of a
// sentence that no point's span holds belong to the point the sentence
// goes on to state ("我平时工作认真负责，乐于协作": 认真负责 is part of what
// 乐于协作's sentence says, not of nothing): wide holds the span with them
// ("" when there are none). Both are kept, since a wider span dilutes what
// a reply that says the point's own clauses has of it.
func evidenceSpans(a bank.Answer) (spans, wide []string) {
	const maxSpanClauses = 4
	clauses, ends := splitClauseEnds(a.Text)
	compact := make([]string, len(clauses))
	for i, c := range clauses {
		compact[i] = textnorm.Compact(c)
	}
	at := make([]int, len(a.KeyPoints))
	for i, kp := range a.KeyPoints {
		at[i] = -1
		for _, w := range append([]string{kp.Text}, kp.Aliases...) {
			cw := textnorm.Compact(w)
			for j, cc := range compact {
				if cw != "" && strings.Contains(cc, cw) && (at[i] < 0 || j < at[i]) {
					at[i] = j
					break
				}
			}
		}
	}
	starts := make([]int, len(a.KeyPoints))
	stops := make([]int, len(a.KeyPoints))
	held := make([]bool, len(clauses))
	for i := range a.KeyPoints {
		start := at[i]
		if start < 0 {
			continue
		}
		end := min(len(clauses), start+maxSpanClauses)
		for _, j := range at {
			if j > start && j < end {
				end = j
			}
		}
		starts[i], stops[i] = start, end
		for j := start; j < end; j++ {
			held[j] = true
		}
	}
	spans = make([]string, len(a.KeyPoints))
	wide = make([]string, len(a.KeyPoints))
	for i, kp := range a.KeyPoints {
		if at[i] < 0 {
			// Not said verbatim in the answer (cleaned, or from YAML): its
			// sentence is its evidence.
			spans[i] = kp.Sentence
			continue
		}
		spans[i] = strings.Join(clauses[starts[i]:stops[i]], "，")
		start := starts[i]
		for start > 0 && !held[start-1] && !ends[start-1] && stops[i]-start < maxSpanClauses {
			start--
		}
		if start < starts[i] {
			wide[i] = strings.Join(clauses[start:stops[i]], "，")
		}
	}
	return spans, wide
}

// splitClauses cuts text at clause and sentence ends (not at 、, which
// separates the items of one list).
func splitClauses(text string) []string {
	out, _ := splitClauseEnds(text)
	return out
}

// splitClauseEnds is splitClauses that also says, for each clause, whether
// a sentence ends with it.
func splitClauseEnds(text string) (clauses []string, ends []bool) {
	start := 0
	flush := func(i int, end bool) {
		if c := strings.TrimSpace(text[start:i]); c != "" {
			clauses = append(clauses, c)
			ends = append(ends, end)
		} else if end && len(ends) > 0 {
			ends[len(ends)-1] = true
		}
	}
	for i, r := range text {
		if strings.ContainsRune("，,；;。！？!?\n", r) {
			flush(i, strings.ContainsRune("。！？!?\n", r))
			start = i + len(string(r))
		}
	}
	flush(len(text), true)
	return clauses, ends
}

func referenceText(q *bank.Question) string {
	text := q.Prompt + "\n" + strings.Join(q.AltPrompts, "\n")
	for _, a := range q.Answers() {
		text += "\n" + a.Text + "\n" + a.Outline
	}
	return text
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

// compileAnswer precomputes the key points of one answer.
// When the question asks for a list (enumerates), the points that name
// the items of the answer's list are marked as items; when it is a yes/no
// question (yesNoPrompt is its prompt), the answer's stance is read.
func (g *Grader) compileAnswer(a bank.Answer, prompt unitSet, enumerates bool, yesNoPrompt string) answerPoints {
	ap := answerPoints{label: a.Label}
	owners := map[textnorm.Unit]int{}
	all := unitSet{}
	spans, wide := evidenceSpans(a)
	var names map[string]bool
	if enumerates {
		names = itemNames(a)
	}
	for i, kp := range a.KeyPoints {
		cp := g.compilePoint(kp, spans[i], prompt)
		if wide[i] != "" {
			cp.wideEvidence = g.evidenceTerms(wide[i], prompt)
		}
		cp.item = isItemName(kp, names)
		for _, u := range cp.units {
			owners[u]++
			all[u] = struct{}{}
		}
		ap.points = append(ap.points, cp)
	}
	for i := range ap.points {
		cp := &ap.points[i]
		cp.shared = map[textnorm.Unit]bool{}
		for _, u := range cp.units {
			if owners[u] > 1 {
				cp.shared[u] = true
			}
		}
		cp.support = substance(cp.evidence, all)
		cp.wideSupport = substance(cp.wideEvidence, all)
	}
	g.findCues(ap.points)
	ap.vocabulary = all
	if yesNoPrompt != "" {
		ap.stance, ap.stancePoint = notesStance(a, yesNoPrompt, spans, wide)
	}
	return ap
}

func (g *Grader) compilePoint(kp bank.KeyPoint, evidence string, prompt unitSet) compiledPoint {
	cp := compiledPoint{kp: kp, list: isListPoint(kp)}
	seen := unitSet{}
	for _, w := range append([]string{kp.Text}, kp.Aliases...) {
		c := textnorm.Compact(w)
		if c == "" {
			continue
		}
		cp.phrases = append(cp.phrases, phrase{compact: c, token: isShortLatin(c)})
		fa := g.az.analyzeWith(w, bridge{terms: true})
		cp.folded = append(cp.folded, fa.folded)
		cp.counts = append(cp.counts, wordCount{fa.grammar, fa.content})
		var ts []term
		inWording := unitSet{}
		for _, t := range fa.terms {
			var us []textnorm.Unit
			for _, u := range t.units {
				if _, dup := inWording[u]; dup {
					continue
				}
				inWording[u] = struct{}{}
				us = append(us, u)
				if _, dup := seen[u]; !dup {
					seen[u] = struct{}{}
					cp.units = append(cp.units, u)
				}
			}
			if len(us) > 0 {
				ts = append(ts, term{units: us, senses: t.senses, rarity: t.rarity})
			}
		}
		if len(ts) > 0 {
			cp.wordings = append(cp.wordings, ts)
		}
	}
	cp.evidence = g.evidenceTerms(evidence, prompt)
	// Wordings of one concept (事务日志、binlog、WAL) are synonyms, not items.
	cp.list = cp.list && len(cp.units) > 1
	return cp
}

// evidenceTerms returns the words of a point's evidence, with the units
// the prompt does not have, each unit once.
func (g *Grader) evidenceTerms(evidence string, prompt unitSet) []term {
	var out []term
	seen := unitSet{}
	for _, t := range g.az.analyzeWith(evidence, bridge{terms: true}).terms {
		var us []textnorm.Unit
		for _, u := range t.units {
			_, inPrompt := prompt[u]
			_, dup := seen[u]
			if !inPrompt && !dup {
				us = append(us, u)
				seen[u] = struct{}{}
			}
		}
		if len(us) > 0 {
			out = append(out, term{units: us, senses: t.senses, rarity: t.rarity})
		}
	}
	return out
}

// substance keeps of evidence the units no point of the answer has (all)
// and no single character.
func substance(evidence []term, all unitSet) []term {
	var out []term
	for _, t := range evidence {
		var us []textnorm.Unit
		for _, u := range t.units {
			if _, isPoint := all[u]; !isPoint && !isSingle(u) {
				us = append(us, u)
			}
		}
		if len(us) > 0 {
			out = append(out, term{units: us, senses: t.senses, rarity: t.rarity})
		}
	}
	return out
}

// isListPoint reports whether a point's aliases are the items of a list:
// the notes' own point (not YAML, not a checklist) of two or more
// aliases, with no parenthetical (恢复点目标（RPO） has a synonym).
func isListPoint(kp bank.KeyPoint) bool {
	switch kp.Origin {
	case bank.OriginYAML, "checklist":
		return false
	}
	return len(kp.Aliases) >= 2 && !strings.ContainsAny(kp.Text, "（(")
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
	cq, ok := g.questions[q.ID]
	if !ok {
		// A question from another bank: compile it now.
		cq = g.compile(q)
	}
	r := g.az.analyzeWith(text, bridge{toChinese: true, toEnglish: cq.english, senses: true})
	res.ReplyLang, res.NotesLang = langOf(r.english()), langOf(cq.english)
	if r.compact == "" {
		res.Empty = true
		res.Missed = allMissed(cq.answers[0].points)
		res.Label = cq.answers[0].label
		res.Rating = Again
		res.ReplyLang = ""
		return res
	}
	g.hearTypos(&r, cq)
	alts := r.altSet()
	best := -1.0
	statements := -1 // whether the reply speaks of the prompt's subjects, found when needed
	var said stance
	if cq.yesNoPrompt != "" {
		if st, more := replyStance(text, cq.yesNoPrompt); more {
			said = st
		}
	}
	for i, a := range cq.answers {
		graded := g.gradeAnswer(a, &r, alts, cq, &statements, said)
		if graded.Coverage > best {
			best = graded.Coverage
			graded.Variant, graded.Label = i, a.label
			graded.QuestionID, graded.Truncated, graded.InvalidUTF8 = res.QuestionID, res.Truncated, res.InvalidUTF8
			graded.ReplyLang, graded.NotesLang = res.ReplyLang, res.NotesLang
			res = graded
		}
	}
	res.Relevance = g.relevance(&r, cq.reference)
	if len(res.Covered) == 0 && isAdmission(r.compact) {
		// A word the admission shares with a point ("了解") is no part of
		// an answer; a point it names in full ("不会" to 会不会丢数据) is.
		res.DontKnow = true
		res.Covered, res.Partial, res.Missed = nil, nil, allMissed(cq.answers[res.Variant].points)
		res.Coverage = 0
	}
	g.judgeTopic(&res, text, &r, cq)
	res.Rating = SuggestRating(res.Coverage)
	return res
}

func langOf(english bool) string {
	if english {
		return "en"
	}
	return "zh"
}

// hearTypos lets a character pair of the reply that is no word stand for
// the pair of the reference that sounds the same: 备分 for 备份, 一至 for
// 一致. A real word (实时) is never taken for another (适时).
func (g *Grader) hearTypos(r *analysis, cq *compiledQuestion) {
	for _, u := range r.oov {
		if _, known := cq.reference[u]; known {
			continue
		}
		x, y, _ := u.IsBigram()
		if g.az.lex.IsPair(x, y) {
			continue
		}
		if k, ok := soundKey(u); ok {
			if v, found := cq.sounds[k]; found {
				r.addAlts(u, v)
			}
		}
	}
}

// relevance is the weighted share of the reply's units that the reference
// also has, in the reply's words or through a translation or a typo's sound.
func (g *Grader) relevance(r *analysis, ref unitSet) float64 {
	var in, total float64
	for u := range r.units {
		w, ok := g.weights[u]
		if !ok {
			w = 1
		}
		total += w
		if _, found := ref[u]; found {
			in += w
			continue
		}
		for _, v := range r.alts[u] {
			if _, found := ref[v]; found {
				in += w
				break
			}
		}
	}
	if total == 0 {
		return 0
	}
	return math.Round(in/total*1000) / 1000
}

// gradeAnswer grades a reply against the points of one answer of cq.
// statements caches, across the question's answers, whether the reply
// speaks of the prompt's subjects (-1: not looked at yet).
func (g *Grader) gradeAnswer(a answerPoints, r *analysis, alts unitSet, cq *compiledQuestion, statements *int, said stance) Result {
	var res Result
	if len(a.points) == 0 {
		return res
	}
	echo := cq.prompt
	credit := 0.0
	list := g.isList(a, r)
	if list && *statements < 0 {
		*statements = 0
		if g.az.speaksOfSubjects(r, cq.subjects, cq.prompt) {
			*statements = 1
		}
	}
	list = list && *statements == 0
	points := make([]Point, len(a.points))
	credits := make([]float64, len(a.points))
	for i, cp := range a.points {
		p := Point{Text: cp.kp.Text, Aliases: cp.kp.Aliases, Reference: cp.kp.Sentence}
		p.Status, p.Share, credits[i] = g.judge(cp, r, alts, echo, list)
		points[i] = p
	}
	if !list {
		g.creditCues(a, r, alts, points, credits)
		creditStance(a, said, points, credits)
	}
	for i, p := range points {
		credit += credits[i]
		switch p.Status {
		case Covered:
			res.Covered = append(res.Covered, p)
		case Partial:
			res.Partial = append(res.Partial, p)
		default:
			res.Missed = append(res.Missed, p)
		}
	}
	res.Coverage = math.Round(credit/float64(len(a.points))*1000) / 1000
	return res
}

// judge decides how well a reply covers one point, and the credit it
// earns. A point is covered when the reply names it (its text, an alias,
// or most of its units), or states its evidence in other words; it is
// partly covered on less. In a reply that is only a list of words (list),
// a point it touches is partly covered and earns namedCredit: naming is
// not answering, unless the question asks for the names (cp.item).
func (g *Grader) judge(cp compiledPoint, r *analysis, alts, echo unitSet, list bool) (Status, float64, float64) {
	named := nameShare(cp, r)
	if cp.item && named == 1 {
		return Covered, 1, 1 // an item the question asks for, named
	}
	if named == 0 {
		named = g.pointShare(cp, r, alts, echo)
	}
	ev := g.supportShare(cp.support, r, alts)
	if cp.wideSupport != nil {
		ev = max(ev, g.supportShare(cp.wideSupport, r, alts))
	}
	share := math.Round(max(named, ev)*1000) / 1000
	status, credit := Missed, 0.0
	switch {
	case named >= coveredShare || ev >= evidenceCoveredShare || saysFigures(cp, r, alts) || named >= partialShare && ev >= evidenceWithName && named+ev >= combinedShare:
		status, credit = Covered, 1
	case ev >= evidencePartialShare || named >= partialShare && len(cp.units) > 1:
		status, credit = Partial, 0.5
	}
	if list && status != Missed {
		return Partial, share, namedCredit
	}
	return status, share, credit
}

// nameShare is 1 when the reply names the point (its text or an alias).
// The aliases of a list point are its items (虚拟机、数据库、存储): naming
// fewer than half of them is half a name, part of the idea.
func nameShare(cp compiledPoint, r *analysis) float64 {
	said := func(ph phrase) bool {
		return ph.token && r.words[ph.compact] || !ph.token && strings.Contains(r.compact, ph.compact)
	}
	if len(cp.phrases) == 0 {
		return 0
	}
	if said(cp.phrases[0]) {
		return 1
	}
	items := 0
	for _, ph := range cp.phrases[1:] {
		if said(ph) {
			items++
		}
	}
	switch {
	case items == 0:
		return 0
	case !cp.list || 2*items >= len(cp.phrases)-1:
		return 1
	}
	return partialShare
}

// isSingle reports whether u is one character on its own: too vague to
// tell that a reply speaks of a point.
func isSingle(u textnorm.Unit) bool {
	return u&(1<<62) != 0 && u&(1<<63) == 0
}

// isList reports whether a reply names things without saying anything
// about them: once the key points it names and mere emphasis (很重要, is
// important) are taken out, what is left has hardly any grammar
// ("备份范围、备份策略、一致性保障", "备份策略很重要。一致性保障很重要。").
// The grammar inside the points (家人都在国内 holds 都 and 在) is not the
// reply's own.
func (g *Grader) isList(a answerPoints, r *analysis) bool {
	grammar, content := r.grammar, r.content
	rest := r.folded
	take := func(folded string, c wordCount) {
		if folded == "" {
			return
		}
		if n := strings.Count(rest, folded); n > 0 {
			grammar -= n * c.grammar
			content -= n * c.content
			rest = strings.ReplaceAll(rest, folded, "，") // counted once
		}
	}
	for _, cp := range a.points {
		for i, f := range cp.folded {
			take(f, cp.counts[i])
		}
	}
	for _, e := range g.emphasis {
		take(e.folded, e.count)
	}
	grammar, content = max(grammar, 0), max(content, 0)
	if content == 1 && grammar == 0 && !g.onlyPointWords(a, rest) {
		return false // the one word that joins the points ("X，靠 Y 和 Z")
	}
	if float64(grammar) >= listGrammar*float64(max(content, 1)) {
		return false
	}
	return !g.saysThings(rest)
}

// saysThings reports whether a reply, its points and emphasis taken out,
// holds at least two clauses that each
// join three or more content words with a function word ("冲突用拉链法解决",
// "扩容的时候容量翻倍"): statements dense with terms, not a list of them. A
// reply of such statements can fall under listGrammar on its words alone,
// and then "我觉得" put in front of it decided its grade.
func (g *Grader) saysThings(folded string) bool {
	statements := 0
	for _, clause := range strings.FieldsFunc(folded, isClauseEnd) {
		a := g.az.analyze(clause)
		if a.content >= 3 && a.grammar >= 1 {
			if statements++; statements == 2 {
				return true
			}
		}
	}
	return false
}

// isClauseEnd reports whether r ends a clause: the comma and stops of
// either script, a new line. The enumeration comma 、 and the full stop
// of decimals (1.8) do not.
func isClauseEnd(r rune) bool {
	return strings.ContainsRune("，,。；;！!？?\n", r)
}

// onlyPointWords reports whether what is left of a reply once the points
// it names are taken out is words of the points too (工具链 of
// 平台能提供完整的一套工具链): more key words, not a word joining them.
func (g *Grader) onlyPointWords(a answerPoints, rest string) bool {
	units := g.az.analyze(rest).units
	if len(units) == 0 {
		return false
	}
	for u := range units {
		if _, ok := a.vocabulary[u]; !ok {
			return false
		}
	}
	return true
}

// wordCount is how many function and content words a phrase has.
type wordCount struct{ grammar, content int }

// emphasisPhrase is a phrase that stresses a point without saying anything
// about it, with its word count.
type emphasisPhrase struct {
	folded string
	count  wordCount
}

// emphasisWords stress a point without saying anything about it.
var emphasisWords = []string{"非常重要", "也很重要", "很重要", "重要", "很关键", "关键", "是核心", "必不可少",
	"is important", "are important", "is key", "is crucial", "matters", "is essential"}

// pointShare is the weighted share of the point's units (of its best
// wording) the reply has; units the question itself contains, and units
// several points share, count less.
func (g *Grader) pointShare(cp compiledPoint, r *analysis, alts, echo unitSet) float64 {
	best := 0.0
	for _, ts := range cp.wordings {
		var have, total float64
		for _, t := range ts {
			var tw, got float64
			for _, u := range t.units {
				w := g.weight(u)
				if _, inPrompt := echo[u]; inPrompt {
					w *= echoWeight
				}
				if cp.shared[u] {
					w *= sharedWeight
				}
				tw += w
				if r.has(u, alts) {
					got += w
				}
			}
			if got < tw {
				got = max(got, r.senseCredit(t.senses)*tw) // 成长 for 发展
			}
			total += tw
			have += got
		}
		if total > 0 {
			best = max(best, have/total)
		}
	}
	return best
}

// minSupport is the least weight a point's substance is measured against:
// with less, one shared word would pass for a paraphrase.
const minSupport = 4

// senseCredit is what a word of the substance earns when the reply says a
// near-synonym of it (经历 for 经验) rather than the word.
const senseCredit = 0.8

// supportShare is the weighted share of a point's substance the reply
// has, against at least minSupport.
func (g *Grader) supportShare(ts []term, r *analysis, alts unitSet) float64 {
	var have, total float64
	for _, t := range ts {
		var w, got float64
		for _, u := range t.units {
			wu := g.weight(u)
			w += wu
			if r.has(u, alts) {
				got += wu
			}
		}
		if got < w {
			got = max(got, r.senseCredit(t.senses)*w)
		}
		total += w
		have += got
	}
	return have / max(total, minSupport)
}

func (g *Grader) weight(u textnorm.Unit) float64 {
	if w, ok := g.weights[u]; ok {
		return w
	}
	return 1
}

func allMissed(cps []compiledPoint) []Point {
	out := make([]Point, 0, len(cps))
	for _, cp := range cps {
		out = append(out, Point{Text: cp.kp.Text, Aliases: cp.kp.Aliases, Reference: cp.kp.Sentence})
	}
	return out
}

// Cues: a word of a point's substance rare in general language (jieba's
// IDF of the word, or of a concept's wording in the notes, at least
// cueRarity; a Latin name in Chinese notes), used by under a quarter of
// the bank's answers. A reply that says one of them says part of the
// point when the reply has at least cueShare of the point: a rare word of
// a short substance (增量 of "设置每小时的增量备份") says part of it, a
// lone rare word of a long one is chance.
const (
	cueRarity = 6.5
	cueShare  = 0.12
)

// findCues picks each point's cues from its substance.
func (g *Grader) findCues(points []compiledPoint) {
	for i := range points {
		cp := &points[i]
		seen := unitSet{}
		for _, t := range append(slices.Clone(cp.support), cp.wideSupport...) {
			if _, dup := seen[t.units[0]]; dup || t.rarity < cueRarity || !g.fullWeight(t) {
				continue
			}
			seen[t.units[0]] = struct{}{}
			cp.cues = append(cp.cues, t)
		}
	}
}

// fullWeight reports whether no unit of t is common in the bank.
func (g *Grader) fullWeight(t term) bool {
	for _, u := range t.units {
		if g.weight(u) < 1 {
			return false
		}
	}
	return true
}

// creditCues makes a missed point partly covered when the reply says one
// of its cues. A word of the reply counts for one point only: the missed
// point whose substance the reply shares most of (a vague reply that
// shares one word by chance touches one point, not every point whose
// sentence has the word).
func (g *Grader) creditCues(a answerPoints, r *analysis, alts unitSet, points []Point, credits []float64) {
	best := map[textnorm.Unit]int{}
	var order []textnorm.Unit
	for i, cp := range a.points {
		if points[i].Status != Missed || points[i].Share < cueShare {
			continue
		}
		for _, t := range cp.cues {
			if !said(t, r, alts) {
				continue
			}
			k := t.units[0]
			j, ok := best[k]
			switch {
			case !ok:
				order = append(order, k)
				best[k] = i
			case points[i].Share > points[j].Share:
				best[k] = i
			}
		}
	}
	for _, k := range order {
		if i := best[k]; points[i].Status == Missed {
			points[i].Status, credits[i] = Partial, 0.5
		}
	}
}

// said reports whether the reply says every unit of t.
func said(t term, r *analysis, alts unitSet) bool {
	for _, u := range t.units {
		if !r.has(u, alts) {
			return false
		}
	}
	return true
}

// saysFigures reports whether the reply says every number of a point that
// holds the figure a question asks for.
func saysFigures(cp compiledPoint, r *analysis, alts unitSet) bool {
	if len(cp.figures) == 0 {
		return false
	}
	for _, u := range cp.figures {
		if !r.has(u, alts) {
			return false
		}
	}
	return true
}
