package bank

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// OriginOutline marks a key point added so that a step of the answer's
// outline (the > lines) is covered: the notes' author planned to say it.
const OriginOutline = "outline"

// originRank orders key point sources for ranking before a cap: the
// author's own marks first.
var originRank = map[string]float64{OriginYAML: 5, "checklist": 4, OriginBold: 3, OriginEnumeration: 2, OriginOutline: 2, OriginTerm: 1}

// metaSteps are outline steps that name a part of the answer rather than
// what it says ("结论", "原因").
var metaSteps = map[string]bool{"结论": true, "原因": true, "总结": true, "背景": true, "开场": true, "展开": true, "举例": true, "两个方面": true, "三个方面": true}

// finishKeyPoints completes and screens the key points of every answer
// whose author did not list them (in YAML or a checklist): enumerated
// points the bold phrases left out, a point for each outline step nothing
// covers, fragments and filler screened out; then it ranks the points and
// caps them at maxKeyPoints. It returns a warning for each answer that lost
// points to the cap, naming them: a cap never drops silently.
func finishKeyPoints(qs []*Question, c *lazyCorpus) Problems {
	var probs Problems
	for _, q := range qs {
		answers := []*Answer{&q.Answer}
		for i := range q.Variants {
			answers = append(answers, &q.Variants[i])
		}
		for _, a := range answers {
			if a.Text == "" || hasOrigin(a.KeyPoints, OriginYAML) || hasOrigin(a.KeyPoints, OriginChecklist) {
				continue
			}
			if dropped := finishAnswer(c, a, q.Prompt); len(dropped) > 0 {
				probs = append(probs, Problem{a.Source, Warning, fmt.Sprintf(
					"%s left out (at most %d per answer): %s; list key_points in YAML to choose them",
					count(len(dropped), "key point"), maxKeyPoints, listSome(dropped))})
			}
			if a.partlyRead {
				probs = append(probs, Problem{a.Source, Warning, fmt.Sprintf(
					"the answer to %q is too long to weigh whole: its key points were picked from its start (the first %d of its bold phrases, of its enumerations, of its list items and of its outline steps, and its first %d sentences or clauses); split it into questions of their own, or list key_points in YAML",
					clip(q.Prompt), maxMarksRead, maxIdeasRead)})
			}
		}
	}
	return probs
}

// maxListed is how many left-out points a warning names.
const maxListed = 20

// listSome joins the first maxListed texts and says how many more there
// are: a warning stays a line to read.
func listSome(texts []string) string {
	if len(texts) <= maxListed {
		return strings.Join(texts, "、")
	}
	return fmt.Sprintf("%s … (%d more)", strings.Join(texts[:maxListed], "、"), len(texts)-maxListed)
}

// lazyCorpus builds the bank's corpus on first use.
type lazyCorpus struct {
	build func() corpus
	c     *corpus
}

// newLazyCorpus returns the corpus of the answers of qs, built on first
// use.
func newLazyCorpus(qs []*Question) *lazyCorpus {
	return &lazyCorpus{build: func() corpus {
		var texts []string
		for _, q := range qs {
			for _, a := range q.Answers() {
				texts = append(texts, withoutCode(a.Text))
			}
		}
		return newCorpus(texts)
	}}
}

func (l *lazyCorpus) get() corpus {
	if l.c == nil {
		c := l.build()
		l.c = &c
	}
	return *l.c
}

// finishAnswer completes, screens, ranks and caps one answer's points and
// returns the texts of the points the cap left out.
func finishAnswer(lc *lazyCorpus, a *Answer, prompt string) []string {
	pts := a.KeyPoints
	added := false
	if items := numberedStatements(a.Text); len(items) > countOrigin(pts, OriginBold) {
		// The corpus is built only for an answer that needs it.
		if stmts := lc.get().statementPoints(items, a.Text, prompt); len(stmts) > countOrigin(pts, OriginBold) {
			pts, added = withStatements(pts, stmts), true
		}
	}
	if formulas := formulaPoints(a.Text); len(formulas) > 0 {
		pts, added = appendNew(pts, formulas...), true
	}
	if hasOrigin(pts, OriginBold) {
		var heads []KeyPoint
		enumerated, more := enumerationPoints(a.Text)
		a.partlyRead = a.partlyRead || more
		for _, ep := range enumerated {
			if !sentenceTaken(pts, ep) {
				heads = append(heads, ep)
			}
		}
		if len(heads) > 0 {
			pts, added = absorbSections(pts, heads, a.Text), true
		}
	}
	var skip map[string]bool // the prompt's words, cut only when needed
	if a.Outline != "" {
		skip = promptWords(prompt)
		n := len(pts)
		var more bool
		pts, more = lc.get().coverOutline(pts, a, skip)
		a.partlyRead = a.partlyRead || more
		added = added || len(pts) > n
	}
	promptCompact := textnorm.Compact(prompt)
	english := mostlyLatin(a.Text)
	if english && skip == nil {
		skip = promptWords(prompt) // a bold point is checked against them too
	}
	var kept []KeyPoint
	for _, kp := range pts {
		if kp.Origin != OriginBold && skip == nil {
			skip = promptWords(prompt)
		}
		if kp, ok := screen(lc, kp, skip, promptCompact, english); ok && !overlapsKept(kept, kp) {
			kept = append(kept, kp)
		}
	}
	// Too few left after screening: top up again. When nothing was
	// dropped, the top-up at loading already took every point there was.
	if len(kept) < minKeyPoints && len(kept) < len(pts) {
		added = true
		prose := *a
		prose.Text = withoutCode(a.Text)
		heads, more := listHeadPoints(a.Text, prompt)
		a.partlyRead = a.partlyRead || more
		if len(heads) == 0 {
			heads = phasePoints(prose.Text)
		}
		for _, kp := range heads {
			if !overlapsExisting(kept, kp) && !(english && isLabelPoint(kp)) {
				kept = append(kept, kp)
			}
		}
		terms, generic, more := lc.get().termPoints(prose, prompt, minKeyPoints+len(kept))
		if english {
			terms = slices.DeleteFunc(terms, isLabelPoint)
		}
		a.partlyRead = a.partlyRead || more
		kept = appendTerms(appendTerms(kept, terms, minKeyPoints), generic, minKeyPoints)
	}
	var dropped []string
	if len(kept) > maxKeyPoints {
		kept, dropped = lc.get().rankAndCap(kept, english, a.Text)
		added = true
	}
	if added {
		sortByPosition(kept, a.Text)
	}
	a.KeyPoints = kept
	return dropped
}

// countOrigin counts the points of one origin.
func countOrigin(pts []KeyPoint, origin string) int {
	n := 0
	for _, kp := range pts {
		if kp.Origin == origin {
			n++
		}
	}
	return n
}

// withStatements gives an answer that is a numbered list of statements a
// point per statement (stmts), when the author bolded fewer: a statement
// holding a marked point (bold, enumerated, a list head) has its point
// already; in one that does not, the statement's point takes the place of
// the points picked one per idea from inside it. Points of the rest of
// the answer stay.
func withStatements(pts, stmts []KeyPoint) []KeyPoint {
	var marked []KeyPoint
	for _, kp := range pts {
		if kp.Origin != OriginTerm {
			marked = append(marked, kp)
		}
	}
	var added []KeyPoint
	for _, st := range stmts {
		if !sentenceTaken(marked, st) {
			added = append(added, st)
		}
	}
	var kept []KeyPoint
	for _, kp := range pts {
		if kp.Origin != OriginTerm || !withinStatement(kp, added) {
			kept = append(kept, kp)
		}
	}
	return append(kept, added...)
}

// namesItsSentence reports whether a marked point (bold or enumerated)
// opens its sentence: the name of a list item (`- **提交读**（Read
// Commited）：…`). Two such points of one origin stay two even when one
// name holds the other (提交读 in 未提交读, shift in unshift).
func namesItsSentence(kp KeyPoint) bool {
	if kp.Origin != OriginBold && kp.Origin != OriginEnumeration {
		return false
	}
	ck := textnorm.Compact(kp.Text)
	return ck != "" && strings.HasPrefix(textnorm.Compact(trimLeadingNumber(kp.Sentence)), ck)
}

// withinStatement reports whether a point's sentence is part of one of
// the statements, or holds one.
func withinStatement(kp KeyPoint, stmts []KeyPoint) bool {
	cs := textnorm.Compact(kp.Sentence)
	if cs == "" {
		return false
	}
	for _, st := range stmts {
		if ci := textnorm.Compact(st.Sentence); strings.Contains(ci, cs) || strings.Contains(cs, ci) {
			return true
		}
	}
	return false
}

// screen keeps a point that an interviewer would check and drops one that
// is only words of the prompt, a function word or filler, a term most of
// the bank uses, a concluding remark, or a fragment cut inside a word.
//
// english tells whether the answer (not the point) is mostly English: a
// Latin term in a Chinese answer (etcd) is a name, not a plain word.
func screen(lc *lazyCorpus, kp KeyPoint, skip map[string]bool, promptCompact string, english bool) (KeyPoint, bool) {
	if kp.Origin == OriginYAML || kp.Origin == "checklist" {
		return kp, true
	}
	if english && isLabelPoint(kp) {
		return kp, false // Use Case, Advantages: a part's label in any notes
	}
	if english && onlyPromptWords(kp.Text, skip) {
		return kp, false // **Microservices** for "What is a microservice?"
	}
	if kp.Origin == OriginBold {
		// The author marked the span (extendSpan mends a list cut in a
		// word); it only must not repeat the question, nor be emphasis.
		return kp, !strings.Contains(promptCompact, textnorm.Compact(kp.Text)) && !isAsideOrQuestion(kp.Text) && !isNotesLabel(kp.Text) && !isEnglishStopWord(kp.Text)
	}
	if isFunctionToken(kp.Text) || isFiller(kp.Text) || isConcluding(kp.Sentence) && !isGlossedTerm(kp) || isNotesLabel(kp.Text) {
		return kp, false
	}
	content := 0
	for _, w := range wordsOf(lexicon.Default(), kp.Text) {
		if w != "" && !isFunctionToken(w) && !skip[textnorm.Compact(w)] {
			content++
		}
	}
	if content == 0 {
		return kp, false // nothing but the question's own words
	}
	if kp.Origin == OriginTerm && !lc.get().goodTerm(kp.Text, english) {
		return kp, false
	}
	if (kp.Origin != OriginEnumeration || utf8.RuneCountInString(kp.Text) <= 6) && endsOnCutChar(kp.Text) {
		return kp, false // 问题来 of 问题来了
	}
	if kp.Sentence != "" && !onWordBoundaries(kp.Sentence, kp.Text) {
		fixed, ok := toWordBoundaries(kp.Sentence, kp.Text)
		if !ok {
			return kp, false
		}
		kp.Text = fixed
	}
	return kp, true
}

// onlyCommonBesidesPrompt reports whether every word of a phrase that the
// prompt lacks is an everyday Chinese word ("Session 没问题" for 如何实现
// 分布式 Session？): it says nothing to check.
func onlyCommonBesidesPrompt(text string, skip map[string]bool) bool {
	for _, w := range wordsOf(lexicon.Default(), text) {
		if w == "" || isFunctionToken(w) || skip[compactWord(w)] {
			continue
		}
		if !isCJKWord(w) || !isCommonChineseWord(w) {
			return false
		}
	}
	return true
}

// isClauseNotPhrase reports whether a Chinese candidate reads as a
// clause rather than a thing to check: it ends in a negated predicate
// (Session 没问题) or holds a lone character between its words
// (场景里用消息队列).
func isClauseNotPhrase(text string) bool {
	lex := lexicon.Default()
	ws := wordsOf(lex, text)
	if len(ws) == 0 {
		return false
	}
	// A verb at the end is no sign: CC-CEDICT glosses many nouns as verbs
	// only (认证, 优化).
	if last := ws[len(ws)-1]; strings.HasPrefix(last, "没") || strings.HasPrefix(last, "不") {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(text); strings.ContainsRune("一二两三四五六七八九十几0123456789", r) {
		return false // 两项认证: a count and its measure word
	}
	for i := 1; i+1 < len(ws); i++ {
		if isLoneChar(ws[i]) {
			return true
		}
	}
	return false
}

// endsOnCutChar reports whether a Chinese phrase ends on a lone character
// that is neither grammar nor a noun suffix: a word cut from its sentence.
func endsOnCutChar(text string) bool {
	ws := wordsOf(lexicon.Default(), text)
	if len(ws) < 2 {
		return false
	}
	last := ws[len(ws)-1]
	return isLoneChar(last) && isCJKWord(ws[len(ws)-2]) && !isPostposition(last) && !isNounSuffix(last)
}

// notesLabels are the labels English notes put on a part of an answer
// (**Note:**, **Special cases**:): they name the part, not a point.
var notesLabels = map[string]bool{
	"note": true, "notes": true, "summary": true, "tip": true, "tips": true, "example": true, "examples": true,
	"special case": true, "special cases": true, "edge case": true, "edge cases": true, "warning": true,
	"important": true, "output": true, "explanation": true, "reason": true, "remember": true, "hint": true,
	"caution": true, "ps": true, "p.s.": true, "nb": true, "n.b.": true, "answer": true, "example usage": true,
	"key features": true, "key points": true, "key takeaways": true, "takeaway": true, "takeaways": true,
}

// isNotesLabel reports whether a marked phrase is such a label.
func isNotesLabel(text string) bool {
	return notesLabels[strings.ToLower(strings.Trim(strings.TrimSpace(text), ":： "))]
}

// isAsideOrQuestion reports whether a marked phrase is not a point but a
// question the notes ask themselves (那为什么不全部使用这种编译方式呢), a
// clause that leads into one (既然 AOT 这么多优点, 若编程语言足够有表达力),
// or a remark about the notes (总结, 面试技巧, 如下图所示, 代码示例).
func isAsideOrQuestion(text string) bool {
	t := strings.TrimSpace(text)
	if r, _ := utf8.DecodeLastRuneInString(t); strings.ContainsRune("？?呢吗", r) {
		return true
	}
	for _, w := range []string{"为什么", "那为什么", "如何", "怎么", "既然", "若", "如果", "假如", "那么", "那", "但是", "因为", "所以", "虽然", "尽量", "先"} {
		if strings.HasPrefix(t, w) && boundaryAt(t, len(w)) {
			return true
		}
	}
	for _, w := range []string{"总结", "面试技巧", "如下图", "下图", "如图", "示例", "期望的"} {
		if holdsWord(t, w) {
			return true
		}
	}
	// A label that opens a remark: 修正（参见：issue#544）, 注意：…; not
	// 参考架构 or 注意力机制.
	for _, w := range []string{"修正", "注意", "参见", "参考"} {
		if rest, ok := strings.CutPrefix(t, w); ok && (rest == "" || strings.ContainsRune("：:（(", firstRune(rest))) {
			return true
		}
	}
	return false
}

// holdsWord reports whether w stands in text as a whole word: 示例 in
// 代码示例, not in 示例性.
func holdsWord(text, w string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], w)
		if i < 0 {
			return false
		}
		at := off + i
		if boundaryAt(text, at) && boundaryAt(text, at+len(w)) {
			return true
		}
		off = at + len(w)
	}
}

// absorbSections adds enumerated heads the marked points left out
// ("第一，客户差异化。") and makes the marked points inside a head's
// section aliases of the head: the section is one idea, its marked
// phrases what it covers (产品特性、Bug 或边界场景 and 一两名 IT 人员 under
// 客户差异化). A marked point outside every section stays as it is.
func absorbSections(pts, heads []KeyPoint, text string) []KeyPoint {
	type section struct {
		head       int
		start, end int
	}
	var secs []section
	for i, h := range heads {
		at := strings.Index(text, h.Text)
		if at < 0 {
			continue
		}
		secs = append(secs, section{head: i, start: at, end: len(text)})
	}
	sort.Slice(secs, func(i, j int) bool { return secs[i].start < secs[j].start })
	for i := range secs {
		if i+1 < len(secs) {
			secs[i].end = secs[i+1].start
		} else if nl := strings.IndexByte(text[secs[i].start:], '\n'); nl >= 0 {
			secs[i].end = secs[i].start + nl // the last section ends with its paragraph
		}
	}
	compact := make([]string, len(secs)) // each section's, once
	for i, sec := range secs {
		compact[i] = textnorm.Compact(text[sec.start:sec.end])
	}
	var kept []KeyPoint
	for _, p := range pts {
		owner := -1
		if p.Origin == OriginBold {
			cp := textnorm.Compact(p.Text)
			for i, sec := range secs {
				if strings.Contains(compact[i], cp) {
					owner = sec.head
					break
				}
			}
		}
		if owner < 0 {
			kept = append(kept, p)
			continue
		}
		heads[owner].Aliases = append(heads[owner].Aliases, p.Text)
	}
	for _, h := range heads {
		kept = appendNew(kept, h)
	}
	return kept
}

// toWordBoundaries widens a phrase cut inside words to the whole words
// ("发程度" in "并发程度" becomes "并发程度").
func toWordBoundaries(sentence, phrase string) (string, bool) {
	i := strings.Index(sentence, phrase)
	if i < 0 {
		return phrase, false
	}
	start, end := i, i+len(phrase)
	pos := 0
	for _, w := range wordsOf(lexicon.Default(), sentence) {
		if w == "" {
			continue
		}
		j := strings.Index(sentence[pos:], w)
		if j < 0 {
			continue
		}
		ws, we := pos+j, pos+j+len(w)
		if ws < start && we > start {
			start = ws
		}
		if ws < end && we > end {
			end = we
		}
		pos = we
	}
	out := sentence[start:end]
	if utf8.RuneCountInString(out) > maxPointRunes {
		return phrase, false
	}
	return out, true
}

// sentenceTaken reports whether a point's sentence already gives another
// point: its text or an alias stands in that sentence.
func sentenceTaken(pts []KeyPoint, kp KeyPoint) bool {
	cs := textnorm.Compact(kp.Sentence)
	if cs == "" {
		return false
	}
	for _, p := range pts {
		for _, w := range append([]string{p.Text}, p.Aliases...) {
			if cw := textnorm.Compact(w); cw != "" && strings.Contains(cs, cw) {
				return true
			}
		}
	}
	return overlapsExisting(pts, kp)
}

// coverOutline adds a point for each outline step that no point covers:
// the most distinctive phrase of the answer's clause that says the step.
// It reads the first maxMarksRead steps, looks for them in the first
// maxIdeasRead sentences, and reports whether there was more to read.
func (c corpus) coverOutline(pts []KeyPoint, a *Answer, skip map[string]bool) ([]KeyPoint, bool) {
	steps := outlineSteps(a.Outline)
	more := len(steps) > maxMarksRead
	var clauses []keyedClause // cut when a step first needs them
	english := false
	for _, step := range steps[:min(len(steps), maxMarksRead)] {
		keys := ideaKeys(step)
		if len(keys) == 0 || metaSteps[textnorm.Compact(step)] || stepCovered(keys, pts) {
			continue
		}
		if clauses == nil {
			var cut bool
			clauses, cut = keyedClauses(a.Text)
			more = more || cut
			english = mostlyLatin(a.Text)
		}
		clause, sentence := bestClause(clauses, keys)
		if clause == "" {
			continue
		}
		best, bestScore := phrase{}, 0.0
		for _, p := range contentPhrases(clause, skip) {
			if !c.goodTerm(p.text, english) || onlyCommonBesidesPrompt(p.text, skip) || isClauseNotPhrase(p.text) {
				continue
			}
			sc := c.termScore(p.text)
			if overlapKeys(keys, ideaKeys(p.text)) > 0 {
				sc *= 2 // the phrase that names the step
			}
			if sc > bestScore {
				best, bestScore = p, sc
			}
		}
		if bestScore > 0 {
			pts = appendNew(pts, KeyPoint{Text: best.text, Aliases: best.aliases, Sentence: sentence, Origin: OriginOutline})
		}
	}
	return pts, more
}

// outlineSteps splits an outline ("新人培养→知识分享→持续学习") into steps.
func outlineSteps(outline string) []string {
	f := func(r rune) bool { return strings.ContainsRune("→—>\n｜|", r) }
	var out []string
	for _, s := range strings.FieldsFunc(strings.ReplaceAll(outline, "->", "→"), f) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ideaKeys are the content words of a text, a lexicon concept standing for
// each of its wordings (考证 and 认证 give the same key).
func ideaKeys(text string) map[string]bool {
	lex := lexicon.Default()
	keys := map[string]bool{}
	for _, w := range wordsOf(lex, text) {
		if w == "" || isFunctionToken(w) {
			continue
		}
		if id, ok := lex.Concept(w); ok {
			keys[fmt.Sprint("#", id)] = true
			continue
		}
		keys[textnorm.Compact(w)] = true
	}
	return keys
}

func overlapKeys(a, b map[string]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// stepCovered reports whether a point already says an outline step: half
// its words or more are in a point's text, aliases or sentence.
func stepCovered(keys map[string]bool, pts []KeyPoint) bool {
	for _, p := range pts {
		pk := ideaKeys(p.Text + "，" + strings.Join(p.Aliases, "，"))
		if 2*overlapKeys(keys, pk) >= len(keys) {
			return true
		}
	}
	return false
}

// keyedClause is a clause of an answer with its sentence and its idea
// keys.
type keyedClause struct {
	clause, sentence string
	keys             map[string]bool
}

// keyedClauses cuts the first maxIdeasRead sentences of text into clauses
// and their idea keys, once for all the outline steps of an answer; it
// reports whether the text has more sentences.
func keyedClauses(text string) ([]keyedClause, bool) {
	sentences := textnorm.Sentences(text)
	more := len(sentences) > maxIdeasRead
	var out []keyedClause
	for _, s := range sentences[:min(len(sentences), maxIdeasRead)] {
		for _, cl := range textnorm.Clauses(s) {
			out = append(out, keyedClause{cl, s, ideaKeys(cl)})
		}
	}
	return out, more
}

// bestClause returns the first clause that shares most words with keys,
// and its sentence.
func bestClause(clauses []keyedClause, keys map[string]bool) (clause, sentence string) {
	best := 0
	for _, c := range clauses {
		if n := overlapKeys(keys, c.keys); n > best {
			best, clause, sentence = n, c.clause, c.sentence
		}
	}
	return clause, sentence
}

// rankAndCap keeps at most maxKeyPoints points: the author's marks first,
// then, among an English answer's bold points, an item's name before a
// bold word of its definition or a generic word (englishTier), then the
// most distinctive.
// It returns the kept points and the texts of the dropped ones.
func (c corpus) rankAndCap(pts []KeyPoint, english bool, text string) ([]KeyPoint, []string) {
	if len(pts) <= maxKeyPoints {
		return pts, nil
	}
	type scored struct {
		kp    KeyPoint
		score float64
	}
	lead := ""
	if english {
		lead = textnorm.Compact(englishLead(text))
	}
	ranked := make([]scored, len(pts))
	for i, kp := range pts {
		score := originRank[kp.Origin] * 100
		if english && kp.Origin == OriginBold {
			// The author says the main things first: an earlier point
			// weighs a little more.
			score += englishTier(kp, lead)*tierWeight + englishRankScore(kp) + earlyWeight*float64(len(pts)-i)/float64(len(pts))
		} else {
			score += c.termScore(kp.Text)
		}
		ranked[i] = scored{kp, score}
	}
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].score > ranked[j].score })
	kept := make([]KeyPoint, maxKeyPoints)
	for i := range kept {
		kept[i] = ranked[i].kp
	}
	var dropped []string
	for _, r := range ranked[maxKeyPoints:] {
		dropped = append(dropped, r.kp.Text)
	}
	return kept, dropped
}

// sortByPosition orders points as the answer says them.
func sortByPosition(pts []KeyPoint, text string) {
	ct := textnorm.Compact(text)
	pos := func(kp KeyPoint) int {
		for _, w := range append([]string{kp.Text}, append(kp.Aliases, kp.Sentence)...) {
			if cw := textnorm.Compact(w); cw != "" {
				if i := strings.Index(ct, cw); i >= 0 {
					return i
				}
			}
		}
		return len(ct)
	}
	type placed struct {
		kp KeyPoint
		at int
	}
	order := make([]placed, len(pts))
	for i, kp := range pts {
		order[i] = placed{kp, pos(kp)} // once each: a search may read the whole answer
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].at < order[j].at })
	for i := range order {
		pts[i] = order[i].kp
	}
}

// overlapsKept reports whether kp says again a point already kept. Two
// items of the author's list are two points even when one name holds the
// other (管道 and 命名管道, 信号 and 信号量).
func overlapsKept(kept []KeyPoint, kp KeyPoint) bool {
	for _, p := range kept {
		if p.Origin == OriginEnumeration && kp.Origin == OriginEnumeration && p.Sentence != kp.Sentence && p.Text != kp.Text {
			continue
		}
		if !overlapsExisting([]KeyPoint{p}, kp) {
			continue
		}
		if p.Origin == kp.Origin && p.Sentence != kp.Sentence && p.Text != kp.Text && namesItsSentence(p) && namesItsSentence(kp) {
			continue // 未提交读 and 提交读, each the name of its own item
		}
		return true
	}
	return false
}
