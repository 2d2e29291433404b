package grade

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// analysis is a text cut into the units the grader compares.
//
// Chinese text is cut into words first (the lexicon's word list), and
// character pairs are taken inside words and inside runs of characters
// that are no word, never across a word boundary: "业务连续性和数据可靠性"
// gives 业务 务连 连续 续性 数据 可靠 靠性, not 性数 or 据可, which a
// paraphrase never shares. A wording of a lexicon concept (工单, case,
// ticket) gives the concept's one unit instead, in either language.
type analysis struct {
	compact string
	folded  string          // folded, spacing and punctuation kept
	words   map[string]bool // the Latin words
	units   unitSet         // what the text says
	// alts holds, for a reply, the units an own unit may also stand for:
	// the Chinese words an English word translates and the reverse, and
	// the word a typo sounds like. Coverage looks in units and alts.
	alts map[textnorm.Unit][]textnorm.Unit
	// oov are the reply's character pairs that are no word: where a typo
	// that sounds right (备分 for 备份) would be.
	oov []textnorm.Unit
	// latin counts Latin words and cjk CJK characters, to tell the text's
	// language (languageCounts).
	latin, cjk int
	// grammar and content count function words and content words: a list
	// of key words has almost no grammar.
	grammar, content int
	// senses holds, for a reply, the senses of its Chinese words (their
	// specific English glosses as word units): a reference word with one
	// of them is a near-synonym (经历 for 经验). The reply's English words
	// are senses already, in units.
	senses unitSet
	// terms lists, for a reference text, its content words in order, each
	// with its units and senses.
	terms []term
}

// term is one content word of a reference text: the units it gives and
// the senses (specific English glosses) that let a near-synonym stand for
// it.
type term struct {
	units  []textnorm.Unit
	senses []textnorm.Unit
	// rarity is how rare the word is in general language (jieba's IDF
	// for a Chinese word, lexicon.RareIDF for a concept or a name); 0
	// for a stretch of characters that is no word.
	rarity float64
}

// analyzer cuts texts into units with a lexicon.
type analyzer struct {
	lex *lexicon.Lexicon
}

// bridge says what an analysis adds beyond the text's own units: the
// translations and senses of a reply's words, the terms of a reference.
type bridge struct {
	toChinese bool // English words stand for their Chinese translations
	toEnglish bool // Chinese words stand for their English glosses
	senses    bool // gather the senses of the Chinese words (a reply)
	terms     bool // record the content words as terms (a reference)
}

// analyze cuts a reference text (no bridges).
func (az analyzer) analyze(text string) analysis { return az.analyzeWith(text, bridge{}) }

func (az analyzer) analyzeWith(text string, br bridge) analysis {
	folded := textnorm.Fold(text)
	a := analysis{compact: textnorm.Compact(folded), folded: folded, words: map[string]bool{}, units: unitSet{}}
	if br.senses {
		a.senses = unitSet{}
	}
	toks := textnorm.Tokens(text)
	if strings.Contains(text, "<") {
		a.latin, a.cjk = languageCounts(text) // without its HTML tags
	} else {
		a.latin, a.cjk = countLanguage(toks)
	}
	toks = az.mixedConcepts(&a, toks, br)
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.Text == "" {
			i++ // said by a mixed wording
			continue
		}
		if t.CJK {
			az.cjkUnits(&a, t.Text, br)
			i++
			continue
		}
		i += az.latinUnits(&a, toks[i:], br)
	}
	return a
}

// latinRarity is how rare Latin words are: in Chinese text a Latin word
// is a name (Azure, etcd, SLA); in English text a phrase is as rare as
// its rarest word by English's counts.
func (az analyzer) latinRarity(a *analysis, words ...string) float64 {
	if !a.english() {
		return lexicon.RareIDF
	}
	r := 0.0
	for _, w := range words {
		r = max(r, az.lex.EnglishIDF(strings.ToLower(w)))
	}
	return r
}

// maxMixedRunes is the most Chinese characters a wording that mixes
// Chinese and a Latin word (分case, sla协议, gpu算力) has on its Chinese side.
const maxMixedRunes = 3

// mixedConcepts finds the concept wordings that join the end of a Chinese
// run to the Latin word after it (自动分case: 分case) or a Latin word to
// the start of the run after it (sla协议), which neither the segmenter nor
// the Latin lookup sees whole. Each adds its concept; the characters it
// used are cut from a copy of toks (a run left empty is skipped), the Latin
// word stays to be read on its own.
func (az analyzer) mixedConcepts(a *analysis, toks []textnorm.Token, br bridge) []textnorm.Token {
	var out []textnorm.Token
	for i := 0; i+1 < len(toks); i++ {
		cur, next := toks[i], toks[i+1]
		if cur.CJK == next.CJK || cur.Text == "" || next.Text == "" {
			continue
		}
		zh, latin := cur.Text, next.Text
		if !cur.CJK {
			zh, latin = next.Text, cur.Text
		}
		if !az.lex.InMixedWording(latin) {
			continue
		}
		rs := []rune(zh)
		for k := min(len(rs), maxMixedRunes); k >= 1; k-- {
			part := string(rs[len(rs)-k:])
			wording := part + latin
			if !cur.CJK {
				part = string(rs[:k])
				wording = latin + part
			}
			id, ok := az.lex.Concept(wording)
			if !ok {
				continue
			}
			if out == nil {
				out = slices.Clone(toks)
			}
			// The characters are the wording's; the Latin word is still
			// read on its own (分case also says case).
			if cur.CJK {
				out[i].Text = string(rs[:len(rs)-k])
			} else {
				out[i+1].Text = string(rs[k:])
			}
			toks = out
			a.units[textnorm.ConceptUnit(id)] = struct{}{}
			a.content++
			a.addTerm(br, term{units: []textnorm.Unit{textnorm.ConceptUnit(id)}, rarity: lexicon.RareIDF})
			break
		}
	}
	return toks
}

// latinUnits adds the units of the Latin words that start toks: a concept
// phrase of up to the lexicon's longest Latin wording, else one word. It
// returns how many tokens it used.
func (az analyzer) latinUnits(a *analysis, toks []textnorm.Token, br bridge) int {
	n := 0
	for n < len(toks) && !toks[n].CJK && n < az.lex.MaxLatinWords() {
		n++
	}
	for k := n; k >= 1; k-- {
		parts := make([]string, k)
		for j := range k {
			parts[j] = toks[j].Text
		}
		if id, ok := az.lex.Concept(strings.Join(parts, " ")); ok {
			for _, t := range toks[:k] {
				a.words[t.Text] = true
			}
			a.units[textnorm.ConceptUnit(id)] = struct{}{}
			a.content++
			if br.terms {
				a.addTerm(br, term{units: []textnorm.Unit{textnorm.ConceptUnit(id)}, rarity: az.latinRarity(a, parts...)})
			}
			return k
		}
	}
	w := toks[0].Text
	a.words[w] = true
	u := textnorm.LatinUnit(w)
	if u == "" {
		a.grammar++
		return 1
	}
	a.content++
	own := textnorm.WordUnit(u)
	a.units[own] = struct{}{}
	if br.terms {
		a.addTerm(br, term{units: []textnorm.Unit{own}, rarity: az.latinRarity(a, u)})
	}
	if br.toChinese {
		if _, done := a.alts[own]; done {
			return 1 // a word said again: its translations are in
		}
		targets := az.lex.Chinese(u)
		if len(toks) > 1 && !toks[1].CJK {
			if next := textnorm.LatinUnit(toks[1].Text); next != "" {
				if pair := az.lex.Chinese(u + " " + next); pair != nil {
					targets = pair
				}
			}
		}
		for _, zh := range targets {
			a.addAlts(own, az.chineseWordUnits(zh)...)
		}
		if len(targets) == 0 {
			a.addAlts(own, own) // looked up, no translation
		}
	}
	return 1
}

// cjkUnits adds the units of a run of CJK characters.
func (az analyzer) cjkUnits(a *analysis, run string, br bridge) {
	rs := []rune(run)
	at := make([]int, len(rs)+1) // byte offset of each character
	for i, off := 0, 0; i < len(rs); i++ {
		at[i] = off
		off += utf8.RuneLen(rs[i])
	}
	at[len(rs)] = len(run)
	ends := az.lex.Segment(rs, make([]int, 0, len(rs)/2+1))
	var stretch []rune // consecutive one-character pieces: no word
	flush := func() {
		az.stretchUnits(a, stretch, br)
		stretch = stretch[:0]
	}
	start := 0
	for i := 0; i < len(ends); i++ {
		// A concept wording may span up to three pieces (恢复 + 回来).
		matched := false
		for k := min(3, len(ends)-i); k >= 1; k-- {
			end := ends[i+k-1]
			if id, ok := az.lex.ConceptOfWord(run[at[start]:at[end]]); ok {
				flush()
				a.units[textnorm.ConceptUnit(id)] = struct{}{}
				a.content++
				if br.terms {
					// As rare as the wording the text uses: 恢复 is an
					// everyday word, 恢复点目标 is not.
					a.addTerm(br, term{units: []textnorm.Unit{textnorm.ConceptUnit(id)}, rarity: az.lex.GeneralIDF(run[at[start]:at[end]])})
				}
				start, i, matched = end, i+k-1, true
				break
			}
		}
		if matched {
			continue
		}
		end := ends[i]
		if end-start == 1 {
			stretch = append(stretch, rs[start])
			start = end
			continue
		}
		flush()
		word := run[at[start]:at[end]]
		start = end
		if lexicon.IsFunctionWord(word) {
			if !isCounting(word) {
				a.grammar++ // 两项 counts things; it relates nothing
			}
			a.addNumerals(br, word)
			continue
		}
		a.content++
		first, ok := addPairUnits(a.units, word)
		if br.senses || br.terms {
			az.wordSenses(a, br, word)
		}
		if br.toEnglish && ok {
			for _, g := range az.lex.English(word) {
				if !strings.Contains(g, " ") {
					if u := textnorm.LatinUnit(g); u != "" {
						a.addAlts(first, textnorm.WordUnit(u))
					}
				}
			}
		}
	}
	flush()
}

// addPairUnits adds the character pairs of one word to units, function
// characters dropped (a word left with one character gives that
// character), and returns the first unit it added.
func addPairUnits(units unitSet, word string) (textnorm.Unit, bool) {
	var prev rune
	var first textnorm.Unit
	n := 0
	for _, r := range word {
		if textnorm.IsStopChar(r) {
			continue
		}
		if n > 0 {
			u := textnorm.BigramUnit(prev, r)
			units[u] = struct{}{}
			if n == 1 {
				first = u
			}
		}
		prev = r
		n++
	}
	switch n {
	case 0:
		return 0, false
	case 1:
		u := textnorm.SingleUnit(prev)
		units[u] = struct{}{}
		return u, true
	}
	return first, true
}

// stretchUnits adds the units of a stretch of characters that are no
// word: its character pairs once function characters are dropped (the way
// textnorm.Units reads all Chinese text), or the one character left.
func (az analyzer) stretchUnits(a *analysis, rs []rune, br bridge) {
	kept := rs[:0:0]
	a.addNumerals(br, string(rs))
	for _, r := range rs {
		if !textnorm.IsStopChar(r) && !lexicon.IsFunctionChar(r) && !strings.ContainsRune(counting, r) {
			kept = append(kept, r)
		} else if !strings.ContainsRune(listJoiners, r) && !strings.ContainsRune(counting, r) {
			a.grammar++
		}
	}
	a.content += len(kept)
	switch len(kept) {
	case 0:
		return
	case 1:
		a.units[textnorm.SingleUnit(kept[0])] = struct{}{}
		return
	}
	for i := 0; i+1 < len(kept); i++ {
		u := textnorm.BigramUnit(kept[i], kept[i+1])
		a.units[u] = struct{}{}
		a.oov = append(a.oov, u)
		a.addTerm(br, term{units: []textnorm.Unit{u}})
	}
}

// wordSenses records the senses of a Chinese content word: for a reply in
// its set of senses, for a reference with the word's term.
func (az analyzer) wordSenses(a *analysis, br bridge, word string) {
	if br.senses {
		for _, g := range az.lex.Senses(word) {
			// Folded as a reply's English word is: an English reply meets
			// the Chinese word there too.
			a.senses[textnorm.WordUnit(g)] = struct{}{}
		}
	}
	if br.terms {
		var senses []textnorm.Unit
		for _, g := range az.lex.Senses(word) {
			senses = append(senses, textnorm.WordUnit(g))
		}
		// A reply says 学习 by 学 alone ("学点东西").
		for _, r := range az.lex.ShortForms(word) {
			senses = append(senses, textnorm.SingleUnit(r))
		}
		a.addTerm(br, term{units: pairUnits([]rune(word)), senses: senses, rarity: az.lex.GeneralIDF(word)})
	}
}

// addTerm records one content word of a reference text.
func (a *analysis) addTerm(br bridge, t term) {
	if br.terms && len(t.units) > 0 {
		a.terms = append(a.terms, t)
	}
}

// listJoiners join the items of a list or the words of a noun phrase;
// they are not the grammar of a sentence.
const listJoiners = "和与及或等的"

// counting are numerals and measure words: between words they count
// things ("一两个"), they do not name them.
const counting = "一二两三四五六七八九十百千万几个次种点项位名件些"

// numerals gives the digits of the Chinese numerals from two to ten: "三四
// 个" says the 3 and 4 of "3 到 4 个". 一 is left out: 一个, 一些 and 一下
// are grammar far more often than a count.
var numerals = map[rune]string{'二': "2", '两': "2", '三': "3", '四': "4", '五': "5", '六': "6", '七': "7", '八': "8", '九': "9", '十': "10"}

// addNumerals adds the digit units of the Chinese numerals in s.
func (a *analysis) addNumerals(br bridge, s string) {
	for _, r := range s {
		if d, ok := numerals[r]; ok {
			u := textnorm.WordUnit(d)
			a.units[u] = struct{}{}
			a.addTerm(br, term{units: []textnorm.Unit{u}})
		}
	}
}

// isCounting reports whether a word only counts (两项, 三个, 一些).
func isCounting(w string) bool {
	for _, r := range w {
		if !strings.ContainsRune(counting, r) {
			return false
		}
	}
	return true
}

// chineseWordUnits returns the units a Chinese word gives: its concept's
// unit, else its character pairs.
func (az analyzer) chineseWordUnits(w string) []textnorm.Unit {
	if id, ok := az.lex.Concept(w); ok {
		return []textnorm.Unit{textnorm.ConceptUnit(id)}
	}
	return pairUnits([]rune(w))
}

// pairUnits returns the character pairs of one word, function characters
// dropped; a word left with one character gives that character.
func pairUnits(word []rune) []textnorm.Unit {
	var kept []rune
	for _, r := range word {
		if !textnorm.IsStopChar(r) {
			kept = append(kept, r)
		}
	}
	switch len(kept) {
	case 0:
		return nil
	case 1:
		return []textnorm.Unit{textnorm.SingleUnit(kept[0])}
	}
	out := make([]textnorm.Unit, 0, len(kept)-1)
	for i := 0; i+1 < len(kept); i++ {
		out = append(out, textnorm.BigramUnit(kept[i], kept[i+1]))
	}
	return out
}

func (a *analysis) addAlts(own textnorm.Unit, us ...textnorm.Unit) {
	if a.alts == nil {
		a.alts = map[textnorm.Unit][]textnorm.Unit{}
	}
	a.alts[own] = append(a.alts[own], us...)
}

// has reports whether the reply says u, in its own words or through a
// translation or a typo's sound.
func (a *analysis) has(u textnorm.Unit, altSet unitSet) bool {
	if _, ok := a.units[u]; ok {
		return true
	}
	_, ok := altSet[u]
	return ok
}

// senseCredit is what the reply earns of a reference word through senses:
// 1 when it says one of the word's short forms alone (学 for 学习: the same
// word, typed short), senseCredit for a near-synonym (a Chinese word with
// one of the glosses, or the English word itself), 0 otherwise.
func (a *analysis) senseCredit(senses []textnorm.Unit) float64 {
	credit := 0.0
	for _, u := range senses {
		_, said := a.units[u]
		if !said {
			_, said = a.senses[u]
		}
		switch {
		case said && isSingle(u):
			return 1
		case said:
			credit = senseCredit
		}
	}
	return credit
}

// altSet gathers every alternative unit of the analysis.
func (a *analysis) altSet() unitSet {
	s := make(unitSet, len(a.alts))
	for _, us := range a.alts {
		for _, u := range us {
			s[u] = struct{}{}
		}
	}
	return s
}

// english reports whether the text is English: more Latin words than
// Chinese words (isEnglish).
func (a *analysis) english() bool { return isEnglish(a.latin, a.cjk) }

// soundKey is the sound of a character pair: two toneless syllables.
func soundKey(u textnorm.Unit) (uint32, bool) {
	x, y, ok := u.IsBigram()
	if !ok {
		return 0, false
	}
	sx, sy := lexicon.Sound(x), lexicon.Sound(y)
	if sx == 0 || sy == 0 {
		return 0, false
	}
	return uint32(sx)<<16 | uint32(sy), true
}
