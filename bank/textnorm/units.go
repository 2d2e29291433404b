package textnorm

import (
	"strings"
)

// StopChars are CJK function characters that carry no content of their own.
// They are dropped before bigrams are formed, so "一致性的保障" and
// "一致性保障" give the same units.
const StopChars = "的了是在和与及或等也都就把被对将并而又还很这那呢吗啊呀吧嘛呃嗯着过之其"

// IsStopChar reports whether r is a CJK function character that Units
// drops: one of StopChars. (A switch, as this runs for every character of
// every reply.)
func IsStopChar(r rune) bool {
	switch r {
	case '的', '了', '是', '在', '和', '与', '及', '或', '等', '也', '都', '就', '把', '被', '对', '将',
		'并', '而', '又', '还', '很', '这', '那', '呢', '吗', '啊', '呀', '吧', '嘛', '呃', '嗯', '着', '过', '之', '其':
		return true
	}
	return false
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
	return tokensFolded(Fold(s))
}

func tokensFolded(f string) []Token {
	var toks []Token
	start, kind := -1, 0 // kind 1 = Latin, 2 = CJK
	flush := func(end int) {
		if start >= 0 {
			toks = append(toks, Token{Text: f[start:end], CJK: kind == 2})
			start = -1
		}
	}
	for i, r := range f {
		k := 0
		switch {
		case IsCJK(r):
			k = 2
		case IsWordRune(r):
			k = 1
		}
		if k != kind || k == 0 {
			flush(i)
		}
		kind = k
		if k != 0 && start < 0 {
			start = i
		}
	}
	flush(len(f))
	return toks
}

// Units returns the content units of s, in order, with repeats: each Latin
// word (folded, a plural "s" dropped from longer words, English function
// words skipped) and each bigram of adjacent CJK characters once stop
// characters are removed. A CJK run of a single content character gives
// that character as a unit.
func Units(s string) []string {
	return unitsOf(tokensFolded(Fold(s)))
}

func unitsOf(toks []Token) []string {
	var units []string
	for _, t := range toks {
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

// UnitKeys returns the content units of s as Units, in order, with
// repeats: the units Units gives, without a string for each.
func UnitKeys(s string) []Unit {
	var keys []Unit
	for _, t := range tokensFolded(Fold(s)) {
		keys = appendUnitKeys(keys, t)
	}
	return keys
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

// cjkBigrams returns the bigrams of a CJK run once stop characters are
// dropped. The bigrams are substrings of one buffer: a single allocation
// per run.
func cjkBigrams(run string) []string {
	var b strings.Builder
	b.Grow(len(run))
	var starts []int
	for _, r := range run {
		if !IsStopChar(r) {
			starts = append(starts, b.Len())
			b.WriteRune(r)
		}
	}
	kept := b.String()
	switch len(starts) {
	case 0:
		return nil
	case 1:
		return []string{kept}
	}
	starts = append(starts, len(kept))
	out := make([]string, 0, len(starts)-2)
	for i := 0; i+2 < len(starts); i++ {
		out = append(out, kept[starts[i]:starts[i+2]])
	}
	return out
}

// Analysis is a text prepared for comparison in one pass.
type Analysis struct {
	// Compact is the text folded with everything but letters and digits
	// removed (see Compact).
	Compact string
	// Words holds the Latin words of the text.
	Words map[string]bool
	// Units holds the content units of the text (see Units), as Units.
	Units map[Unit]struct{}
}

// Analyze folds s once and derives its compact form, Latin words and
// content units.
func Analyze(s string) Analysis {
	f := Fold(s)
	toks := tokensFolded(f)
	var keys []Unit
	for _, t := range toks {
		keys = appendUnitKeys(keys, t)
	}
	a := Analysis{Compact: compactFolded(f), Words: map[string]bool{}, Units: make(map[Unit]struct{}, len(keys))}
	for _, t := range toks {
		if !t.CJK {
			a.Words[t.Text] = true
		}
	}
	for _, k := range keys {
		a.Units[k] = struct{}{}
	}
	return a
}
