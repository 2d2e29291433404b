package bank

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// termTarget is how many points an answer with no marked points gets from
// its distinctive terms.
const termTarget = 5

// chunkBreakers end a phrase candidate in CJK text: function characters and
// pronouns that sit between content words (multi-character function words
// are broken out before).
const chunkBreakers = "的了是和或等也都就把被将并而又很呢吗啊呀吧嘛呃嗯额我你他她它们这那在对"

// chunkLeading are characters left at the start of a phrase once the word
// before them is gone: measure words ("个数量" from "这个数量") and
// auxiliaries ("会全力以赴" from "我会全力以赴").
const chunkLeading = "个些种件位名样么会能要让给来去到有且还更也再才又过第年"

// chunkTrailing are characters that end a phrase only because the next
// word was cut off ("领先地位让" from "领先地位让我").
const chunkTrailing = "让为使给向被得第会"

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
	df   map[string]int
}

func newCorpus(texts []string) corpus {
	c := corpus{docs: len(texts), df: make(map[string]int)}
	for _, t := range texts {
		for u := range textnorm.UnitSet(t) {
			c.df[u]++
		}
	}
	return c
}

func (c corpus) idf(unit string) float64 {
	return math.Log(float64(c.docs+1)/float64(c.df[unit]+1)) + 1
}

// commonness is the share of answers a unit appears in.
func (c corpus) commonness(unit string) float64 {
	if c.docs == 0 {
		return 0
	}
	return float64(c.df[unit]) / float64(c.docs)
}

// termPoints picks the most distinctive terms of an answer against the rest
// of the bank: Latin terms and CJK phrases (runs between function
// characters), weighted by how often the answer uses them and how rare they
// are elsewhere.
//
// A term the prompt already contains ("优点" for "你的优点和缺点？") is left
// out: repeating the question is not a point.
func (c corpus) termPoints(a Answer, prompt string, want int) []KeyPoint {
	promptCompact := textnorm.Compact(prompt)
	type cand struct {
		text  string
		score float64
	}
	counts := map[string]int{}
	display := map[string]string{}
	for _, p := range phraseCandidates(breakFunctionWords(a.Text), mostlyLatin(a.Text)) {
		k := textnorm.Compact(p)
		if k == "" {
			continue
		}
		counts[k]++
		if _, ok := display[k]; !ok {
			display[k] = p
		}
	}
	var cands []cand
	for k, n := range counts {
		units := textnorm.Units(k)
		if len(units) == 0 || genericTerms[k] || isFiller(k) || utf8.RuneCountInString(display[k]) > maxPointRunes ||
			strings.Contains(promptCompact, k) {
			continue
		}
		var sum float64
		common := true
		for _, u := range units {
			sum += c.idf(u)
			if c.commonness(u) < 0.3 {
				common = false
			}
		}
		if common && c.docs >= 5 {
			continue
		}
		mean := sum / float64(len(units))
		runes := utf8.RuneCountInString(k)
		length := 1.0
		switch {
		case runes >= 3 && runes <= 6:
			length = 1.3
		case runes > 8:
			length = 0.8
		}
		cands = append(cands, cand{display[k], (1 + math.Log(float64(n))) * mean * length})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].text < cands[j].text
	})
	var pts []KeyPoint
	var taken []string
	for _, cd := range cands {
		if len(pts) == want {
			break
		}
		ck := textnorm.Compact(cd.text)
		overlap := false
		for _, t := range taken {
			if strings.Contains(t, ck) || strings.Contains(ck, t) {
				overlap = true
				break
			}
		}
		if overlap {
			continue
		}
		kp := KeyPoint{Text: cd.text, Origin: OriginTerm}
		kp.Sentence = sentenceOf(a.Text, kp)
		taken = append(taken, ck)
		pts = append(pts, kp)
	}
	return pts
}

// phraseCandidates cuts text into candidate terms: runs of Latin words
// (an acronym, "SAP HANA") and CJK runs between punctuation, function
// characters and pronouns, two to eight characters long.
//
// In English text a lone short lowercase word ("work") is ordinary
// language; in Chinese text a Latin word ("etcd", "owner") is a term.
func phraseCandidates(text string, english bool) []string {
	var out []string
	var latin []string
	flushLatin := func() {
		if len(latin) > 0 {
			p := strings.TrimRight(strings.Join(latin, " "), ".-/")
			if len(p) >= 2 && !isAllDigits(p) && !isPlaceholder(p) && !(english && isPlainShortWord(p)) {
				out = append(out, p)
			}
			latin = latin[:0]
		}
	}
	var cjk []rune
	flushCJK := func() {
		c := cjk
		for len(c) > 0 && strings.ContainsRune(chunkLeading, c[0]) {
			c = c[1:]
		}
		for len(c) >= 4 && strings.ContainsRune("时中上里", c[len(c)-1]) ||
			len(c) >= 3 && strings.ContainsRune(chunkTrailing, c[len(c)-1]) {
			c = c[:len(c)-1]
		}
		if n := len(c); n >= 2 && n <= 8 && !isTimePhrase(c) {
			out = append(out, string(c))
		}
		cjk = cjk[:0]
	}
	for _, tok := range splitTokensKeepingSpaces(text) {
		switch {
		case tok == " ":
			flushCJK()
		case tok == "":
			flushLatin()
			flushCJK()
		default:
			r, _ := utf8.DecodeRuneInString(tok)
			if textnorm.IsCJK(r) {
				flushLatin()
				for _, cr := range tok {
					if strings.ContainsRune(chunkBreakers, cr) {
						flushCJK()
						continue
					}
					cjk = append(cjk, cr)
				}
				continue
			}
			flushCJK()
			if textnorm.IsStopWord(strings.ToLower(tok)) {
				flushLatin()
				continue
			}
			if len(latin) == 4 {
				flushLatin()
			}
			latin = append(latin, tok)
		}
	}
	flushLatin()
	flushCJK()
	return out
}

// splitTokensKeepingSpaces returns words and CJK runs, " " for a space
// between Latin words and "" for punctuation, which ends a phrase.
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
			if kind == 1 {
				out = append(out, " ")
			} else {
				out = append(out, "")
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
	return strings.Trim(strings.ToLower(s), "x") == ""
}

// isPlainShortWord reports whether a Latin candidate is one short lowercase
// word ("work", "scale"): ordinary English, not a technical term.
func isPlainShortWord(s string) bool {
	return !strings.Contains(s, " ") && len(s) < 6 && strings.ToLower(s) == s && !strings.ContainsAny(s, "0123456789")
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
