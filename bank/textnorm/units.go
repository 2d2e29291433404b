package textnorm

import (
	"strings"
)

// StopChars are CJK function characters that carry no content of their own.
// They are dropped before bigrams are formed, so "一致性的保障" and
// "一致性保障" give the same units.
const StopChars = "的了是在和与及或等也都就把被对将并而又还很这那呢吗啊呀吧嘛呃嗯着过之其"

// IsStopChar reports whether r is a CJK function character that Units drops.
func IsStopChar(r rune) bool {
	return strings.ContainsRune(StopChars, r)
}

// latinStopWords are English function words that do not count as content.
var latinStopWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true,
	"to": true, "in": true, "on": true, "for": true, "is": true, "are": true,
	"be": true, "it": true, "as": true, "at": true, "by": true, "with": true,
	"that": true, "this": true, "we": true, "i": true, "you": true, "so": true,
	"my": true, "our": true, "want": true, "from": true, "have": true,
	"has": true, "was": true, "were": true, "will": true, "can": true, "would": true,
}

// Token is a run of text of one kind: a Latin word or number, or a run of
// CJK characters. Punctuation, spaces and symbols separate tokens.
type Token struct {
	Text string // folded text
	CJK  bool   // a run of CJK characters rather than a Latin word
}

// Tokens splits the folded form of s into Latin words and CJK runs.
func Tokens(s string) []Token {
	f := Fold(s)
	var toks []Token
	var cur []rune
	curCJK := false
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, Token{Text: string(cur), CJK: curCJK})
			cur = cur[:0]
		}
	}
	for _, r := range f {
		switch {
		case IsCJK(r):
			if !curCJK {
				flush()
			}
			curCJK = true
			cur = append(cur, r)
		case IsWordRune(r):
			if curCJK {
				flush()
			}
			curCJK = false
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

// Units returns the content units of s, in order, with repeats: each Latin
// word (folded, a plural "s" dropped from longer words, English function
// words skipped) and each bigram of adjacent CJK characters once stop
// characters are removed. A CJK run of a single content character gives
// that character as a unit.
func Units(s string) []string {
	var units []string
	for _, t := range Tokens(s) {
		if !t.CJK {
			if w := latinUnit(t.Text); w != "" {
				units = append(units, w)
			}
			continue
		}
		units = append(units, cjkBigrams(t.Text)...)
	}
	return units
}

// UnitSet returns the distinct units of s.
func UnitSet(s string) map[string]struct{} {
	set := make(map[string]struct{})
	for _, u := range Units(s) {
		set[u] = struct{}{}
	}
	return set
}

// IsStopWord reports whether w (folded) is an English function word.
func IsStopWord(w string) bool { return latinStopWords[w] }

func latinUnit(w string) string {
	if latinStopWords[w] {
		return ""
	}
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	return w
}

func cjkBigrams(run string) []string {
	var rs []rune
	for _, r := range run {
		if !IsStopChar(r) {
			rs = append(rs, r)
		}
	}
	switch len(rs) {
	case 0:
		return nil
	case 1:
		return []string{string(rs)}
	}
	out := make([]string, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, string(rs[i:i+2]))
	}
	return out
}
