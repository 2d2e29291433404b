package bank

import (
	"regexp"
	"strings"

	"github.com/interviewbot/interviewbot/bank/lexicon"
)

// An English answer defines a thing and then shows it: "A rollback
// restores the previous stable release … - Example: Rolling back on
// Kubernetes". A point picked from the example (Kubernetes, Toggle dark
// mode) is not what an interviewer checks; the definition's terms come
// first, the example's only when the rest of the answer gives none.

// reExampleLead opens an idea that is an example.
var reExampleLead = regexp.MustCompile(`(?i)^\W*(?:examples?\b|e\.g\.|eg\b|for (?:example|instance)\b|sample\b|usage\b\s*:)`)

// reExampleInline opens an example inside a sentence: ", e.g. …",
// "for example …". "such as" is left alone: it often names the very
// thing (`such as the Accept-Language header`).
var reExampleInline = regexp.MustCompile(`(?i)\s*[,;(]?\s*\b(?:e\.g\.|for (?:example|instance)\b)`)

// splitEnglishExamples separates an answer's English ideas into the ones
// that define or explain and the examples: an idea that opens with an
// example's marker, and the tail of one from an inline marker on.
func splitEnglishExamples(ideas []string) (defining, examples []string) {
	for _, s := range ideas {
		if reExampleLead.MatchString(s) {
			examples = append(examples, s)
			continue
		}
		if loc := reExampleInline.FindStringIndex(s); loc != nil && loc[0] > 0 {
			if head := strings.TrimSpace(s[:loc[0]]); head != "" {
				defining = append(defining, head)
			}
			examples = append(examples, strings.TrimSpace(s[loc[0]:]))
			continue
		}
		defining = append(defining, s)
	}
	return defining, examples
}

// loose returns the picker for an English definition that names no rare
// term: its phrases of two words or more count without one.
func (ip ideaPicker) loose(prompt string) ideaPicker {
	lowPrompt := strings.ToLower(prompt)
	ip.candidates = func(s string, skip map[string]bool) []phrase {
		toks := enTokens(s, lowPrompt)
		lex := lexicon.Default()
		for i := 1; i < len(toks); i++ {
			// After an adjective a word that can be a noun is one (a
			// stable release, new code), which the strict tagger leaves a
			// verb.
			if toks[i].tag == enBreak && toks[i-1].tag == enAdj && lex.EnglishPOS(strings.ToLower(toks[i].text)).Is(lexicon.Noun) {
				toks[i].tag = enNoun
			}
		}
		return nounPhrases(toks, skip, true)
	}
	return ip
}
