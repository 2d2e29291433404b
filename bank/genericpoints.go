package bank

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// everydayWordIDF is the general-language IDF (jieba's) under which a
// Chinese word is everyday language: 观察 6.1, 思考 7.3, 创造 5.8, 价值
// 4.9, 效率 6.9, 低下 7.7, 流程 7.8. Terms an interviewer checks hold at
// least one word above it: 位图, 拓扑 9.6, 宕机, 溢出 8.8, 审计.
const everydayWordIDF = 7.85

// sharedWordShare is the share of the folder's answers (at least two) that
// may use a one-word point before it is the topic's vocabulary rather
// than this answer's fact: 可靠性, 最佳实践, 架构师, 虚拟机 in the seeds.
const sharedWordShare = 0.05

// isGenericPick reports whether a phrase picked for an idea of an answer
// that marks nothing says nothing an interviewer could check by itself:
//   - it names nothing (no Latin term, no number) and every word of it is
//     everyday Chinese (观察和思考, 创造价值, 工作内容和指标, 效率低下);
//   - or it is one Chinese word that other answers of the folder use too
//     (可靠性, 完整性, 最佳实践, 架构师): the topic's vocabulary, true of
//     every answer;
//   - or it is a word common to any answer (genericTerms: 工作, 整体)
//     before one two-character word (工作时间, 整体架构).
//
// Such a pick makes a point only when the answer has too few others.
func (c corpus) isGenericPick(p phrase) bool {
	if p.named || hasLatinLetter(p.text) || strings.ContainsAny(p.text, "0123456789") {
		return false
	}
	lex := lexicon.Default()
	ws := p.words
	if ws == nil {
		ws = withCountPrefix(wordsOf(lex, p.text))
	}
	var content []string
	for _, w := range ws {
		if w != "" && !isFunctionToken(w) && !isLoneChar(w) {
			content = append(content, w)
		}
	}
	if len(content) == 0 {
		return false
	}
	// 工作时间, 整体架构: a word common to any answer says nothing about
	// what it qualifies, and one two-character word is no point.
	content = splitGenericHead(content)
	for len(content) > 0 && genericTerms[content[0]] {
		content = content[1:]
	}
	if len(content) == 0 || len(content) == 1 && isBareWord(content[0]) {
		return true
	}
	everyday := true
	for _, w := range content {
		if !isCJKWord(w) || generalIDF(lex, w) >= everydayWordIDF {
			everyday = false
			break
		}
	}
	if everyday {
		return true
	}
	return len(content) == 1 && c.sharedWord(content[0])
}

// sharedWord reports whether other answers of the folder use a word: the
// fewest answers any of its units appears in (an upper bound of the
// word's own count) reaches sharedWordShare of them, and two.
func (c corpus) sharedWord(w string) bool {
	units := textnorm.UnitKeys(w)
	if len(units) == 0 || c.docs == 0 {
		return false
	}
	least := math.MaxInt
	for _, u := range units {
		least = min(least, c.df[u])
	}
	return least >= 2 && float64(least) >= sharedWordShare*float64(c.docs)
}

// splitGenericHead cuts a word the word list holds whole but that opens
// with a word common to any answer (工作时间 is 工作 + 时间) in two, so
// the common word is seen.
func splitGenericHead(ws []string) []string {
	if len(ws) == 0 || !isCJKWord(ws[0]) {
		return ws
	}
	for g := range genericTerms {
		rest, ok := strings.CutPrefix(ws[0], g)
		if ok && rest != "" && utf8.RuneCountInString(rest) <= 2 {
			return append([]string{g, rest}, ws[1:]...)
		}
	}
	return ws
}

// generalIDF is the lexicon's general-language IDF of a Chinese word, but
// a word the table lacks that only negates one it holds (不一样, 达不到) is
// as common as that word (一样, 达到): grammar, not a rare term.
func generalIDF(lex *lexicon.Lexicon, w string) float64 {
	idf := lex.GeneralIDF(w)
	if idf < lexicon.RareIDF || !strings.Contains(w, "不") {
		return idf
	}
	if plain := strings.Replace(w, "不", "", 1); utf8.RuneCountInString(plain) >= 2 {
		return min(idf, lex.GeneralIDF(plain))
	}
	return idf
}
