package bank

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// phrase is a candidate key point found in a sentence: a run of content
// words that starts and ends on word boundaries, or two such runs joined by
// 和/与/及/或 (then each is an alias).
type phrase struct {
	text    string
	aliases []string
	clause  bool     // a whole clause rather than a run of words
	words   []string // its words, when known
	named   bool     // it holds a name or a code span (English answers), or the notes gloss it in English (Chinese)
	head    bool     // a list item's own name for itself (English answers)
}

// reRange finds a quantity such as "3 到 4 个新进工单" or "1–2 个": a
// number is a point only with what it counts.
var reRange = regexp.MustCompile(`\d+(?:\.\d+)?\s*(?:到|至|[-–~])\s*\d+(?:\.\d+)?\s*(?:个|次|倍|%|万|小时|分钟|天)?\s*[\p{Han}A-Za-z]{2,6}`)

// conjunctions join two runs into one phrase whose parts are aliases.
var conjunctions = map[string]bool{"和": true, "与": true, "及": true, "或": true, "以及": true, "或者": true}

// leadingVerbs are verbs that open a clause around a point ("提供最佳实践",
// "结合定期演练"): the point is what follows them.
var leadingVerbs = []string{"需要", "结合", "提供", "进行", "实现", "采用", "使用", "利用", "做到", "完成", "做", "去", "来", "给", "帮", "帮助", "依赖", "参与", "参与到", "通过", "涉及", "涉及到", "负责", "承担", "担任", "达到", "拥有", "具备", "形成", "建立", "提升", "提升了", "补充", "拓展", "满足", "证明", "源于", "集中", "集中在", "面临", "熟悉", "熟悉了", "推动", "导致", "把", "将", "取得", "获得", "考取", "取得了", "有了"}

// contentPhrases cuts a sentence into phrase candidates on word
// boundaries. Function words, punctuation and the words of skip (the
// prompt) end a run; a run's leading verbs are dropped.
func contentPhrases(sentence string, skip map[string]bool) []phrase {
	return contentPhrasesOf(sentence, wordsOf(lexicon.Default(), sentence), skip)
}

// contentPhrasesOf is contentPhrases for a sentence already cut into
// words (wordsOf).
func contentPhrasesOf(sentence string, words []string, skip map[string]bool) []phrase {
	var runs []wordRun
	var cur []string
	// end closes the run; cont is set when the sentence goes on after it
	// (a function word, not punctuation or the end).
	end := func(conj string, cont bool) {
		if cur = trimRun(cur, skip, cont); len(cur) > 0 {
			runs = append(runs, wordRun{text: joinWords(cur), words: cur, conj: conj})
		} else if len(runs) > 0 {
			runs[len(runs)-1].conj = "" // a conjunction does not reach over a gap
		}
		cur = nil
	}
	lex := lexicon.Default()
	for i := 0; i < len(words); i++ {
		tok := words[i]
		switch {
		case tok == "了" && i+1 < len(words) && isChangeAmount(words[i+1]) && len(cur) > 0 && lex.IsVerb(cur[len(cur)-1]):
			// "停机窗口缩短了一半", "成本降低了两倍": the change and its
			// amount are the fact.
			cur = append(cur, tok, words[i+1])
			i++
			end("", false)
		case conjunctions[tok]:
			end(tok, false)
		case inLatinName(cur, tok, words[i+1:]):
			cur = append(cur, tok) // "Just in Time", "Ahead of Time": a name
		case tok == "" || isFunctionToken(tok):
			end("", verbGoesOn[tok])
		default:
			cur = append(cur, tok)
		}
	}
	end("", false)
	return withQuantities(sentence, runPhrases(runs))
}

// reChangeAmount is the amount of a change said after its verb and 了:
// 一半, 两倍, 三成 (digits and a sign, 30%, are tokens of their own and
// not read here).
var reChangeAmount = regexp.MustCompile(`^(?:一半|[一二两三四五六七八九十数几]+(?:倍|成))$`)

// isChangeAmount reports whether a word is the amount of a change.
func isChangeAmount(w string) bool { return reChangeAmount.MatchString(w) }

// inLatinName reports whether a Latin function word of a Chinese answer
// is part of a capitalized English name ("Just In Time", "Ahead of
// Time"): the next word is capitalized, and it is too or follows a Latin
// word of the run.
func inLatinName(cur []string, tok string, rest []string) bool {
	if len(rest) == 0 || tok == "" || isCJKWord(tok) || !isFunctionToken(tok) {
		return false
	}
	next := rest[0]
	if r, _ := utf8.DecodeRuneInString(next); next == "" || isCJKWord(next) || !unicode.IsUpper(r) {
		return false
	}
	// Capitalized itself (Just In Time), or after a Latin word of the run.
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsUpper(r) || len(cur) > 0 && !isCJKWord(cur[len(cur)-1])
}

// withQuantities adds the sentence's quantities to out and drops the
// phrases a quantity holds: a quantity is read whole ("3 到 4 个新进工单",
// never "4 个新进工单").
func withQuantities(sentence string, out []phrase) []phrase {
	if !strings.ContainsAny(sentence, "0123456789") {
		return out // no quantity without a digit: spare the regexp
	}
	for _, loc := range reRange.FindAllStringIndex(sentence, -1) {
		m := strings.TrimSpace(sentence[loc[0]:quantityEnd(sentence, loc[1])])
		out = slices.DeleteFunc(out, func(p phrase) bool { return strings.Contains(m, p.text) })
		out = append(out, phrase{text: m})
	}
	return out
}

// wordRun is a run of content words of a sentence.
type wordRun struct {
	text  string
	words []string
	conj  string // the conjunction that ends the run, if one does
}

// trimRun cuts a run of content words to the phrase it can offer, or nil.
// cont is set when the sentence goes on after the run.
func trimRun(cur []string, skip map[string]bool, cont bool) []string {
	lex := lexicon.Default()
	if cont && len(cur) > 0 && lex.IsVerb(cur[len(cur)-1]) {
		// A run cut right after a verb ("SA 提出的方案", "在团队内担任更大
		// 规模的项目") has lost what the verb is about.
		return nil
	}
	cur = withCountPrefix(cur)
	// A phrase starts and ends with a whole word of two characters or
	// more, or a Latin term: a lone character at an edge (多, 时, 查) is
	// grammar or a fragment of the clause.
	for len(cur) > 0 && (isLeadingVerb(cur[0]) || isLoneChar(cur[0]) || isSingleLetter(cur[0])) {
		cur = cur[1:]
	}
	for len(cur) > 1 && lex.IsVerb(cur[0]) && !isCJKWord(cur[1]) {
		cur = cur[1:] // "推出 ADP 3.0", "协调 SAP 支持": the name is the point
	}
	// "处理 3" of "处理 3 到 4 个新进工单": a number is a point only with what
	// it counts, which the quantity candidate has.
	for n := len(cur); n > 0 && isSingleLetter(cur[n-1]); n = len(cur) {
		cur = cur[:n-1] // "复杂度 O" of "复杂度 O(N)", "x 乘以" of "x 乘以 2"
	}
	for n := len(cur); n > 0 && (isLoneChar(cur[n-1]) || trailingTimeWords[cur[n-1]] ||
		n >= 2 && isAllDigits(cur[n-1]) && isCJKWord(cur[n-2])); n = len(cur) {
		if n >= 2 && isLoneChar(cur[n-1]) && !isPostposition(cur[n-1]) && isCJKWord(cur[n-2]) {
			if isNounSuffix(cur[n-1]) && n >= 3 {
				// 模块耦合+度, 周围作用+域: a word the word list lacks,
				// made whole, in a phrase of its own words.
				cur = append(cur[:n-2:n-2], cur[n-2]+cur[n-1])
				break
			}
			// "问题来" of "问题来了": the character may be part of a
			// word the list lacks, or a verb; the run is no phrase.
			return nil
		}
		cur = cur[:n-1]
	}
	if allSkipped(cur, skip) || len(cur) == 1 && isLeadingVerb(cur[0]) {
		return nil // only the prompt's words, or a verb alone
	}
	return cur
}

// countChars are the Chinese numerals that open a count (三方会议,
// 双位数增长).
const countChars = "一二三四五六七八九十两双"

// withCountPrefix joins a run's opening count to the word it counts: a
// numeral and one or two lone characters (its measure) before a word of
// two characters or more, which the word list lacks as one word (三 方
// 会议, 双 位 数 增长). Cut at its lone characters, the run lost the
// count, and with it the fact.
func withCountPrefix(cur []string) []string {
	if len(cur) < 3 || !isLoneChar(cur[0]) || !strings.Contains(countChars, cur[0]) {
		return cur
	}
	for k := 2; k <= 3 && k < len(cur); k++ {
		if !isLoneChar(cur[k-1]) {
			return cur
		}
		if next := cur[k]; isCJKWord(next) && utf8.RuneCountInString(next) >= 2 {
			return append([]string{strings.Join(cur[:k+1], "")}, cur[k+1:]...)
		}
	}
	return cur
}

// runPhrases offers each run as a phrase, the parts in one script of a long
// run, and two runs joined by a conjunction.
func runPhrases(runs []wordRun) []phrase {
	var out []phrase
	for i, r := range runs {
		if r.conj != "" && i+1 < len(runs) && len(runs[i+1].words) == 1 && !aliasWorthy(runs[i+1].text) && isCJKWord(runs[i+1].text) {
			// "平衡工作与生活", "平衡细节与效率": a short second side belongs to
			// the phrase; alone, the first side is a fragment.
			out = append(out, phrase{text: r.text + r.conj + runs[i+1].text})
			continue
		}
		out = append(out, phrase{text: r.text, words: r.words})
		if utf8.RuneCountInString(r.text) > 12 {
			out = append(out, scriptParts(r.words)...)
		}
		if r.conj != "" && i+1 < len(runs) && aliasWorthy(r.text) && aliasWorthy(runs[i+1].text) {
			out = append(out, phrase{text: r.text + r.conj + runs[i+1].text, aliases: []string{r.text, runs[i+1].text}})
		}
	}
	return out
}

// verbGoesOn are the function words after which a verb still reaches
// for what it is about ("提出的方案", "参与到架构设计", "担任更大规模的项目",
// "了解了贵公司"); after 是 or 也 a verb is a subject ("适时加班是不可避免的").
var verbGoesOn = map[string]bool{"的": true, "了": true, "着": true, "过": true, "到": true, "在": true, "给": true,
	"把": true, "向": true, "于": true, "得": true, "更": true, "很": true, "最": true, "一个": true, "一些": true, "一下": true}

// quantityEnd extends a quantity the regexp cut after a few characters
// to the end of its phrase, when that is near: "1–2 个一对一的深度技术支持",
// not "1–2 个一对一的深度".
func quantityEnd(sentence string, end int) int {
	const maxExtra = 8
	i, n := end, 0
	for i < len(sentence) && n <= maxExtra {
		r, size := utf8.DecodeRuneInString(sentence[i:])
		if !textnorm.IsCJK(r) || strings.ContainsRune("，。；、", r) {
			break
		}
		i += size
		n++
	}
	if n > maxExtra || (i < len(sentence) && !strings.ContainsRune("，。；、,;.!?！？ ", firstRune(sentence[i:]))) {
		return end // the phrase goes on too long, or into something else
	}
	return i
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// trailingTimeWords end a run without being part of its phrase
// ("国际市场过去三年": the market, not its past).
var trailingTimeWords = map[string]bool{"过去": true, "未来": true, "以来": true, "期间": true, "至今": true, "当年": true}

// allSkipped reports whether every word of a run is a word of the prompt
// (a run of the prompt's words repeats the question). The prompt's words
// inside a run do not cut it: "适时加班" for "能不能接受加班？".
func allSkipped(ws []string, skip map[string]bool) bool {
	for _, w := range ws {
		if !skip[compactWord(w)] {
			return false
		}
	}
	return true
}

// scriptParts offers the parts of a long run that are in one script
// ("Azure Solutions Architect Expert" and "认证" of "Azure Solutions
// Architect Expert 认证"): a shorter point when the whole is too long.
func scriptParts(words []string) []phrase {
	var out []phrase
	var cur []string
	cjk := false
	lex := lexicon.Default()
	flush := func(more bool) {
		// A part that ends in a verb, with more after it, lost the verb's
		// object ("确定利用" of "确定利用 HANA System Replication").
		if len(cur) > 0 && len(cur) < len(words) && !(more && lex.IsVerb(cur[len(cur)-1])) {
			out = append(out, phrase{text: joinWords(cur), words: cur})
		}
		cur = nil
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if c := textnorm.IsCJK(r); c != cjk && len(cur) > 0 {
			flush(true)
		}
		cjk = textnorm.IsCJK(r)
		cur = append(cur, w)
	}
	flush(false)
	return out
}

// wordsOf splits text into words: Latin words (with digits, "-", "/", "."
// inside), Chinese words from the lexicon; "" marks punctuation, which ends
// a phrase.
func wordsOf(lex *lexicon.Lexicon, text string) []string {
	var out []string
	for _, tok := range splitTokensKeepingSpaces(text) {
		switch {
		case tok == " ":
			continue
		case tok == "":
			out = append(out, "")
		default:
			r, _ := utf8.DecodeRuneInString(tok)
			if textnorm.IsCJK(r) {
				out = append(out, lex.Words(tok)...)
				continue
			}
			out = append(out, tok)
		}
	}
	return out
}

func isFunctionToken(w string) bool {
	if lexicon.IsFunctionWord(w) || fillerWords[w] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !textnorm.IsCJK(r) {
		return isEnglishStopWord(w)
	}
	return utf8.RuneCountInString(w) == 1 && textnorm.IsStopChar(r)
}

// isEnglishStopWord reports whether text is one English function or stop
// word (**OR** between two ways, **not**): never a point.
func isEnglishStopWord(text string) bool {
	w := strings.ToLower(strings.TrimSpace(text))
	return w != "" && (textnorm.IsStopWord(w) || englishFunctionWords[w])
}

// isCJKWord reports whether w starts with a Chinese character.
func isCJKWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return textnorm.IsCJK(r)
}

// isSingleLetter reports whether w is one Latin letter: a variable or
// the start of a formula, never the end of a phrase.
func isSingleLetter(w string) bool {
	return len(w) == 1 && (w[0]|0x20) >= 'a' && (w[0]|0x20) <= 'z'
}

// isPostposition reports whether a lone character after a word is
// grammar (在高峰时, 系统中, 团队内) or a predicate (学习能力强) rather
// than part of the word.
func isPostposition(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return textnorm.IsStopChar(r) || strings.ContainsRune("时中上下里内外后前间边方强高低大小多少好快慢差长短深广", r)
}

// isNounSuffix reports whether a lone character makes a noun of the word
// before it (耦合度, 作用域, 可用性, 容器化).
func isNounSuffix(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return strings.ContainsRune("度性化率域型器值量者栈池库集符码", r)
}

// isLoneChar reports whether w is one Chinese character.
func isLoneChar(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && textnorm.IsCJK(r)
}

// fillerWords are the filler words of spoken answers, as a set.
var fillerWords = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range append(append([]string{}, hardFillers...), softFillers...) {
		m[f] = true
	}
	return m
}()

func isLeadingVerb(w string) bool { return leadingVerbSet[w] }

// leadingVerbSet is leadingVerbs as a set.
var leadingVerbSet = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range leadingVerbs {
		m[v] = true
	}
	return m
}()

// compactWord is textnorm.Compact for one word: a Chinese word is its own
// compact form, so only a Latin word needs folding.
func compactWord(w string) string {
	for _, r := range w {
		if !textnorm.IsCJK(r) {
			return textnorm.Compact(w)
		}
	}
	return w
}

// joinWords writes words back as text: a space between two Latin words,
// none elsewhere.
func joinWords(ws []string) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			p, _ := utf8.DecodeLastRuneInString(ws[i-1])
			r, _ := utf8.DecodeRuneInString(w)
			if !textnorm.IsCJK(p) || !textnorm.IsCJK(r) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

// aliasWorthy reports whether one side of "X和Y" can stand alone as a
// wording of the point: a term, not a word so common (文件, 实验) that a
// reply would name it in passing.
func aliasWorthy(s string) bool {
	n := utf8.RuneCountInString(s)
	r, _ := utf8.DecodeRuneInString(s)
	if !textnorm.IsCJK(r) {
		return len(s) >= 2
	}
	return n >= 3
}

// onWordBoundaries reports whether phrase sits in sentence on word
// boundaries: it neither starts nor ends inside a word ("发程度" in
// "并发程度" does not). Only a few characters around each end are cut
// into words: a word is at most six characters long.
func onWordBoundaries(sentence, phrase string) bool {
	i := strings.Index(sentence, phrase)
	if i < 0 {
		return true // not quoted verbatim (cleaned): nothing to check
	}
	return boundaryAt(sentence, i) && boundaryAt(sentence, i+len(phrase))
}

// boundaryAt reports whether byte offset at of s falls between two words.
func boundaryAt(s string, at int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:at])
	after, _ := utf8.DecodeRuneInString(s[at:])
	if at == 0 || at == len(s) || !textnorm.IsCJK(before) || !textnorm.IsCJK(after) {
		return true
	}
	// The CJK run around the offset, at most six characters each side.
	start := at
	for n := 0; n < 6 && start > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !textnorm.IsCJK(r) {
			break
		}
		start -= size
	}
	end := at
	for n := 0; n < 6 && end < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !textnorm.IsCJK(r) {
			break
		}
		end += size
	}
	run := []rune(s[start:end])
	cut := utf8.RuneCountInString(s[start:at])
	for _, e := range lexicon.Default().Segment(run, nil) {
		if e == cut {
			return true
		}
	}
	return false
}
