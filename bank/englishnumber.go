package bank

import (
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// An English point said once in the plural and once in the singular
// (`**Pointers**: …` in the definitions, `**Pointer**: …` in the code's
// list) is one point: the later form becomes an alias of the first.

// singularKey is text lower-cased with each word's plural ending cut:
// Pointers and Pointer, Dependencies and Dependency share it.
func singularKey(text string) string {
	words := strings.Fields(strings.ToLower(text))
	for i, w := range words {
		words[i] = singularWord(w)
	}
	return strings.Join(words, " ")
}

// singularWord cuts a plural ending: -ies to -y, -xes/-ches/-shes/-sses
// to the stem, a lone -s; words that end in -ss, -us or -is keep theirs.
func singularWord(w string) string {
	switch {
	case len(w) < 4:
		return w
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// foldNumber reports whether the set holds kp in the other number
// (Pointers for Pointer) and then keeps kp's text as that point's alias.
func (s *pointSet) foldNumber(kp KeyPoint) bool {
	key := singularKey(kp.Text)
	for i := range s.pts {
		p := &s.pts[i]
		if p.Text == kp.Text || singularKey(p.Text) != key {
			continue
		}
		if !slices.Contains(p.Aliases, kp.Text) {
			p.Aliases = append(p.Aliases, kp.Text)
		}
		s.seen[textnorm.Compact(kp.Text)] = true
		return true
	}
	return false
}
