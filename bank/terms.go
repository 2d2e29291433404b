package bank

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// termTarget is how many points an answer with no marked points gets: one
// per idea, and a long answer says more ideas (about one per runesPerIdea
// characters), between minKeyPoints and maxTermPoints.
func termTarget(text string) int {
	per := runesPerIdea
	if mostlyLatin(text) {
		per = runesPerIdeaEnglish
	}
	return min(max(utf8.RuneCountInString(text)/per, minKeyPoints), maxTermPoints)
}

const (
	runesPerIdea = 40
	// runesPerIdeaEnglish is runesPerIdea for English: a Chinese character
	// says about what four letters do.
	runesPerIdeaEnglish = 160
	maxTermPoints       = 8
	// maxIdeasRead is how many ideas of one answer are weighed for its
	// points: the longest answers of real notes say about 170, a pasted
	// article thousands.
	maxIdeasRead = 512
)

// genericTerms are words common to any answer; they never make a key point.
var genericTerms = map[string]bool{
	"客户": true, "问题": true, "进行": true, "可以": true, "需要": true, "能够": true,
	"工作": true, "时候": true, "整体": true, "同时": true, "方面": true, "之后": true,
	"目前": true, "现在": true, "自己": true, "如果": true, "因为": true, "所以": true,
	"但是": true, "或者": true, "已经": true, "不是": true, "没有": true, "什么": true,
	"一些": true, "更多": true, "非常": true, "比较": true, "通过": true, "包括": true,
	"当时": true, "最后": true, "首先": true, "其次": true, "第一": true, "第二": true,
	"第三": true, "这样": true, "情况": true, "方式": true, "一次": true, "不仅": true,
}

// corpus holds document frequencies of content units over every answer in
// the bank, so a term's weight reflects how specific it is to one answer.
type corpus struct {
	docs int
	df   map[textnorm.Unit]int
}

func newCorpus(texts []string) corpus {
	c := corpus{docs: len(texts), df: make(map[textnorm.Unit]int)}
	seen := map[textnorm.Unit]bool{}
	for _, t := range texts {
		clear(seen)
		for _, u := range textnorm.UnitKeys(t) {
			if !seen[u] {
				seen[u] = true
				c.df[u]++
			}
		}
	}
	return c
}

func (c corpus) idf(unit textnorm.Unit) float64 {
	return math.Log(float64(c.docs+1)/float64(c.df[unit]+1)) + 1
}

// commonness is the share of answers a unit appears in.
func (c corpus) commonness(unit textnorm.Unit) float64 {
	if c.docs == 0 {
		return 0
	}
	return float64(c.df[unit]) / float64(c.docs)
}

// termPoints picks key points for an answer whose notes mark none: one
// point per idea that says something (ideaChunks; not a concluding
// remark), the idea's best phrase on word boundaries (ideaCandidates:
// distinctive in the bank, rare in general Chinese, named things, numbers
// and technical terms first), the idea its evidence. The want best ideas
// are kept, in the order of the answer.
//
// A run of only the prompt's words ("优点" for "你的优点和缺点？") never
// makes a point, and the prompt's words count against a phrase: repeating
// the question is not a point.
//
// An idea whose best phrase is generic (isGenericPick) takes one of the
// want slots but is returned apart, best first, for the caller to make up
// the least number of points an answer needs.
//
// It weighs the first maxIdeasRead ideas and reports whether the answer
// says more.
func (c corpus) termPoints(a Answer, prompt string, want int) (pts, generic []KeyPoint, more bool) {
	ip := c.newIdeaPicker(prompt, mostlyLatin(a.Text))
	chunks := ideaChunks
	if ip.english {
		chunks = englishChunks
	}
	type pick struct {
		kp      KeyPoint
		score   float64
		at      int
		generic bool
		clause  bool
	}
	var picks []pick
	ideas := chunks(a.Text)
	if len(ideas) > maxIdeasRead {
		ideas, more = ideas[:maxIdeasRead], true
	}
	var examples []string
	if ip.english {
		ideas, examples = splitEnglishExamples(ideas)
	}
	collect := func(ideas []string, ip ideaPicker) {
		for i, s := range ideas {
			if utf8.RuneCountInString(s) < 6 {
				continue
			}
			var ok func(phrase) bool
			concluding, proposal := isConcluding(s), len(proposedSolutions(s)) > 0
			if concluding || proposal {
				// A concluding remark gives no point, unless it names a term
				// its author glossed in English; an idea that puts a solution
				// forward is that solution (分阶段的过渡方案, not 分阶段).
				ok = func(p phrase) bool { return p.named }
			}
			best, bestScore := ip.bestWhere(s, ok)
			if bestScore == 0 && proposal && !concluding {
				best, bestScore = ip.bestWhere(s, nil) // the solution is no term
			}
			if bestScore == 0 {
				continue
			}
			generic := !ip.english && c.isGenericPick(best)
			picks = append(picks, pick{KeyPoint{Text: best.text, Aliases: best.aliases, Sentence: s, Origin: OriginTerm}, bestScore, i, generic, best.clause})
		}
	}
	collect(ideas, ip)
	if ip.english && len(picks) == 0 && len(ideas) > 0 {
		// The definition names no rare term (a rollback "restores the
		// previous stable release"): its plain phrases still say it
		// better than an example's (Kubernetes).
		collect(ideas[:1], ip.loose(prompt))
	}
	if len(picks) == 0 {
		collect(examples, ip)
	}
	sort.SliceStable(picks, func(i, j int) bool { return picks[i].score > picks[j].score })
	// The want best ideas are the answer's points, but a generic one
	// (创造价值, 可靠性) only keeps its slot: the slot stays empty rather
	// than go to a weaker idea, and the caller takes generic ideas only to
	// make up the least an answer needs.
	var kept, spare []pick
	overlaps := func(kp KeyPoint, in []pick) bool {
		for _, k := range in {
			if overlapsExisting([]KeyPoint{k.kp}, kp) {
				return true
			}
		}
		return false
	}
	for _, p := range picks {
		if len(kept)+len(spare) == want {
			break
		}
		if overlaps(p.kp, kept) || slices.ContainsFunc(spare, func(k pick) bool { return k.kp.Text == p.kp.Text }) {
			continue // a generic idea said twice takes one slot
		}
		if p.generic {
			spare = append(spare, p)
			continue
		}
		kept = append(kept, p)
	}
	// A generic run of words before a generic clause (双方要多沟通: advice
	// anyone gives, and the words of a vague reply).
	sort.SliceStable(spare, func(i, j int) bool { return !spare[i].clause && spare[j].clause })
	for _, p := range spare {
		if !overlaps(p.kp, kept) {
			generic = append(generic, p.kp)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].at < kept[j].at })
	pts = make([]KeyPoint, len(kept))
	for i, k := range kept {
		pts[i] = k.kp
	}
	return pts, generic, more
}

// ideaPicker picks the phrase that says an idea best, for one prompt.
type ideaPicker struct {
	c          corpus
	english    bool
	skip       map[string]bool
	candidates func(s string, skip map[string]bool) []phrase
	score      func(p phrase) float64
}

// newIdeaPicker returns the picker for the answers to prompt, English or
// Chinese.
func (c corpus) newIdeaPicker(prompt string, english bool) ideaPicker {
	ip := ideaPicker{c: c, english: english, skip: promptWords(prompt), candidates: ideaCandidates}
	ip.score = func(p phrase) float64 {
		sc := c.termScore(p.text) * newShare(p, ip.skip) * rareness(p)
		if p.named {
			sc *= glossedBonus
		}
		return sc
	}
	if english {
		lowPrompt := strings.ToLower(prompt)
		ip.candidates = func(s string, skip map[string]bool) []phrase { return englishCandidates(s, skip, lowPrompt) }
		ip.score = func(p phrase) float64 { return c.englishScore(p, ip.skip) }
	}
	return ip
}

// bestWhere returns the idea's best phrase on word boundaries among those
// ok accepts (all when ok is nil), and its score (0 when none is good):
// distinctive in the bank, rare in general language, named things,
// numbers and technical terms first.
func (ip ideaPicker) bestWhere(s string, ok func(phrase) bool) (phrase, float64) {
	best, bestScore := phrase{}, 0.0
	for _, p := range ip.candidates(s, ip.skip) {
		if !ip.english {
			p = ip.c.withoutTopicWord(p)
			if subjectOfModifier(s, p.text) || verbBeforeModifier(s, p) {
				continue
			}
		}
		if isBareWord(p.text) || !ip.c.goodTerm(p.text, ip.english) || ok != nil && !ok(p) {
			continue
		}
		if sc := ip.score(p); sc > bestScore {
			best, bestScore = p, sc
		}
	}
	return best, bestScore
}

// ideaChunks cuts text into the pieces that each say about one thing:
// sentences, and a long sentence (Chinese notes join many clauses with
// commas) into runs of clauses of about maxChunkRunes characters.
func ideaChunks(text string) []string {
	const maxChunkRunes = 20
	var out []string
	for _, s := range textnorm.Sentences(text) {
		if utf8.RuneCountInString(s) <= maxChunkRunes {
			out = append(out, s)
			continue
		}
		var cur strings.Builder
		n := 0
		for _, part := range splitKeepingCommas(s) {
			cur.WriteString(part)
			n += utf8.RuneCountInString(part)
			if n >= maxChunkRunes*2/3 {
				out = append(out, cur.String())
				cur.Reset()
				n = 0
			}
		}
		if cur.Len() > 0 {
			if n < 12 && len(out) > 0 {
				out[len(out)-1] += cur.String()
			} else {
				out = append(out, cur.String())
			}
		}
	}
	return out
}

// englishChunks cuts English text into ideas: its sentences and list
// items, a long sentence at its commas into parts of about
// maxEnglishChunk characters.
func englishChunks(text string) []string {
	const maxEnglishChunk = 160
	var out []string
	for _, s := range textnorm.Sentences(text) {
		if len(s) <= maxEnglishChunk {
			out = append(out, s)
			continue
		}
		var cur strings.Builder
		for _, part := range splitKeepingCommas(s) {
			cur.WriteString(part)
			if cur.Len() >= maxEnglishChunk*2/3 {
				out = append(out, cur.String())
				cur.Reset()
			}
		}
		if cur.Len() > 0 {
			out = append(out, cur.String())
		}
	}
	return out
}

// splitKeepingCommas cuts a sentence after each ，, or ；.
func splitKeepingCommas(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == '，' || r == ',' || r == '；' {
			end := i + utf8.RuneLen(r)
			out = append(out, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// ideaCandidates are the phrases of one idea that may become its point:
// runs of content words on word boundaries, and a clause short enough to
// read as one ("家人都在国内"); a clause that only frames the idea ("在高强度
// 工作环境中", "随着案例量增加") gives none.
func ideaCandidates(chunk string, skip map[string]bool) []phrase {
	lex := lexicon.Default()
	out := append(glossedTerms(chunk, skip), proposedSolutions(chunk)...)
	for _, cl := range splitClauses(withoutInlineCode(chunk)) {
		if isFramingClause(cl) {
			continue
		}
		ws := wordsOf(lex, cl)
		out = append(out, contentPhrasesOf(cl, ws, skip)...)
		if t, tw := cleanClauseWords(ws, skip); t != "" && utf8.RuneCountInString(t) <= maxClauseRunes {
			out = append(out, phrase{text: t, clause: true, words: tw})
		}
	}
	return out
}

// withoutInlineCode ends a phrase at each code span of a Chinese answer
// (`bird.size`, `var`): an example's code, not a term of the answer.
func withoutInlineCode(s string) string {
	if !strings.Contains(s, "`") {
		return s
	}
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 1 {
			b.WriteString("，")
			continue
		}
		b.WriteString(part)
	}
	return b.String()
}

// rareness is how rare a phrase's words are in general Chinese, from 0 to
// 1: the bank's own IDF says a word is specific to one answer, but in a
// small bank every word of one answer is; 观察和思考 and 创造价值 are words
// everyone uses, 预留实例 and 审计日志 are not. A name or an English term
// counts as rare.
func rareness(p phrase) float64 {
	ws := p.words
	if ws == nil {
		ws = wordsOf(lexicon.Default(), p.text)
	}
	lex := lexicon.Default()
	var sum float64
	n := 0
	for _, w := range ws {
		if w == "" || isFunctionToken(w) || isLoneChar(w) {
			continue
		}
		n++
		if isCJKWord(w) {
			sum += generalIDF(lex, w)
		} else {
			sum += lexicon.RareIDF
		}
	}
	if n == 0 {
		return 1
	}
	return sum / float64(n) / lexicon.RareIDF
}

// holdsPromptWord reports whether a Chinese word of three characters or
// more holds a word of the prompt (贵公司 for 公司): it repeats the question.
func holdsPromptWord(w string, skip map[string]bool) bool {
	if utf8.RuneCountInString(w) < 3 || !isCJKWord(w) {
		return false
	}
	var at []int // byte offset of each character, and the end
	for i := range w {
		at = append(at, i)
	}
	at = append(at, len(w))
	n := len(at) - 1
	for i := 0; i+2 <= n; i++ {
		for j := i + 2; j <= n && j-i < n; j++ {
			if skip[w[at[i]:at[j]]] {
				return true
			}
		}
	}
	return false
}

// isBareWord reports whether a phrase is one Chinese word of two
// characters (存在, 激励, 满意): too little to check an idea by.
func isBareWord(text string) bool {
	n := 0
	for _, r := range text {
		if !textnorm.IsCJK(r) {
			return false
		}
		n++
	}
	return n <= 2
}

// newShare is the share of a phrase's words that the prompt does not
// have: "同事普遍" for "你领导和同事对你的评价？" says little the question
// did not.
func newShare(p phrase, skip map[string]bool) float64 {
	ws := p.words
	if ws == nil {
		ws = wordsOf(lexicon.Default(), p.text)
	}
	n, fresh := 0, 0
	for _, w := range ws {
		if w == "" || isFunctionToken(w) {
			continue
		}
		n++
		if !skip[compactWord(w)] && !holdsPromptWord(w, skip) {
			fresh++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(fresh) / float64(n)
}

// maxClauseRunes is the longest clause a point may be: longer, it is a
// sentence to read, not an idea to check.
const maxClauseRunes = 6

// isFramingClause reports whether a clause sets the scene for an idea
// rather than stating it: 在…中/时/下, 随着…, 对于…, 作为….
func isFramingClause(cl string) bool {
	c := strings.TrimSpace(cl)
	for _, h := range []string{"我理解", "我认为", "我觉得", "我相信", "我们", "我", "也", "就", "都", "还", "会", "是"} {
		c = strings.TrimPrefix(c, h)
	}
	for _, w := range []string{"随着", "对于", "作为", "当时", "除了"} {
		// 当时的难点是… states the idea: 当时 modifies what follows.
		if strings.HasPrefix(c, w) && !(w == "当时" && strings.HasPrefix(c[len(w):], "的")) {
			return true
		}
	}
	if strings.HasPrefix(c, "在") || strings.HasPrefix(c, "当") {
		for _, e := range []string{"中", "时", "下", "里", "上", "期间", "过程中", "之后", "以后", "之前", "时候"} {
			if strings.HasSuffix(c, e) {
				return true
			}
		}
	}
	return false
}

// cleanClauseWords trims a clause cut into words to what it states:
// leading function words, hedges and the prompt's words ("我的优点是学习能力强"
// gives "学习能力强"), trailing particles; "" when little is left. It also
// returns the words kept.
func cleanClauseWords(ws []string, skip map[string]bool) (string, []string) {
	for len(ws) > 0 && (ws[0] == "" || isFunctionToken(ws[0]) || skip[compactWord(ws[0])] || isLeadingVerb(ws[0])) {
		ws = ws[1:]
	}
	for len(ws) > 0 && (ws[len(ws)-1] == "" || isFunctionToken(ws[len(ws)-1])) {
		ws = ws[:len(ws)-1]
	}
	for _, w := range ws {
		if w == "" {
			return "", nil
		}
	}
	t := joinWords(ws)
	if n := utf8.RuneCountInString(t); n < 4 || n > 20 {
		return "", nil
	}
	if isLoneChar(ws[0]) || isLoneChar(ws[len(ws)-1]) {
		return "", nil // "上都是可用", "操作符时": a clause cut from its sentence
	}
	return t, ws
}

// promptWords returns the compact forms of the words of a prompt.
func promptWords(prompt string) map[string]bool {
	skip := map[string]bool{}
	for _, w := range wordsOf(lexicon.Default(), prompt) {
		if w != "" && !isFunctionToken(w) {
			skip[compactWord(w)] = true
		}
	}
	return skip
}

// goodTerm reports whether a phrase can be a key point: long enough, not
// generic, filler or a placeholder, not a bare number or date, not code,
// and not a term most of the bank uses (the topic's brand names).
func (c corpus) goodTerm(text string, english bool) bool {
	k := textnorm.Compact(text)
	n := utf8.RuneCountInString(text)
	if k == "" || n < 2 || n > maxPointRunes || genericTerms[k] || isFiller(text) || isPlaceholder(k) || isAllDigits(text) || isNotesLabel(text) {
		return false
	}
	if english && isPlainEnglish(text) || looksLikeCode(text) || hasMonth(text) || isTimePhrase([]rune(text)) {
		return false
	}
	if isCommonChineseWord(text) {
		return false
	}
	units := textnorm.UnitKeys(k)
	if len(units) == 0 {
		return false
	}
	common := true
	for _, u := range units {
		limit := 0.3
		if len(units) == 1 {
			limit = 0.15
		}
		if c.commonness(u) < limit {
			common = false
		}
	}
	return !(common && c.docs >= 5)
}

// commonWordIDF is the general-language IDF under which one Chinese word
// alone says nothing to check (项目 4.9, 肯定 5.6, 意味着 5.8, 接下来 7.1;
// 可靠性 is 8.2).
const commonWordIDF = 7.5

// isCommonChineseWord reports whether a phrase is one Chinese word of
// everyday language, or a pronoun or negation with a word (它本身,
// 不可以): no point.
func isCommonChineseWord(text string) bool {
	for _, r := range text {
		if !textnorm.IsCJK(r) {
			return false
		}
	}
	lex := lexicon.Default()
	ws := lex.Words(text)
	if len(ws) != 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text)
	return lex.GeneralIDF(text) < commonWordIDF || utf8.RuneCountInString(text) <= 3 && strings.ContainsRune("它不这那有每", r)
}

// termScore weighs a phrase by how specific its units are to this answer,
// prefers a few words to one or to a clause, and named things and numbers.
func (c corpus) termScore(text string) float64 {
	units := textnorm.UnitKeys(text)
	var sum float64
	for _, u := range units {
		sum += c.idf(u)
	}
	score := sum / float64(len(units))
	switch n := utf8.RuneCountInString(text); {
	case n <= 2:
		score *= 0.9
	case n <= 8:
		score *= 1.3
	case n > 14:
		score *= 0.7
	}
	switch {
	case isPlainEnglishWord(text):
		score *= 0.5 // "owner", "credit", "log" in a Chinese answer: an everyday word
	case strings.ContainsAny(text, "0123456789") || hasLatinTerm(text):
		score *= 1.3
	}
	return score
}

// englishScore weighs a phrase of an English answer: how specific it is to
// this answer in the bank, how rare its words are in general English, how
// much of it the prompt does not say, its length, and a name's bonus.
func (c corpus) englishScore(p phrase, skip map[string]bool) float64 {
	units := textnorm.UnitKeys(p.text)
	if len(units) == 0 {
		return 0
	}
	var sum float64
	for _, u := range units {
		sum += c.idf(u)
	}
	score := sum / float64(len(units)) * englishLength(p) * newShare(p, skip) * englishRareness(p)
	if p.named {
		score *= 1.2
	}
	return score
}

// isPlainEnglishWord reports whether text is one lower-case English word
// that CC-CEDICT translates ("owner", "credit", "log"): said in passing in
// a Chinese answer, not a name (etcd, AKS, K8s).
func isPlainEnglishWord(text string) bool {
	if text == "" || strings.ContainsAny(text, " 0123456789") || strings.ToLower(text) != text {
		return false
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return lexicon.Default().Chinese(textnorm.LatinUnit(text)) != nil
}

// hasLatinTerm reports whether text holds a Latin word of two letters or
// more that is not a function word: a product, a protocol, an acronym.
func hasLatinTerm(text string) bool {
	for _, t := range textnorm.Tokens(text) {
		if !t.CJK && len(t.Text) >= 2 && !textnorm.IsStopWord(t.Text) && !englishFunctionWords[t.Text] && !isAllDigits(t.Text) {
			return true
		}
	}
	return false
}

// isConcluding reports whether a sentence sums up rather than adds a
// point: 整体而言, 总之, 所以…, "Overall", "In short".
func isConcluding(s string) bool {
	t := strings.TrimSpace(s)
	for _, w := range []string{"整体而言", "整体来说", "整体上", "总体来说", "总体而言", "总之", "总而言之", "总结来说", "总的来说", "综上", "所以", "因此", "最终能够", "这样客户", "这让我"} {
		if strings.HasPrefix(t, w) {
			return true
		}
	}
	low := strings.ToLower(t)
	for _, w := range []string{"overall", "in short", "in summary", "to sum up", "so,", "all in all"} {
		if strings.HasPrefix(low, w) {
			return true
		}
	}
	return false
}

// looksLikeCode reports whether a phrase is a code identifier or a path.
func looksLikeCode(s string) bool {
	return strings.ContainsAny(s, "_()=<>{}[]") || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") ||
		strings.HasPrefix(s, "-") || strings.HasPrefix(s, "/")
}

// hasMonth reports whether a phrase names a month ("May 31"): a date, not
// a point.
func hasMonth(s string) bool {
	if !hasLatinLetter(s) {
		return false
	}
	for _, t := range textnorm.Tokens(s) {
		switch t.Text {
		case "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
			"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
			return true
		}
	}
	return false
}

// englishFunctionWords are English words that carry grammar or stance; a
// key point neither is nor holds only them.
var englishFunctionWords = map[string]bool{
	"if": true, "then": true, "not": true, "but": true, "when": true, "what": true, "which": true, "who": true,
	"how": true, "why": true, "do": true, "does": true, "did": true, "no": true, "yes": true, "all": true,
	"any": true, "some": true, "more": true, "most": true, "very": true, "just": true, "also": true, "only": true,
	"its": true, "their": true, "them": true, "they": true, "he": true, "she": true, "his": true, "her": true,
	"your": true, "us": true, "me": true, "been": true, "being": true, "there": true, "here": true, "than": true,
	"into": true, "about": true, "over": true, "after": true, "before": true, "because": true, "while": true,
	"each": true, "other": true, "such": true, "may": true, "might": true, "should": true, "could": true,
	"must": true, "shall": true, "one": true, "get": true, "got": true, "make": true, "made": true, "need": true,
	"s": true, "t": true, "don": true, "doesn": true, "isn": true, "aren": true, "won": true, "didn": true,
	"these": true, "those": true, "like": true, "well": true, "really": true, "much": true, "many": true,
	"up": true, "out": true, "down": true, "off": true, "again": true, "still": true, "even": true, "too": true,
	"cannot": true,
}

// splitTokensKeepingSpaces returns words and CJK runs, " " for a space
// and "" for punctuation or a line break, which ends a phrase.
func splitTokensKeepingSpaces(text string) []string {
	var out []string
	var cur []rune
	kind := 0 // 1 Latin, 2 CJK
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range text {
		switch {
		case textnorm.IsCJK(r):
			if kind != 2 {
				flush()
			}
			kind = 2
			cur = append(cur, r)
		case textnorm.IsWordRune(r) || (kind == 1 && (r == '-' || r == '.' || r == '/')):
			if kind != 1 {
				flush()
			}
			kind = 1
			cur = append(cur, r)
		case unicode.IsSpace(r):
			flush()
			if r == '\n' || r == '\r' {
				out = append(out, "") // a line break ends a phrase
			} else {
				out = append(out, " ") // "确定利用 HANA System Replication" is one run
			}
		default:
			flush()
			kind = 0
			out = append(out, "")
		}
	}
	flush()
	return out
}

func isAllDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != ' ' && r != '.' && r != '-' {
			return false
		}
	}
	return true
}

// isTimePhrase reports whether a phrase is a span of time such as
// "两到三年内" or "第二年左右": distinctive, but never a key point.
func isTimePhrase(rs []rune) bool {
	hasNumber, hasUnit := false, false
	for _, r := range rs {
		switch {
		case strings.ContainsRune("一二两三四五六七八九十几半0123456789", r):
			hasNumber = true
		case strings.ContainsRune("年月周天期", r):
			hasUnit = true
		}
	}
	return hasNumber && hasUnit
}

// isPlaceholder reports whether a Latin term is a placeholder such as "XX"
// or "xxx" that notes use for a figure left open.
func isPlaceholder(s string) bool {
	t := strings.ToLower(s)
	return strings.Trim(t, "x") == "" || strings.Contains(t, "xx")
}

// isPlainEnglish reports whether a candidate of an English answer is one
// lower-case word of ordinary English ("work", "display", "example"): a
// stop word, a word mostly used as a verb, adjective or adverb, or a
// common noun (WordNet and SemCor say which). A rare noun (closure,
// callback) is a term.
func isPlainEnglish(s string) bool {
	if strings.ContainsAny(s, " 0123456789") || strings.ToLower(s) != s || !hasLatinLetter(s) {
		return false
	}
	lex := lexicon.Default()
	w := lex.EnglishPOS(s)
	return lex.IsEnglishStopWord(s) || englishFunctionWords[s] ||
		w.Tagged && (w.Dominant() != lexicon.Noun || w.Counts[lexicon.Noun] > rareNounCount)
}

// mostlyLatin reports whether most letters of text are Latin.
func mostlyLatin(text string) bool {
	latin, cjk := 0, 0
	for _, r := range text {
		switch {
		case textnorm.IsCJK(r):
			cjk++
		case textnorm.IsWordRune(r):
			latin++
		}
	}
	return latin > cjk
}

// hasLatinLetter reports whether s holds an ASCII letter.
func hasLatinLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// withoutTopicWord drops from a Chinese answer's candidate a Latin word at
// its end that much of the bank uses, the topic's brand (PaaS 层Azure
// 上的服务, where the notes lack a space, gives PaaS 层, not PaaS 层
// Azure): alone it is never a point, and joined to a phrase it only
// hides where the phrase ends.
func (c corpus) withoutTopicWord(p phrase) phrase {
	const topicWordShare = 0.15 // as goodTerm for a one-unit phrase
	if r, _ := utf8.DecodeLastRuneInString(p.text); !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') || c.docs < 5 {
		return p // most candidates: no Latin word at the end, no need to cut words
	}
	ws := p.words
	if ws == nil {
		ws = wordsOf(lexicon.Default(), p.text)
	}
	topic := func(w string) bool {
		if w == "" || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) || r >= utf8.RuneSelf }) >= 0 {
			return false // a Latin word of letters only: not 2, not 层
		}
		units := textnorm.UnitKeys(textnorm.Compact(w))
		for _, u := range units {
			if c.commonness(u) < topicWordShare {
				return false
			}
		}
		return len(units) > 0
	}
	if len(ws) < 3 || !topic(ws[len(ws)-1]) {
		return p
	}
	ws = ws[:len(ws)-1]
	p.words, p.text, p.aliases = ws, strings.TrimSpace(joinWords(ws)), nil
	return p
}

// subjectOfModifier reports whether a candidate is the subject of a
// clause that modifies what follows it (岗位 of 快速积累岗位需要的产品知识:
// a verb and 的 follow it): the thing to check comes after.
func subjectOfModifier(sentence, text string) bool {
	i := strings.Index(sentence, text)
	if i < 0 {
		return false
	}
	after := sentence[i+len(text):]
	j := strings.Index(after, "的")
	if j <= 0 || j > len("需要") {
		return false
	}
	w := after[:j]
	return lexicon.Default().IsVerb(w) || modifierVerbs[w]
}

// modifierVerbs head a modifying clause (岗位需要的知识, 业务依赖的服务)
// though CC-CEDICT also glosses them as nouns (需要, a need).
var modifierVerbs = map[string]bool{"需要": true, "想要": true, "要求": true, "依赖": true, "涉及": true, "使用": true}

// verbBeforeModifier reports whether a phrase opens with a verb and the
// sentence goes on with 的 right after it: the verb's object is the noun
// after 的, and the phrase holds only its modifier (了解平台层面 of
// 了解平台层面的工具和最佳实践).
func verbBeforeModifier(sentence string, p phrase) bool {
	i := strings.Index(sentence, p.text)
	if i < 0 || !strings.HasPrefix(sentence[i+len(p.text):], "的") {
		return false
	}
	ws := p.words
	if ws == nil {
		ws = wordsOf(lexicon.Default(), p.text)
	}
	return len(ws) > 1 && lexicon.Default().IsVerb(ws[0])
}

// reGlossed finds a Chinese term the notes gloss in English right after it
// (磁盘快照（block-level snapshot）, 位图（bitmap）).
var reGlossed = regexp.MustCompile(`(\p{Han}+)[（(]\s*([A-Za-z][A-Za-z0-9 ./\-]{1,40}?)\s*[）)]`)

// glossedBonus is how much a term the author glossed in English outweighs
// other phrases of its idea: the author said it is a term of art.
const glossedBonus = 1.5

// glossedTerms returns the terms of a chunk its author glossed in English,
// each with the gloss as an alias: the last one or two words before the
// parenthesis, no function word or verb among them (基于磁盘快照 gives
// 磁盘快照, 通过位图 gives 位图).
func glossedTerms(chunk string, skip map[string]bool) []phrase {
	lex := lexicon.Default()
	var out []phrase
	for _, m := range reGlossed.FindAllStringSubmatch(chunk, -1) {
		ws := lex.Words(m[1])
		var kept []string
		for i := len(ws) - 1; i >= 0 && len(kept) < 2; i-- {
			w := ws[i]
			if isFunctionToken(w) || isLoneChar(w) || lex.IsVerb(w) || skip[w] {
				break
			}
			kept = append([]string{w}, kept...)
		}
		text := strings.Join(kept, "")
		if n := utf8.RuneCountInString(text); n < 2 || n > maxClauseRunes {
			continue
		}
		out = append(out, phrase{text: text, aliases: []string{m[2]}, words: kept, named: true})
	}
	return out
}

// isGlossedTerm reports whether a point is a term its sentence glosses in
// English right after it (磁盘快照（block-level snapshot）).
func isGlossedTerm(kp KeyPoint) bool {
	for _, m := range reGlossed.FindAllStringSubmatch(kp.Sentence, -1) {
		if strings.HasSuffix(m[1], kp.Text) && slices.Contains(kp.Aliases, m[2]) {
			return true
		}
	}
	return false
}
