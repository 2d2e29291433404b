package grade

import (
	"strings"

	"github.com/interviewbot/interviewbot/bank/lexicon"
	"github.com/interviewbot/interviewbot/bank/textnorm"
)

// Off topic or vague: a reply that covers nothing and shares little with
// the question's reference (relevance under offTopicRelevance) is one of
// three things, and the feedback says which.
const (
	// maxVagueTerms is the most content words a vague reply has: "看情况吧，
	// 应该问题不大" has three.
	maxVagueTerms = 3
	// generalRarity is the rarity under which a word is general language
	// (问题 4.7, 发展 3.6, 负责 5.8); 缺点 (7.6) or 细节 (7.2) already say
	// what they are about.
	generalRarity = 6.0
)

// judgeTopic sets OffTopic or Vague on a reply that covers nothing and is
// hardly about the question. A reply that names a thing a comparison
// prompt names ("docker is containers…" to Docker vs a VM) is on topic,
// however little of the reference it has: neither is set. A few words, one
// of them general language, or a single word ("看情况吧", "it depends"),
// and no name the reference lacks, are too short or too general to tell:
// Vague. Anything else most likely answers another
// question: OffTopic.
func (g *Grader) judgeTopic(res *Result, text string, r *analysis, cq *compiledQuestion) {
	if res.Coverage != 0 || res.DontKnow || res.Relevance >= offTopicRelevance {
		return
	}
	if namesSubject(r, cq.subjects) {
		return
	}
	terms := g.az.analyzeWith(text, bridge{terms: true}).terms
	if len(terms) <= maxVagueTerms && hasGeneralWord(terms) && !g.namesOtherThing(r, cq) {
		res.Vague = true
		return
	}
	res.OffTopic = true
}

// namesOtherThing reports whether the reply has a Latin word rare in
// general English (a name: google, kubernetes) that the reference lacks:
// "go was created at google" is short but about something else.
func (g *Grader) namesOtherThing(r *analysis, cq *compiledQuestion) bool {
	for w := range r.words {
		if textnorm.IsStopWord(w) || lexicon.IsFunctionWord(w) {
			continue
		}
		if _, known := cq.reference[textnorm.WordUnit(w)]; !known && g.az.lex.EnglishIDF(w) >= lexicon.RareIDF {
			return true
		}
	}
	return false
}

// namesSubject reports whether the reply names one of the prompt's
// subjects (the things a comparison prompt names).
func namesSubject(r *analysis, subjects []string) bool {
	for _, s := range subjects {
		s = strings.ToLower(s)
		if r.words[s] || (!isLatinWord(s) && strings.Contains(r.folded, s)) {
			return true
		}
	}
	return false
}

// hasGeneralWord reports whether there is at most one term (a reply of
// one word is too short to tell), or one of them is a word of general
// language.
func hasGeneralWord(terms []term) bool {
	if len(terms) <= 1 {
		return true
	}
	for _, t := range terms {
		if t.rarity < generalRarity {
			return true
		}
	}
	return false
}

// isLatinWord reports whether s is written in ASCII only.
func isLatinWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
