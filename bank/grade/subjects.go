package grade

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// questionWords ask rather than name: never a subject of the prompt.
var questionWords = map[string]bool{
	"区别": true, "不同": true, "差异": true, "对比": true, "比较": true, "什么": true, "哪些": true,
	"哪个": true, "如何": true, "怎么": true, "为什么": true, "有何": true, "优缺点": true,
	"difference": true, "differences": true, "between": true, "compare": true, "vs": true, "versus": true,
	"what": true, "which": true, "how": true, "why": true,
}

// comparisonCues mark a prompt that compares things.
var comparisonCues = []string{"区别", "不同", "差异", "对比", "比较", "相比", "异同", "difference", "differ", "compare", "comparison", " vs", "versus"}

// maxSubjects is the most things a comparison names; a prompt with more
// content words is a story, not a comparison.
const maxSubjects = 4

// promptSubjects returns the things a comparison prompt names (TCP and UDP
// of TCP与UDP的区别, 进程 and 线程): its Latin words and its Chinese words
// of two characters or more, folded, function and question words left out.
// A prompt that compares nothing, or names too many things, has none.
func (az analyzer) promptSubjects(prompt string) []string {
	lower := strings.ToLower(prompt)
	compares := false
	for _, c := range comparisonCues {
		compares = compares || strings.Contains(lower, c)
	}
	if !compares {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(w string) {
		if !seen[w] && !questionWords[w] && !lexicon.IsFunctionWord(w) && !textnorm.IsStopWord(w) {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, t := range textnorm.Tokens(prompt) {
		if !t.CJK {
			if strings.IndexFunc(t.Text, unicode.IsLetter) >= 0 {
				add(t.Text)
			}
			continue
		}
		for _, w := range az.lex.Words(t.Text) {
			if utf8.RuneCountInString(w) >= 2 {
				add(w)
			}
		}
	}
	if len(out) > maxSubjects {
		return nil
	}
	return out
}

// speaksOfSubjects reports whether a reply states things of two or more of
// the prompt's subjects, each in a clause of its own that opens with it
// and goes on with words the prompt lacks: `TCP 面向连接，UDP 无连接` is
// two statements, terse as they are, not a list of words.
func (az analyzer) speaksOfSubjects(r *analysis, subjects []string, prompt unitSet) bool {
	if len(subjects) < 2 {
		return false
	}
	said := map[string]bool{}
	clauses := strings.FieldsFunc(r.folded, func(c rune) bool { return strings.ContainsRune("，,；;。.！!？?\n", c) })
	for _, cl := range clauses {
		cl = strings.TrimSpace(cl)
		for _, s := range subjects {
			rest, ok := strings.CutPrefix(cl, s)
			if !ok || said[s] {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(rest); textnorm.IsLatinWordRune(r) && !textnorm.IsCJK(r) && isLatinSubject(s) {
				continue // "tcpip" does not open with the subject "tcp"
			}
			if saysMore(az.analyze(rest).units, prompt) {
				said[s] = true
				break
			}
		}
	}
	return len(said) >= 2
}

func isLatinSubject(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r < utf8.RuneSelf
}

// saysMore reports whether units hold one the prompt lacks.
func saysMore(units, prompt unitSet) bool {
	for u := range units {
		if _, ok := prompt[u]; !ok && !isSingle(u) {
			return true
		}
	}
	return false
}
